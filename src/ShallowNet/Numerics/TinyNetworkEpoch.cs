using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Numerics;

/// <summary>One layer as <see cref="TinyNetworkEpoch{T}"/> sees it: W (n[l], n[l-1]), b (n[l], 1), g and its slope.</summary>
internal readonly record struct TinyLayer<T>(Matrix<T> W, Matrix<T> B, ActivationKind Kind, T Slope)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// One epoch of full-batch gradient descent for a tiny network (every layer at most <see cref="MaxWidth"/> units and
/// inputs, elementwise activations: the lesson's 2-4-1 network) as a single pass over the examples, a block of vector
/// lanes (examples j .. j+w−1) at a time, then the update. Per block, with every row a vector of w examples:
/// <code>
///   forward    Z[l] = W[l]·A[l-1] + b[l],  A[l] = g[l](Z[l])                 l = 1..L
///   backward   dZ[L] = A[L] − Y (∗ sample weight)
///              dW[l] += dZ[l]·A[l-1]ᵀ,  db[l] += Σ dZ[l]   (lane sums)        l = L..1
///              dZ[l-1] = (W[l]ᵀ·dZ[l]) ∗ g[l-1]'
/// </code>
/// then dW = (1/m)·(the lane sums added up) (+ (λ/m)·W), db = (1/m)·(…), W −= α·dW, b −= α·db. The activations of a
/// block stay in L1 (a few KB); the separate passes wrote and read every Z, A and dZ row of m values and called a kernel
/// per row (about fifteen calls per epoch for 2-4-1).
/// <para>
/// The result is bit-identical to the separate passes (Network.Forward, Network.Backward, the gradient-descent update),
/// because every value goes through the same operations in the same order:
/// <list type="bullet">
/// <item>Z = W·A and Wᵀ·dZ as <see cref="GemmDirect.Rows{T, TV, TOps}"/> sums them: fused multiply-adds from 0 over the
/// short dimension in ascending order (×α = 1 is exact and left out); the bias added after, as
/// <see cref="Elementwise"/> does, and g and g' are the same vector functions (lane by lane, so the lane an example
/// sits in does not matter).</item>
/// <item>dW = (1/m)·dZ·Aᵀ as <see cref="GemmDirect.Dots{T, TV, TOps}"/> sums it: one vector accumulator per weight,
/// lane r holding the examples ≡ r (mod w) of the whole blocks in ascending order, reduced by
/// <see cref="IVectorOps{TV, T}.Sum"/>, then the examples of the last, partial block one fused multiply-add at a time,
/// then × (1/m).</item>
/// <item>db = (1/m)·TensorPrimitives.Sum(dZ row) in the order TensorPrimitives adds a span of floating-point values
/// (System.Numerics.Tensors 10, m ≥ w): one vector accumulator from 0, blocks 1..8k first (its unrolled loop of eight
/// vectors, k = ⌊(m − w) / 8w⌋ when m &gt; 8w, else 0), then block 0, then the remaining whole blocks, then the last w
/// values with only the partial block's lanes kept (the partial block shifted to the top lanes), reduced by
/// Vector512.Sum or Vector256.Sum. Shorter spans (m &lt; w) are summed by TensorPrimitives.Sum itself.</item>
/// <item>The update θ − α·dθ with a separate multiply and subtract, as <see cref="UpdateKernels"/>.</item>
/// </list>
/// The vector width is the one all of those pick (512 bits where Vector512 is accelerated, else 256), and
/// <see cref="Applies"/> takes a network only when <see cref="GemmBlocked.Choose"/> sends each of its products to
/// those two direct paths. One thread, whatever the thread setting: the result does not depend on it.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class TinyNetworkEpoch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// At most this many units and inputs per layer. A layer of 16 × 16 keeps 256 vectors of dW lane sums (16 KB of
    /// doubles at 512 bits), about half of L1; beyond that the lane sums would stream from L2 on every block, and the
    /// products of such layers leave the direct GEMM paths for all but the smallest m anyway.
    /// </summary>
    public const int MaxWidth = 16;

    private readonly TinyLayer<T>[] _layers;
    private readonly int[] _n;            // n[0..L]
    private readonly int[] _rows;         // layer l's first row in the per-unit buffers: Σ_{k<l} n[k], layers 1..L at l−1
    private readonly int[] _weights;      // layer l's first weight in the lane sums of dW: Σ_{k<l} n[k]·n[k−1]
    private readonly int _m;
    private readonly int _lanes;
    private readonly T[] _z, _a, _dz;     // one block: a vector of lanes per unit of every layer
    private readonly T[] _dw;             // dW lane sums, a vector per weight
    private readonly T[] _db;             // db lane sums, a vector per unit
    private readonly T[] _dbFirst;        // block 0's dZ, which TensorPrimitives.Sum adds after its unrolled loop
    private readonly T[] _xTail, _yTail, _weightTail, _shifted;

    /// <summary>Buffers for a network of <paramref name="layers"/> (see <see cref="Applies"/>) over m examples.</summary>
    public TinyNetworkEpoch(IReadOnlyList<TinyLayer<T>> layers, int m)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        _n = [_layers[0].W.Cols, .. _layers.Select(l => l.W.Rows)];
        if (!Applies(_n, m))
        {
            throw new ArgumentException($"the fused epoch is for tiny networks whose products take the direct paths; not {string.Join("-", _n)} over {m} examples");
        }

        _m = m;
        _lanes = Lanes;
        int layerCount = _layers.Length;
        _rows = new int[layerCount];
        _weights = new int[layerCount];
        int units = 0, weights = 0;
        for (int l = 0; l < layerCount; l++)
        {
            _rows[l] = units;
            _weights[l] = weights;
            units += _n[l + 1];
            weights += _n[l + 1] * _n[l];
        }

        _z = new T[units * _lanes];
        _a = new T[units * _lanes];
        _dz = new T[units * _lanes];
        _db = new T[units * _lanes];
        _dbFirst = new T[units * _lanes];
        _dw = new T[weights * _lanes];
        _xTail = new T[_n[0] * _lanes];
        _yTail = new T[_n[^1] * _lanes];
        _weightTail = new T[_lanes];
        _shifted = new T[_lanes];
    }

    /// <summary>The lanes of the vectors every kernel involved uses here (TensorPrimitives picks the same width).</summary>
    private static int Lanes => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count;

    /// <summary>
    /// Whether a network of layer sizes n[0..L] over m examples is tiny enough and its products (Z = W·A, dW = dZ·Aᵀ,
    /// dA = Wᵀ·dZ of every layer) all go to the direct paths whose order this epoch reproduces. The activations and
    /// the training settings are the caller's to check.
    /// </summary>
    public static bool Applies(IReadOnlyList<int> n, int m)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (!(Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated) || m < 1 || n.Count < 2)
        {
            return false;
        }

        int lanes = Lanes;
        for (int l = 1; l < n.Count; l++)
        {
            int units = n[l], inputs = n[l - 1];
            if (units < 1 || inputs < 1 || units > MaxWidth || inputs > MaxWidth
                || GemmBlocked.Choose(units, m, inputs, Op.None, Op.None, lanes) != GemmBlocked.Route.Rows              // Z = W·A
                || GemmBlocked.Choose(units, inputs, m, Op.None, Op.Transpose, lanes) != GemmBlocked.Route.Dots         // dW = dZ·Aᵀ
                || (l > 1 && GemmBlocked.Choose(inputs, m, units, Op.Transpose, Op.None, lanes) != GemmBlocked.Route.Rows)) // dA = Wᵀ·dZ
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One epoch on X (n[0], m) and Y (n[L], m), optional sample weights (one per example): the forward and backward
    /// passes of every example, then W[l] −= α·dW[l] and b[l] −= α·db[l] in place, with the L2 term (λ/m)·W[l] in dW
    /// when <paramref name="l2"/> = λ &gt; 0.
    /// </summary>
    public void Run(Matrix<T> x, Matrix<T> y, ReadOnlySpan<T> sampleWeights, T rate, double l2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows != _n[0] || x.Cols != _m || y.Rows != _n[^1] || y.Cols != _m || (!sampleWeights.IsEmpty && sampleWeights.Length != _m))
        {
            throw new ArgumentException($"the fused epoch was set up for X {_n[0]}×{_m} and Y {_n[^1]}×{_m}; got X {x.Shape}, Y {y.Shape}");
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Run<Vector512<T>, Simd512<T>>(x, y, sampleWeights, rate, l2);
        }
        else
        {
            Run<Vector256<T>, Simd256<T>>(x, y, sampleWeights, rate, l2);
        }
    }

    private void Run<TV, TOps>(Matrix<T> x, Matrix<T> y, ReadOnlySpan<T> sampleWeights, T rate, double l2)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, m = _m, whole = m / w, tail = m % w;
        bool weighted = !sampleWeights.IsEmpty;
        _dw.AsSpan().Clear();
        _db.AsSpan().Clear();

        // TensorPrimitives.Sum's unrolled loop (eight vectors a turn, from block 1) runs k turns; block 0 comes after it
        int firstAfter = m > 8 * w ? 8 * ((m - w) / (8 * w)) : 0;
        ref T xr = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref T yr = ref MemoryMarshal.GetArrayDataReference(y.Data);
        ref T sw = ref MemoryMarshal.GetReference(sampleWeights);
        for (int block = 0; block < whole; block++)
        {
            int j = block * w;
            Forward<TV, TOps>(ref Unsafe.Add(ref xr, j), m);
            Backward<TV, TOps>(ref Unsafe.Add(ref xr, j), m, ref Unsafe.Add(ref yr, j), m, ref Unsafe.Add(ref sw, weighted ? j : 0), weighted, block, firstAfter);
        }

        if (tail > 0)
        {
            // the last, partial block: padded with zeros to a whole vector; its lanes stay out of the lane sums
            int j = whole * w;
            PadTail(x, j, tail, _xTail);
            PadTail(y, j, tail, _yTail);
            if (weighted)
            {
                _weightTail.AsSpan().Clear();
                sampleWeights[j..].CopyTo(_weightTail);
            }

            ref T xt = ref MemoryMarshal.GetArrayDataReference(_xTail);
            Forward<TV, TOps>(ref xt, w);
            Backward<TV, TOps>(ref xt, w, ref MemoryMarshal.GetArrayDataReference(_yTail), w, ref MemoryMarshal.GetArrayDataReference(_weightTail), weighted, -1, firstAfter);
        }

        Update<TV, TOps>(tail, rate, l2);
    }

    /// <summary>Columns [j, j + count) of <paramref name="source"/>, each row padded with zeros to a whole vector.</summary>
    private void PadTail(Matrix<T> source, int j, int count, T[] target)
    {
        Array.Clear(target);
        for (int i = 0; i < source.Rows; i++)
        {
            source.Row(i).Slice(j, count).CopyTo(target.AsSpan(i * _lanes));
        }
    }

    /// <summary>Z[l] = W[l]·A[l-1] + b[l] and A[l] = g[l](Z[l]) for one block; A[0] is X's block (rows <paramref name="xStride"/> apart).</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward<TV, TOps>(ref T x, int xStride)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        ref T input = ref x;
        int stride = xStride;
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            int inputs = _n[l], units = _n[l + 1];
            ref T wl = ref MemoryMarshal.GetArrayDataReference(layer.W.Data);
            ref T bl = ref MemoryMarshal.GetArrayDataReference(layer.B.Data);
            ref T zl = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_z), _rows[l] * w);
            ref T al = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_a), _rows[l] * w);
            TV slope = TOps.Broadcast(layer.Slope);
            for (int i = 0; i < units; i++)
            {
                // Σ_q W[i, q]·A[l-1][q]: fused multiply-adds from 0, q ascending (GemmDirect.Rows; its ×1 is exact)
                ref T wi = ref Unsafe.Add(ref wl, i * inputs);
                TV sum = TOps.Zero;
                for (int q = 0; q < inputs; q++)
                {
                    sum = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wi, q)), TOps.Load(in Unsafe.Add(ref input, q * stride)), sum);
                }

                TV z = TOps.Add(sum, TOps.Broadcast(Unsafe.Add(ref bl, i)));       // + b[i], then g (Elementwise.BiasForward)
                TOps.Store(z, ref Unsafe.Add(ref zl, i * w));
                TOps.Store(Activate<TV, TOps>(layer.Kind, z, slope), ref Unsafe.Add(ref al, i * w));
            }

            input = ref al;
            stride = w;
        }
    }

    /// <summary>
    /// Back-propagation for the block just forwarded: dZ[L] = A[L] − Y, and for l = L..1 the lane sums of dW[l] and
    /// db[l] (whole blocks only: <paramref name="block"/> ≥ 0) and dZ[l-1] = (W[l]ᵀ·dZ[l]) ∗ g[l-1]'.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward<TV, TOps>(ref T x, int xStride, ref T y, int yStride, ref T sampleWeight, bool weighted, int block, int firstAfter)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, last = _layers.Length - 1;
        ref T z0 = ref MemoryMarshal.GetArrayDataReference(_z);
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(_a);
        ref T dz0 = ref MemoryMarshal.GetArrayDataReference(_dz);

        // dZ[L] = A[L] − Y (Loss.OutputError), ∗ the example's weight
        ref T aOut = ref Unsafe.Add(ref a0, _rows[last] * w);
        ref T dzOut = ref Unsafe.Add(ref dz0, _rows[last] * w);
        for (int i = 0; i < _n[^1]; i++)
        {
            TV d = TOps.Subtract(TOps.Load(in Unsafe.Add(ref aOut, i * w)), TOps.Load(in Unsafe.Add(ref y, i * yStride)));
            if (weighted)
            {
                d = TOps.Multiply(d, TOps.Load(in sampleWeight));
            }

            TOps.Store(d, ref Unsafe.Add(ref dzOut, i * w));
        }

        for (int l = last; l >= 0; l--)
        {
            int inputs = _n[l], units = _n[l + 1];
            ref T dz = ref Unsafe.Add(ref dz0, _rows[l] * w);
            if (block >= 0)
            {
                // the input of layer l for this block: X's rows or A[l-1]'s
                bool first = l == 0;
                ref T input = ref first ? ref x : ref Unsafe.Add(ref a0, _rows[first ? 0 : l - 1] * w);
                int stride = first ? xStride : w;
                Accumulate<TV, TOps>(ref dz, ref input, stride, units, inputs, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_dw), _weights[l] * w));
                SumBias<TV, TOps>(ref dz, units, block, firstAfter, _rows[l] * w);
            }

            if (l > 0)
            {
                // dA[l-1] = W[l]ᵀ·dZ[l] (GemmDirect.Rows over op(A) = Wᵀ: fused multiply-adds from 0, i ascending), then
                // dZ[l-1] = dA ∗ g'(Z or A) in place (Elementwise.Backward)
                var below = _layers[l - 1];
                ref T wl = ref MemoryMarshal.GetArrayDataReference(_layers[l].W.Data);
                ref T zb = ref Unsafe.Add(ref z0, _rows[l - 1] * w);
                ref T ab = ref Unsafe.Add(ref a0, _rows[l - 1] * w);
                ref T dzb = ref Unsafe.Add(ref dz0, _rows[l - 1] * w);
                TV slope = TOps.Broadcast(below.Slope);
                for (int q = 0; q < inputs; q++)
                {
                    TV da = TOps.Zero;
                    for (int i = 0; i < units; i++)
                    {
                        da = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wl, (i * inputs) + q)), TOps.Load(in Unsafe.Add(ref dz, i * w)), da);
                    }

                    TV g = Derivative<TV, TOps>(below.Kind, TOps.Load(in Unsafe.Add(ref zb, q * w)), TOps.Load(in Unsafe.Add(ref ab, q * w)), da, slope);
                    TOps.Store(g, ref Unsafe.Add(ref dzb, q * w));
                }
            }
        }
    }
    /// <summary>
    /// dW's lane sums += dZ[l]·A[l-1]ᵀ for one whole block: sum[i, q] = dZ[i]·A[q] + sum[i, q], lane by lane, as
    /// GemmDirect.Dots accumulates dZ·Aᵀ (one accumulator per weight, blocks in ascending order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TV, TOps>(ref T dz, ref T input, int stride, int units, int inputs, ref T sums)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        for (int i = 0; i < units; i++)
        {
            TV d = TOps.Load(in Unsafe.Add(ref dz, i * w));
            ref T row = ref Unsafe.Add(ref sums, i * inputs * w);
            for (int q = 0; q < inputs; q++)
            {
                ref T s = ref Unsafe.Add(ref row, q * w);
                TOps.Store(TOps.MultiplyAdd(d, TOps.Load(in Unsafe.Add(ref input, q * stride)), TOps.Load(in s)), ref s);
            }
        }
    }

    /// <summary>
    /// db's lane sums += dZ[l] for one whole block, in TensorPrimitives.Sum's order: block 0 is held back and added
    /// after block <paramref name="firstAfter"/> (the end of its unrolled loop; at once when there is no such loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SumBias<TV, TOps>(ref T dz, int units, int block, int firstAfter, int offset)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        ref T sums = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_db), offset);
        ref T held = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_dbFirst), offset);
        for (int i = 0; i < units; i++)
        {
            TV d = TOps.Load(in Unsafe.Add(ref dz, i * w));
            if (block == 0 && firstAfter > 0)
            {
                TOps.Store(d, ref Unsafe.Add(ref held, i * w));
                continue;
            }

            TV s = TOps.Add(TOps.Load(in Unsafe.Add(ref sums, i * w)), d);
            if (block == firstAfter && firstAfter > 0)
            {
                s = TOps.Add(s, TOps.Load(in Unsafe.Add(ref held, i * w)));
            }

            TOps.Store(s, ref Unsafe.Add(ref sums, i * w));
        }
    }

    /// <summary>
    /// dW and db from their lane sums and the partial block's <paramref name="tail"/> examples (still in the block
    /// buffers), then W −= α·dW and b −= α·db, layer by layer (every W[l] was read by the backward pass already).
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update<TV, TOps>(int tail, T rate, double l2)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, m = _m;
        T invM = T.One / T.CreateChecked(m);                       // as DenseLayer.Backward: α of dW = (1/m)·dZ·Aᵀ
        T lambdaOverM = T.CreateChecked(l2 / m);                  // as Network.Backward
        bool penalised = l2 > 0;
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(_a);
        ref T dz0 = ref MemoryMarshal.GetArrayDataReference(_dz);
        ref T shifted = ref MemoryMarshal.GetArrayDataReference(_shifted);
        for (int l = 0; l < _layers.Length; l++)
        {
            int inputs = _n[l], units = _n[l + 1];
            ref T wl = ref MemoryMarshal.GetArrayDataReference(_layers[l].W.Data);
            ref T bl = ref MemoryMarshal.GetArrayDataReference(_layers[l].B.Data);
            ref T sums = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_dw), _weights[l] * w);
            ref T dz = ref Unsafe.Add(ref dz0, _rows[l] * w);
            ref T input = ref l == 0 ? ref MemoryMarshal.GetArrayDataReference(_xTail) : ref Unsafe.Add(ref a0, _rows[l == 0 ? 0 : l - 1] * w);
            for (int i = 0; i < units; i++)
            {
                ref T dzi = ref Unsafe.Add(ref dz, i * w);
                for (int q = 0; q < inputs; q++)
                {
                    // GemmDirect.Dots' Finish: the lane sum reduced, then the partial block's examples in order, × 1/m
                    T s = TOps.Sum(TOps.Load(in Unsafe.Add(ref sums, ((i * inputs) + q) * w)));
                    ref T aq = ref Unsafe.Add(ref input, q * w);
                    for (int r = 0; r < tail; r++)
                    {
                        s = T.FusedMultiplyAdd(Unsafe.Add(ref dzi, r), Unsafe.Add(ref aq, r), s);
                    }

                    ref T wiq = ref Unsafe.Add(ref wl, (i * inputs) + q);
                    T dw = s * invM;
                    if (penalised)
                    {
                        dw += lambdaOverM * wiq;                          // dW += (λ/m) W
                    }

                    wiq -= rate * dw;                                     // W −= α·dW, no fused multiply-add
                }

                T sum;
                if (m >= w)
                {
                    // TensorPrimitives.Sum's last vector: the final w values, only the partial block's lanes kept
                    Unsafe.InitBlockUnaligned(ref Unsafe.As<T, byte>(ref shifted), 0, (uint)(w * Unsafe.SizeOf<T>()));
                    for (int r = 0; r < tail; r++)
                    {
                        Unsafe.Add(ref shifted, w - tail + r) = Unsafe.Add(ref dzi, r);
                    }

                    TV total = TOps.Add(TOps.Load(in Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_db), (_rows[l] + i) * w)), TOps.Load(in shifted));
                    sum = LaneSum(total);
                }
                else
                {
                    sum = TensorPrimitives.Sum<T>(MemoryMarshal.CreateReadOnlySpan(ref dzi, tail));
                }

                Unsafe.Add(ref bl, i) -= rate * (invM * sum);            // b −= α·db, db = (1/m) Σ dZ
            }
        }
    }

    /// <summary>The sum of a vector's lanes as TensorPrimitives.Sum finishes (Vector512.Sum or Vector256.Sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LaneSum<TV>(TV v)
        where TV : struct
        => typeof(TV) == typeof(Vector512<T>)
            ? Vector512.Sum(Unsafe.As<TV, Vector512<T>>(ref v))
            : Vector256.Sum(Unsafe.As<TV, Vector256<T>>(ref v));

    /// <summary>g(z), the same vector functions as Elementwise's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Activate<TV, TOps>(ActivationKind kind, TV z, TV slope)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => kind switch
        {
            ActivationKind.Tanh => TanhOp<T, TV, TOps>.Apply(z, slope),
            ActivationKind.Sigmoid => SigmoidOp<T, TV, TOps>.Apply(z, slope),
            ActivationKind.Relu => ReluOp<T, TV, TOps>.Apply(z, slope),
            ActivationKind.LeakyRelu => LeakyReluOp<T, TV, TOps>.Apply(z, slope),
            _ => z,
        };

    /// <summary>da ∗ g', from A (sigmoid, tanh) or Z (ReLU, leaky ReLU), as Elementwise.Backward.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Derivative<TV, TOps>(ActivationKind kind, TV z, TV a, TV da, TV slope)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => kind switch
        {
            ActivationKind.Tanh => TanhOp<T, TV, TOps>.Backward(a, da, slope),
            ActivationKind.Sigmoid => SigmoidOp<T, TV, TOps>.Backward(a, da, slope),
            ActivationKind.Relu => ReluOp<T, TV, TOps>.Backward(z, da, slope),
            ActivationKind.LeakyRelu => LeakyReluOp<T, TV, TOps>.Backward(z, da, slope),
            _ => da,
        };
}
