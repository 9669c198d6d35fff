using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>One layer as <see cref="TinyNetworkEpoch{T}"/> sees it: W (n[l], n[l-1]), b (n[l], 1), g's vector kernels.</summary>
internal readonly record struct TinyLayer<T>(Matrix<T> W, Matrix<T> B, ActivationKernel<T> G)
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
/// <item>db = (1/m)·Σ dZ row in <see cref="RowSum"/>'s order: P = 64 bytes of partial sums per unit (one vector at
/// 512 bits, two at 256, four at 128: whole vector v goes to the part v mod (P / w)), example j added to partial sum j mod P in ascending
/// order, the partial block's examples lane by lane after the whole ones, then <see cref="RowSum.Fold{T}"/>.</item>
/// <item>The update θ − α·dθ with a separate multiply and subtract, as <see cref="UpdateKernels"/>.</item>
/// </list>
/// The vector width is the one all of those pick (<see cref="VectorWidth"/>: 512, 256 or 128 bits), and
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

    /// <summary>
    /// Vectors of examples that go through each step together (128 doubles at 512 bits; the lesson's network keeps
    /// 15 KB of them in L1). One vector at a time left the core waiting on each activation's chain of dependent
    /// operations (its division most): the next independent one was hundreds of instructions away, beyond what the
    /// out-of-order window holds. Sixteen was the smallest group as fast as any larger one (bench/README, Round 6).
    /// </summary>
    private const int Group = 16;

    private readonly TinyLayer<T>[] _layers;
    private readonly int[] _n;            // n[0..L]
    private readonly int[] _rows;         // layer l's first row in the per-unit buffers: Σ_{k<l} n[k], layers 1..L at l−1
    private readonly int[] _weights;      // layer l's first weight in the lane sums of dW: Σ_{k<l} n[k]·n[k−1]
    private readonly int _m;
    private readonly int _lanes;

    // The buffers, as offsets into one pinned array, each on a 64-byte boundary: a vector stored across two cache lines
    // is not forwarded to the load that reads it back a few instructions later (the next layer's product reads A[l]
    // just stored), and the separate passes wrote and read their rows far apart, so they never met this.
    private readonly T[] _arena;
    private readonly int _origin;
    private readonly int _z, _a, _dz;     // one block: a vector of lanes per unit of every layer
    private readonly int _dw;             // dW lane sums, a vector per weight
    private readonly int _db;             // db's partial sums in RowSum's order, P = 64 bytes of them per unit
    private readonly int _xTail, _yTail, _weightTail;
    private readonly int _sumsLength;     // _dw and _db, which lie one after the other

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

        int length = 0;
        int Take(int vectors)
        {
            int offset = length;
            length += vectors * _lanes;
            return offset;
        }

        _dw = Take(weights);
        _db = Take(units * RowSum.Lanes<T>() / _lanes);
        _sumsLength = length;
        _z = Take(units * Group);
        _a = Take(units * Group);
        _dz = Take(units * Group);
        _xTail = Take(_n[0]);
        _yTail = Take(_n[^1]);
        _weightTail = Take(1);
        int perLine = 64 / Unsafe.SizeOf<T>();
        _arena = GC.AllocateArray<T>(length + perLine, pinned: true);
        unsafe
        {
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_arena));
            _origin = (int)((64 - (address % 64)) % 64) / Unsafe.SizeOf<T>();
        }
    }

    /// <summary>The lanes of the vectors every kernel involved uses here (Elementwise and GemmDirect pick the same width).</summary>
    private static int Lanes => VectorWidth.Lanes<T>();

    /// <summary>
    /// Whether a network of layer sizes n[0..L] over m examples is tiny enough and its products (Z = W·A, dW = dZ·Aᵀ,
    /// dA = Wᵀ·dZ of every layer) all go to the direct paths whose order this epoch reproduces. The activations and
    /// the training settings are the caller's to check.
    /// </summary>
    public static bool Applies(IReadOnlyList<int> n, int m)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (m < 1 || n.Count < 2)
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

        if (VectorWidth.Bits == 512)
        {
            Run<Vector512<T>, Simd512<T>>(x, y, sampleWeights, rate, l2);
        }
        else if (VectorWidth.Bits == 256)
        {
            Run<Vector256<T>, Simd256<T>>(x, y, sampleWeights, rate, l2);
        }
        else
        {
            Run<Vector128<T>, Simd128<T>>(x, y, sampleWeights, rate, l2);
        }
    }

    private void Run<TV, TOps>(Matrix<T> x, Matrix<T> y, ReadOnlySpan<T> sampleWeights, T rate, double l2)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, m = _m, whole = m / w, tail = m % w;
        bool weighted = !sampleWeights.IsEmpty;
        Span(_dw, _sumsLength).Clear();                           // the lane sums of dW and db

        ref T xr = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref T yr = ref MemoryMarshal.GetArrayDataReference(y.Data);
        ref T sw = ref MemoryMarshal.GetReference(sampleWeights);
        for (int block = 0; block < whole; block += Group)
        {
            int j = block * w, count = Math.Min(Group, whole - block);
            Forward<TV, TOps>(ref Unsafe.Add(ref xr, j), m, count);
            Backward<TV, TOps>(ref Unsafe.Add(ref xr, j), m, ref Unsafe.Add(ref yr, j), m, ref Unsafe.Add(ref sw, weighted ? j : 0), weighted, block, count);
        }

        if (tail > 0)
        {
            // the last, partial vector: padded with zeros to a whole one; its lanes stay out of the lane sums
            int j = whole * w;
            PadTail(x, j, tail, Span(_xTail, _n[0] * w));
            PadTail(y, j, tail, Span(_yTail, _n[^1] * w));
            if (weighted)
            {
                Span(_weightTail, w).Clear();
                sampleWeights[j..].CopyTo(Span(_weightTail, w));
            }

            ref T xt = ref At(_xTail);
            Forward<TV, TOps>(ref xt, w, 1);
            Backward<TV, TOps>(ref xt, w, ref At(_yTail), w, ref At(_weightTail), weighted, -1, 1);
        }

        Update<TV, TOps>(tail, rate, l2);
    }

    /// <summary>Columns [j, j + count) of <paramref name="source"/>, each row padded with zeros to a whole vector.</summary>
    private void PadTail(Matrix<T> source, int j, int count, Span<T> target)
    {
        target.Clear();
        for (int i = 0; i < source.Rows; i++)
        {
            source.Row(i).Slice(j, count).CopyTo(target[(i * _lanes)..]);
        }
    }

    /// <summary>The buffer at <paramref name="offset"/> (64-byte aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref T At(int offset) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_arena), _origin + offset);

    private Span<T> Span(int offset, int length) => _arena.AsSpan(_origin + offset, length);

    /// <summary>
    /// Z[l] = W[l]·A[l-1] + b[l] and A[l] = g[l](Z[l]) for <paramref name="count"/> vectors of examples; A[0] is X's
    /// (rows <paramref name="xStride"/> apart). Each operation runs over the vectors in turn, so that the out-of-order
    /// core has several independent activations in flight, as in the separate passes.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward<TV, TOps>(ref T x, int xStride, int count)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, row = Group * w;
        ref T input = ref x;
        int stride = xStride;
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            int inputs = _n[l], units = _n[l + 1];
            ref T wl = ref MemoryMarshal.GetArrayDataReference(layer.W.Data);
            ref T bl = ref MemoryMarshal.GetArrayDataReference(layer.B.Data);
            ref T zl = ref At(_z + (_rows[l] * row));
            ref T al = ref At(_a + (_rows[l] * row));
            int i = 0;
            for (; i + 4 <= units; i += 4)
            {
                // four units at once: each input vector loaded once for all four (the same sums as one at a time)
                ref T w0 = ref Unsafe.Add(ref wl, i * inputs);
                ref T w1 = ref Unsafe.Add(ref w0, inputs);
                ref T w2 = ref Unsafe.Add(ref w1, inputs);
                ref T w3 = ref Unsafe.Add(ref w2, inputs);
                ref T z = ref Unsafe.Add(ref zl, i * row);
                for (int o = 0; o < count * w; o += w)
                {
                    TV s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
                    for (int q = 0; q < inputs; q++)
                    {
                        TV xq = TOps.Load(in Unsafe.Add(ref input, (q * stride) + o));
                        s0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref w0, q)), xq, s0);
                        s1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref w1, q)), xq, s1);
                        s2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref w2, q)), xq, s2);
                        s3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref w3, q)), xq, s3);
                    }

                    TOps.Store(TOps.Add(s0, TOps.Broadcast(Unsafe.Add(ref bl, i))), ref Unsafe.Add(ref z, o));
                    TOps.Store(TOps.Add(s1, TOps.Broadcast(Unsafe.Add(ref bl, i + 1))), ref Unsafe.Add(ref z, row + o));
                    TOps.Store(TOps.Add(s2, TOps.Broadcast(Unsafe.Add(ref bl, i + 2))), ref Unsafe.Add(ref z, (2 * row) + o));
                    TOps.Store(TOps.Add(s3, TOps.Broadcast(Unsafe.Add(ref bl, i + 3))), ref Unsafe.Add(ref z, (3 * row) + o));
                }

                layer.G.ForwardRows(ref Unsafe.Add(ref zl, i * row), ref Unsafe.Add(ref al, i * row), 4, row, count);
            }

            for (; i < units; i++)
            {
                ref T wi = ref Unsafe.Add(ref wl, i * inputs);
                TV bias = TOps.Broadcast(Unsafe.Add(ref bl, i));
                for (int g = 0; g < count; g++)
                {
                    // Σ_q W[i, q]·A[l-1][q]: fused multiply-adds from 0, q ascending (GemmDirect.Rows; its ×1 is exact)
                    TV sum = TOps.Zero;
                    for (int q = 0; q < inputs; q++)
                    {
                        sum = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wi, q)), TOps.Load(in Unsafe.Add(ref input, (q * stride) + (g * w))), sum);
                    }

                    TOps.Store(TOps.Add(sum, bias), ref Unsafe.Add(ref zl, (i * row) + (g * w)));    // + b[i] (Elementwise.BiasForward)
                }

                layer.G.ForwardRows(ref Unsafe.Add(ref zl, i * row), ref Unsafe.Add(ref al, i * row), 1, row, count);
            }

            input = ref al;
            stride = row;
        }
    }

    /// <summary>
    /// Back-propagation for the vectors just forwarded: dZ[L] = A[L] − Y, and for l = L..1 the lane sums of dW[l] and
    /// db[l] (whole vectors only: <paramref name="block"/>, the first vector's index, ≥ 0) and
    /// dZ[l-1] = (W[l]ᵀ·dZ[l]) ∗ g[l-1]'.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward<TV, TOps>(ref T x, int xStride, ref T y, int yStride, ref T sampleWeight, bool weighted, int block, int count)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, row = Group * w, last = _layers.Length - 1;

        // dZ[L] = A[L] − Y (Loss.OutputError), ∗ the example's weight
        ref T aOut = ref At(_a + (_rows[last] * row));
        ref T dzOut = ref At(_dz + (_rows[last] * row));
        for (int i = 0; i < _n[^1]; i++)
        {
            for (int g = 0; g < count; g++)
            {
                TV d = TOps.Subtract(TOps.Load(in Unsafe.Add(ref aOut, (i * row) + (g * w))), TOps.Load(in Unsafe.Add(ref y, (i * yStride) + (g * w))));
                if (weighted)
                {
                    d = TOps.Multiply(d, TOps.Load(in Unsafe.Add(ref sampleWeight, g * w)));
                }

                TOps.Store(d, ref Unsafe.Add(ref dzOut, (i * row) + (g * w)));
            }
        }

        for (int l = last; l >= 0; l--)
        {
            int inputs = _n[l], units = _n[l + 1];
            ref T dz = ref At(_dz + (_rows[l] * row));
            if (block >= 0)
            {
                // the input of layer l for these vectors: X's rows or A[l-1]'s
                bool first = l == 0;
                ref T input = ref first ? ref x : ref At(_a + (_rows[first ? 0 : l - 1] * row));
                int stride = first ? xStride : row;
                Accumulate<TV, TOps>(ref dz, ref input, stride, units, inputs, count, ref At(_dw + (_weights[l] * w)));
                SumBias<TV, TOps>(ref dz, units, block, count, _rows[l] * RowSum.Lanes<T>());
            }

            if (l > 0)
            {
                // dA[l-1] = W[l]ᵀ·dZ[l] (GemmDirect.Rows over op(A) = Wᵀ: fused multiply-adds from 0, i ascending), then
                // dZ[l-1] = dA ∗ g'(Z or A) (Elementwise.Backward)
                var below = _layers[l - 1];
                ref T wl = ref MemoryMarshal.GetArrayDataReference(_layers[l].W.Data);
                ref T zb = ref At(_z + (_rows[l - 1] * row));
                ref T ab = ref At(_a + (_rows[l - 1] * row));
                ref T dzb = ref At(_dz + (_rows[l - 1] * row));
                int q = 0;
                for (; q + 4 <= inputs; q += 4)
                {
                    // four rows of dA at once: each dZ vector loaded once for all four
                    for (int o = 0; o < count * w; o += w)
                    {
                        TV d0 = TOps.Zero, d1 = TOps.Zero, d2 = TOps.Zero, d3 = TOps.Zero;
                        for (int i = 0; i < units; i++)
                        {
                            TV dzi = TOps.Load(in Unsafe.Add(ref dz, (i * row) + o));
                            ref T wiq = ref Unsafe.Add(ref wl, (i * inputs) + q);
                            d0 = TOps.MultiplyAdd(TOps.Broadcast(wiq), dzi, d0);
                            d1 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wiq, 1)), dzi, d1);
                            d2 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wiq, 2)), dzi, d2);
                            d3 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wiq, 3)), dzi, d3);
                        }

                        ref T da = ref Unsafe.Add(ref dzb, (q * row) + o);
                        TOps.Store(d0, ref da);
                        TOps.Store(d1, ref Unsafe.Add(ref da, row));
                        TOps.Store(d2, ref Unsafe.Add(ref da, 2 * row));
                        TOps.Store(d3, ref Unsafe.Add(ref da, 3 * row));
                    }

                    below.G.BackwardRows(ref Unsafe.Add(ref zb, q * row), ref Unsafe.Add(ref ab, q * row), ref Unsafe.Add(ref dzb, q * row), 4, row, count);
                }

                for (; q < inputs; q++)
                {
                    for (int g = 0; g < count; g++)
                    {
                        TV da = TOps.Zero;
                        for (int i = 0; i < units; i++)
                        {
                            da = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref wl, (i * inputs) + q)), TOps.Load(in Unsafe.Add(ref dz, (i * row) + (g * w))), da);
                        }

                        TOps.Store(da, ref Unsafe.Add(ref dzb, (q * row) + (g * w)));
                    }

                    below.G.BackwardRows(ref Unsafe.Add(ref zb, q * row), ref Unsafe.Add(ref ab, q * row), ref Unsafe.Add(ref dzb, q * row), 1, row, count);
                }
            }
        }
    }

    /// <summary>
    /// dW's lane sums += dZ[l]·A[l-1]ᵀ for <paramref name="count"/> whole vectors: sum[i, q] = dZ[i]·A[q] + sum[i, q],
    /// lane by lane, vector after vector, as GemmDirect.Dots accumulates dZ·Aᵀ (one accumulator per weight, the
    /// examples' vectors in ascending order). Four weights at a time, so that four chains of multiply-adds are in
    /// flight: one chain alone waits out each multiply-add's latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TV, TOps>(ref T dz, ref T input, int stride, int units, int inputs, int count, ref T sums)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, row = Group * w, total = units * inputs, k = 0;
        if (units % 4 == 0 && inputs % 2 == 0)
        {
            // tiles of four units × two inputs: six loads feed eight multiply-adds
            for (int i = 0; i < units; i += 4)
            {
                for (int q = 0; q < inputs; q += 2)
                {
                    Tile4x2<TV, TOps>(ref Unsafe.Add(ref dz, i * row), row, ref Unsafe.Add(ref input, q * stride), stride, count, ref Unsafe.Add(ref sums, ((i * inputs) + q) * w), inputs * w);
                }
            }

            return;
        }

        if (inputs % 4 == 0)
        {
            // one unit × four inputs: five loads feed four multiply-adds
            for (int i = 0; i < units; i++)
            {
                for (int q = 0; q < inputs; q += 4)
                {
                    Tile1x4<TV, TOps>(ref Unsafe.Add(ref dz, i * row), ref Unsafe.Add(ref input, q * stride), stride, count, ref Unsafe.Add(ref sums, ((i * inputs) + q) * w));
                }
            }

            return;
        }

        for (; k + 4 <= total; k += 4)
        {
            // weight k is W[k / inputs, k % inputs]: dZ's row and A's row it pairs
            ref T d0 = ref Unsafe.Add(ref dz, k / inputs * row);
            ref T d1 = ref Unsafe.Add(ref dz, (k + 1) / inputs * row);
            ref T d2 = ref Unsafe.Add(ref dz, (k + 2) / inputs * row);
            ref T d3 = ref Unsafe.Add(ref dz, (k + 3) / inputs * row);
            ref T x0 = ref Unsafe.Add(ref input, k % inputs * stride);
            ref T x1 = ref Unsafe.Add(ref input, (k + 1) % inputs * stride);
            ref T x2 = ref Unsafe.Add(ref input, (k + 2) % inputs * stride);
            ref T x3 = ref Unsafe.Add(ref input, (k + 3) % inputs * stride);
            ref T s = ref Unsafe.Add(ref sums, k * w);
            TV s0 = TOps.Load(in s), s1 = TOps.Load(in Unsafe.Add(ref s, w));
            TV s2 = TOps.Load(in Unsafe.Add(ref s, 2 * w)), s3 = TOps.Load(in Unsafe.Add(ref s, 3 * w));
            for (int o = 0; o < count * w; o += w)
            {
                s0 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref d0, o)), TOps.Load(in Unsafe.Add(ref x0, o)), s0);
                s1 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref d1, o)), TOps.Load(in Unsafe.Add(ref x1, o)), s1);
                s2 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref d2, o)), TOps.Load(in Unsafe.Add(ref x2, o)), s2);
                s3 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref d3, o)), TOps.Load(in Unsafe.Add(ref x3, o)), s3);
            }

            TOps.Store(s0, ref s);
            TOps.Store(s1, ref Unsafe.Add(ref s, w));
            TOps.Store(s2, ref Unsafe.Add(ref s, 2 * w));
            TOps.Store(s3, ref Unsafe.Add(ref s, 3 * w));
        }

        for (; k < total; k++)
        {
            ref T d = ref Unsafe.Add(ref dz, k / inputs * row);
            ref T x = ref Unsafe.Add(ref input, k % inputs * stride);
            ref T s = ref Unsafe.Add(ref sums, k * w);
            TV sum = TOps.Load(in s);
            for (int o = 0; o < count * w; o += w)
            {
                sum = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref d, o)), TOps.Load(in Unsafe.Add(ref x, o)), sum);
            }

            TOps.Store(sum, ref s);
        }
    }

    /// <summary>sums[r, c] += dZ[r]·A[c] for four rows of dZ (<paramref name="dzRow"/> apart) and two of A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2<TV, TOps>(ref T dz, int dzRow, ref T a, int aRow, int count, ref T sums, int sumsRow)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        ref T r0 = ref sums;
        ref T r1 = ref Unsafe.Add(ref r0, sumsRow);
        ref T r2 = ref Unsafe.Add(ref r1, sumsRow);
        ref T r3 = ref Unsafe.Add(ref r2, sumsRow);
        TV s00 = TOps.Load(in r0), s01 = TOps.Load(in Unsafe.Add(ref r0, w));
        TV s10 = TOps.Load(in r1), s11 = TOps.Load(in Unsafe.Add(ref r1, w));
        TV s20 = TOps.Load(in r2), s21 = TOps.Load(in Unsafe.Add(ref r2, w));
        TV s30 = TOps.Load(in r3), s31 = TOps.Load(in Unsafe.Add(ref r3, w));
        for (int o = 0; o < count * w; o += w)
        {
            TV x0 = TOps.Load(in Unsafe.Add(ref a, o)), x1 = TOps.Load(in Unsafe.Add(ref a, aRow + o));
            TV d = TOps.Load(in Unsafe.Add(ref dz, o));
            s00 = TOps.MultiplyAdd(d, x0, s00);
            s01 = TOps.MultiplyAdd(d, x1, s01);
            d = TOps.Load(in Unsafe.Add(ref dz, dzRow + o));
            s10 = TOps.MultiplyAdd(d, x0, s10);
            s11 = TOps.MultiplyAdd(d, x1, s11);
            d = TOps.Load(in Unsafe.Add(ref dz, (2 * dzRow) + o));
            s20 = TOps.MultiplyAdd(d, x0, s20);
            s21 = TOps.MultiplyAdd(d, x1, s21);
            d = TOps.Load(in Unsafe.Add(ref dz, (3 * dzRow) + o));
            s30 = TOps.MultiplyAdd(d, x0, s30);
            s31 = TOps.MultiplyAdd(d, x1, s31);
        }

        TOps.Store(s00, ref r0);
        TOps.Store(s01, ref Unsafe.Add(ref r0, w));
        TOps.Store(s10, ref r1);
        TOps.Store(s11, ref Unsafe.Add(ref r1, w));
        TOps.Store(s20, ref r2);
        TOps.Store(s21, ref Unsafe.Add(ref r2, w));
        TOps.Store(s30, ref r3);
        TOps.Store(s31, ref Unsafe.Add(ref r3, w));
    }

    /// <summary>sums[c] += dZ·A[c] for one row of dZ and four of A (<paramref name="aRow"/> apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x4<TV, TOps>(ref T dz, ref T a, int aRow, int count, ref T sums)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        TV s0 = TOps.Load(in sums), s1 = TOps.Load(in Unsafe.Add(ref sums, w));
        TV s2 = TOps.Load(in Unsafe.Add(ref sums, 2 * w)), s3 = TOps.Load(in Unsafe.Add(ref sums, 3 * w));
        for (int o = 0; o < count * w; o += w)
        {
            TV d = TOps.Load(in Unsafe.Add(ref dz, o));
            s0 = TOps.MultiplyAdd(d, TOps.Load(in Unsafe.Add(ref a, o)), s0);
            s1 = TOps.MultiplyAdd(d, TOps.Load(in Unsafe.Add(ref a, aRow + o)), s1);
            s2 = TOps.MultiplyAdd(d, TOps.Load(in Unsafe.Add(ref a, (2 * aRow) + o)), s2);
            s3 = TOps.MultiplyAdd(d, TOps.Load(in Unsafe.Add(ref a, (3 * aRow) + o)), s3);
        }

        TOps.Store(s0, ref sums);
        TOps.Store(s1, ref Unsafe.Add(ref sums, w));
        TOps.Store(s2, ref Unsafe.Add(ref sums, 2 * w));
        TOps.Store(s3, ref Unsafe.Add(ref sums, 3 * w));
    }

    /// <summary>
    /// db's partial sums += dZ[l] for <paramref name="count"/> whole vectors from vector <paramref name="block"/> on (a
    /// multiple of <see cref="Group"/>, so of P / w), in <see cref="RowSum"/>'s order: each unit keeps P = 64 bytes of
    /// partial sums, one vector at 512 bits; two at 256 bits and four at 128, vector v going to the part v mod (P / w). Four units at a time,
    /// as <see cref="Accumulate"/>, where one vector holds them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SumBias<TV, TOps>(ref T dz, int units, int block, int count, int offset)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count, row = Group * w, p = RowSum.Lanes<T>(), i = 0;
        Debug.Assert(block % (p / w) == 0 && (p == w || p == 2 * w || p == 4 * w), "vector v's partial sums are its lanes + (v mod (P / w))·w");
        ref T sums = ref At(_db + offset);
        if (p == w)
        {
            for (; i + 4 <= units; i += 4)
            {
                ref T d = ref Unsafe.Add(ref dz, i * row);
                ref T s = ref Unsafe.Add(ref sums, i * p);
                TV s0 = TOps.Load(in s), s1 = TOps.Load(in Unsafe.Add(ref s, p));
                TV s2 = TOps.Load(in Unsafe.Add(ref s, 2 * p)), s3 = TOps.Load(in Unsafe.Add(ref s, 3 * p));
                for (int o = 0; o < count * w; o += w)
                {
                    ref T dg = ref Unsafe.Add(ref d, o);
                    s0 = TOps.Add(s0, TOps.Load(in dg));
                    s1 = TOps.Add(s1, TOps.Load(in Unsafe.Add(ref dg, row)));
                    s2 = TOps.Add(s2, TOps.Load(in Unsafe.Add(ref dg, 2 * row)));
                    s3 = TOps.Add(s3, TOps.Load(in Unsafe.Add(ref dg, 3 * row)));
                }

                TOps.Store(s0, ref s);
                TOps.Store(s1, ref Unsafe.Add(ref s, p));
                TOps.Store(s2, ref Unsafe.Add(ref s, 2 * p));
                TOps.Store(s3, ref Unsafe.Add(ref s, 3 * p));
            }
        }

        for (; i < units; i++)
        {
            // narrower than 512 bits: vector g into part g mod (P / w) (block is a multiple of P / w)
            ref T d = ref Unsafe.Add(ref dz, i * row);
            ref T s = ref Unsafe.Add(ref sums, i * p);
            int parts = p / w;
            TV s0 = TOps.Load(in s);
            TV s1 = parts > 1 ? TOps.Load(in Unsafe.Add(ref s, w)) : TOps.Zero;
            TV s2 = parts > 2 ? TOps.Load(in Unsafe.Add(ref s, 2 * w)) : TOps.Zero;
            TV s3 = parts > 2 ? TOps.Load(in Unsafe.Add(ref s, 3 * w)) : TOps.Zero;
            for (int g = 0; g < count; g++)
            {
                TV dv = TOps.Load(in Unsafe.Add(ref d, g * w));
                switch (g % parts)
                {
                    case 0:
                        s0 = TOps.Add(s0, dv);
                        break;
                    case 1:
                        s1 = TOps.Add(s1, dv);
                        break;
                    case 2:
                        s2 = TOps.Add(s2, dv);
                        break;
                    default:
                        s3 = TOps.Add(s3, dv);
                        break;
                }
            }

            TOps.Store(s0, ref s);
            if (parts > 1)
            {
                TOps.Store(s1, ref Unsafe.Add(ref s, w));
            }

            if (parts > 2)
            {
                TOps.Store(s2, ref Unsafe.Add(ref s, 2 * w));
                TOps.Store(s3, ref Unsafe.Add(ref s, 3 * w));
            }
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
        int w = TOps.Count, m = _m, row = Group * w;
        T invM = T.One / T.CreateChecked(m);                       // as DenseLayer.Backward: α of dW = (1/m)·dZ·Aᵀ
        T lambdaOverM = T.CreateChecked(l2 / m);                  // as Network.Backward
        bool penalised = l2 > 0;
        ref T a0 = ref At(_a);
        ref T dz0 = ref At(_dz);
        for (int l = 0; l < _layers.Length; l++)
        {
            int inputs = _n[l], units = _n[l + 1];
            ref T wl = ref MemoryMarshal.GetArrayDataReference(_layers[l].W.Data);
            ref T bl = ref MemoryMarshal.GetArrayDataReference(_layers[l].B.Data);
            ref T sums = ref Unsafe.Add(ref At(_dw), _weights[l] * w);
            ref T dz = ref Unsafe.Add(ref dz0, _rows[l] * row);
            ref T input = ref l == 0 ? ref At(_xTail) : ref Unsafe.Add(ref a0, _rows[l == 0 ? 0 : l - 1] * row);
            int stride = l == 0 ? w : row;
            for (int i = 0; i < units; i++)
            {
                ref T dzi = ref Unsafe.Add(ref dz, i * row);
                for (int q = 0; q < inputs; q++)
                {
                    // GemmDirect.Dots' Finish: the lane sum reduced, then the partial block's examples in order, × 1/m
                    T s = TOps.Sum(TOps.Load(in Unsafe.Add(ref sums, ((i * inputs) + q) * w)));
                    ref T aq = ref Unsafe.Add(ref input, q * stride);
                    for (int r = 0; r < tail; r++)
                    {
                        s = T.FusedMultiplyAdd(Unsafe.Add(ref dzi, r), Unsafe.Add(ref aq, r), s);
                    }

                    ref T wiq = ref Unsafe.Add(ref wl, (i * inputs) + q);
                    GradientStep.Descend(ref wiq, GradientStep.Gradient(s, invM, wiq, lambdaOverM, penalised), rate);
                }

                // RowSum's order: the partial block's examples j = whole·w + r added to partial sum j mod P, then the fold
                int p = RowSum.Lanes<T>(), first = m - tail;
                var partials = Span(_db + ((_rows[l] + i) * p), p);
                for (int r = 0; r < tail; r++)
                {
                    partials[(first + r) % p] += Unsafe.Add(ref dzi, r);
                }

                T sum = RowSum.Fold<T>(partials);
                GradientStep.Descend(ref Unsafe.Add(ref bl, i), GradientStep.Gradient(sum, invM), rate);   // b −= α·db
            }
        }
    }
}
