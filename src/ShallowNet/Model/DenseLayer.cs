using System.Numerics;
using System.Numerics.Tensors;
using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// A fully connected layer l: Z[l] = W[l]·A[l-1] + b[l] (b broadcast over the m columns), A[l] = g[l](Z[l]).
/// Prints as <c>Dense(2 =&gt; 4, tanh)  # 12 parameters</c>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class DenseLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a layer from its parameters W (n[l], n[l-1]) and b (n[l], 1) and its activation g.</summary>
    /// <exception cref="ArgumentException">b is not (n[l], 1).</exception>
    public DenseLayer(Matrix<T> w, Matrix<T> b, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(activation);
        if (w.Rows == 0 || w.Cols == 0)
        {
            throw new ArgumentException($"a dense layer needs at least one input and one unit; W is {w.Shape}", nameof(w));
        }

        if (b.Rows != w.Rows || b.Cols != 1)
        {
            throw new ArgumentException($"b must be {w.Rows}×1 for W of shape {w.Shape}, got {b.Shape}", nameof(b));
        }

        W = w;
        B = b;
        Activation = activation;
        Kernel = activation.Kernel<T>();
    }

    /// <summary>The elementwise activation's vector kernels, fused with the bias in Forward (null for a column-wise activation: softmax).</summary>
    internal ActivationKernel<T>? Kernel { get; }

    /// <summary>W[l], shape (n[l], n[l-1]): W[i, j] is the weight from input j to unit i.</summary>
    public Matrix<T> W { get; }

    /// <summary>b[l], shape (n[l], 1).</summary>
    public Matrix<T> B { get; }

    /// <summary>g[l].</summary>
    public Activation Activation { get; }

    /// <summary>n[l-1].</summary>
    public int Inputs => W.Cols;

    /// <summary>n[l].</summary>
    public int Units => W.Rows;

    /// <summary>n[l]·n[l-1] + n[l].</summary>
    public int ParameterCount => W.Length + B.Length;

    /// <summary>Z = W·A_prev + b; A = g(Z). A_prev is (n[l-1], m); Z and A are (n[l], m), written in place.</summary>
    /// <exception cref="ArgumentException">A_prev, Z or A has the wrong shape.</exception>
    public void Forward(Matrix<T> aPrev, Matrix<T> z, Matrix<T> a, Compute? compute = null) => Forward(aPrev, Op.None, z, a, compute);

    /// <summary>
    /// The same with A_prev stored as <paramref name="opPrev"/>: itself (n[l-1], m), or examples-major as A_prevᵀ
    /// (m, n[l-1]), as the trainer gathers a mini-batch (whole rows of Xᵀ instead of scattered columns of X).
    /// </summary>
    /// <remarks>With <paramref name="productInZ"/>, Z already holds W·A_prev (the trainer's first-layer sweep computed it).</remarks>
    internal void Forward(Matrix<T> aPrev, Op opPrev, Matrix<T> z, Matrix<T> a, Compute? compute, bool productInZ = false)
    {
        ArgumentNullException.ThrowIfNull(aPrev);
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(a);
        var (inputs, m) = opPrev == Op.None ? (aPrev.Rows, aPrev.Cols) : (aPrev.Cols, aPrev.Rows);
        if (inputs != Inputs)
        {
            throw new ArgumentException($"{Describe()} expects input with {Inputs} rows (n[l-1] × m), got {aPrev.Shape}", nameof(aPrev));
        }

        CheckShape(z, Units, m, "Z");
        CheckShape(a, Units, m, "A");

        if (!productInZ)
        {
            Gemm.Multiply(T.One, W, Op.None, aPrev, opPrev, T.Zero, z, compute); // Z = W·A_prev
        }

        if (Kernel is { } kernel && (compute?.FuseBiasActivation ?? true))
        {
            // Z += b (broadcast across the m columns) and A = g(Z), fused: one vectorised pass per row; rows of σ and
            // tanh (an exponential each) shared between threads when there are enough of them
            int threads = compute?.Threads ?? 1;
            if (threads > 1 && kernel.IsCostly && (long)Units * m >= ParallelActivationValues)
            {
                BiasForwardRowsParallel(kernel, z, a, threads);
            }
            else
            {
                BiasForwardRows(kernel, z, a, 0, Units);
            }

            return;
        }

        for (int i = 0; i < Units; i++)
        {
            TensorPrimitives.Add(z.Row(i), B[i, 0], z.Row(i));           // + b, broadcast across the m columns
        }

        Activation.Forward(z, a);                                        // A = g(Z) (softmax: per column)
    }

    /// <summary>
    /// From this many values of Z on, σ and tanh are computed on several threads (the wide mini-batch's 256 × 128:
    /// 18 µs on one thread). Each value's arithmetic is the same on any thread.
    /// </summary>
    private const long ParallelActivationValues = 1 << 14;

    // a method of its own: a lambda's captured variables are allocated where their scope begins, taken or not
    private void BiasForwardRowsParallel(ActivationKernel<T> kernel, Matrix<T> z, Matrix<T> a, int threads)
    {
        // one block of rows per thread: thread t gets the same rows on every call (see ParallelRun)
        int blocks = Math.Min(Units, threads);
        ParallelRun.For(blocks, threads, t => BiasForwardRows(kernel, z, a, Units * t / blocks, Units * (t + 1) / blocks));
    }

    private void BiasForwardRows(ActivationKernel<T> kernel, Matrix<T> z, Matrix<T> a, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            kernel.BiasForward(z.Row(i), B[i, 0], a.Row(i));
        }
    }

    /// <summary>
    /// Given dZ = ∂J/∂Z (n[l], m) and the forward pass's A_prev (n[l-1], m), computes
    /// dW = (1/m)·dZ·A_prevᵀ, db = (1/m)·Σ_columns dZ and, when <paramref name="daPrev"/> is given, dA_prev = Wᵀ·dZ
    /// (the lesson's equations 3.45–3.47 and the first factor of 3.48). All outputs are written in place.
    /// </summary>
    public void Backward(Matrix<T> dz, Matrix<T> aPrev, Matrix<T> dw, Matrix<T> db, Matrix<T>? daPrev, Compute? compute = null)
    {
        ArgumentNullException.ThrowIfNull(dw);
        Backward(dz, aPrev, Op.None, dw, db, daPrev, compute);
    }

    /// <summary>
    /// The same with A_prev stored as <paramref name="opPrev"/> (see <see cref="Forward(Matrix{T}, Op, Matrix{T}, Matrix{T}, Compute?, bool)"/>);
    /// without <paramref name="dw"/> when the trainer's first-layer sweep computes dW itself.
    /// </summary>
    internal void Backward(Matrix<T> dz, Matrix<T> aPrev, Op opPrev, Matrix<T>? dw, Matrix<T> db, Matrix<T>? daPrev, Compute? compute)
    {
        ArgumentNullException.ThrowIfNull(dz);
        ArgumentNullException.ThrowIfNull(aPrev);
        ArgumentNullException.ThrowIfNull(db);
        int m = dz.Cols;
        CheckShape(dz, Units, opPrev == Op.None ? aPrev.Cols : aPrev.Rows, "dZ");
        CheckShape(db, Units, 1, "db");
        T invM = T.One / T.CreateChecked(m);

        if (dw is not null)
        {
            // dW = (1/m) dZ·A_prevᵀ; stored examples-major, A_prevᵀ is the stored matrix itself
            CheckShape(dw, Units, Inputs, "dW");
            Gemm.Multiply(invM, dz, Op.None, aPrev, opPrev == Op.None ? Op.Transpose : Op.None, T.Zero, dw, compute);
        }

        for (int i = 0; i < Units; i++)
        {
            db[i, 0] = invM * RowSum.Sum<T>(dz.Row(i));                      // db = (1/m) Σ_columns dZ, in RowSum's order
        }

        if (daPrev is not null)
        {
            CheckShape(daPrev, Inputs, m, "dA_prev");
            Gemm.Multiply(T.One, W, Op.Transpose, dz, Op.None, T.Zero, daPrev, compute); // dA_prev = Wᵀ·dZ
        }
    }

    /// <summary>A deep copy (parameters copied, activation shared: activations are immutable).</summary>
    public DenseLayer<T> Clone() => new(W.Clone(), B.Clone(), Activation);

    /// <summary>The same layer in another precision.</summary>
    public DenseLayer<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
        => new(W.Convert<TOther>(), B.Convert<TOther>(), Activation);

    /// <summary><c>Dense(2 =&gt; 4, tanh)</c>.</summary>
    public string Describe() => $"Dense({Inputs} => {Units}, {Activation.Name})";

    /// <inheritdoc/>
    public override string ToString() => $"{Describe()}  # {ParameterCount} parameters";

    private void CheckShape(Matrix<T> x, int rows, int cols, string name)
    {
        if (x.Rows != rows || x.Cols != cols)
        {
            throw new ArgumentException($"{Describe()}: {name} must be {rows}×{cols}, got {x.Shape}");
        }
    }
}
