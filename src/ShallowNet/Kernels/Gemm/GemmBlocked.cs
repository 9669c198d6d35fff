using System.Numerics;
using System.Runtime.Intrinsics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// The fast GEMM behind <see cref="Gemm.Multiply{T}(T, Matrix{T}, Op, Matrix{T}, Op, T, Matrix{T}, Compute?)"/>.
/// Five routes, chosen from the shapes, transposes and vector width alone (never from the thread count):
/// <list type="bullet">
/// <item><b>packed</b> (<see cref="GemmPacked"/>): GotoBLAS loop order; op(B) packed in KC×NC blocks of NR-column
/// panels, op(A) in MC×KC blocks of MR-row panels (transposes absorbed while packing), an MR×NR register-blocked FMA
/// micro-kernel. For products where every dimension is large enough to pay for the packing. With 512-bit vectors an
/// A·Bᵀ with many more columns than rows runs as (B·Aᵀ)ᵀ (<see cref="GemmTransposedProduct"/>), which packs less.</item>
/// <item><b>rows</b> (<see cref="GemmDirect"/>): op(B) = B read in place, C[i, :] = Σ_p op(A)[i, p]·B[p, :], for small
/// K or few rows of C (the planar network's W·A and Wᵀ·dZ, a one-unit output layer over many examples).</item>
/// <item><b>dots</b> (<see cref="GemmDirect"/>): A·Bᵀ with few rows or columns of C: each element a vectorised dot
/// product of two contiguous rows (dW = dZ·A_prevᵀ for a small layer).</item>
/// <item><b>short-wide</b> (<see cref="GemmShortWide"/>): A·B with 5..32 rows of A over a long K (the cat
/// network's Z1 = W1·X), B read in place once, fixed K chunks with partial sums reduced in a fixed order.</item>
/// <item><b>short-outer</b> (<see cref="GemmShortOuter"/>): A·Bᵀ with 5 to three vectors of rows of A (the cat
/// network's dW1 = dZ1·Xᵀ), outer products over K with C's columns in registers, no horizontal sums.</item>
/// </list>
/// The table in Kernels/Gemm/README.md says which workload takes which route and which test covers it.
/// Every element of C is summed over K in an order fixed by the shapes, and work is split between threads only over
/// whole blocks of C or over the short-wide path's fixed K chunks (whose partial sums are added in chunk order), so
/// results are bit-identical whatever <see cref="Compute.Threads"/> is.
/// </summary>
internal static class GemmBlocked
{
    /// <summary>Below this many multiply-adds (M·N·K) a product stays on one thread (~4 MFLOP, ~50 µs on one core).</summary>
    internal const long ParallelThreshold = 1L << 21;

    /// <summary>At or below this many multiply-adds, the direct paths beat packing.</summary>
    internal const long SmallProduct = 1L << 15;

    /// <summary>
    /// A·Bᵀ with at most this many rows of A goes to the dot-product path, which reads B (e.g. X for dW = dZ·Xᵀ) once,
    /// in place, instead of packing it transposed: A stays in L1/L2 while every row of B meets it.
    /// </summary>
    internal const int DotsMaxRows = 32;

    /// <summary>The vector width the kernels use here (<see cref="VectorWidth"/>).</summary>
    internal static int VectorBits => VectorWidth.Bits;

    public static void Multiply<T>(int m, int n, int k, T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c, Compute compute)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(m, n, k, alpha, a, opA, b, opB, beta, c, compute.Threads, VectorBits);

    /// <summary>
    /// The same with the vector width named (tests run the 256- and 128-bit kernels on AVX-512 machines too);
    /// <paramref name="transposedProducts"/> false keeps the products <see cref="GemmTransposedProduct"/> would take on
    /// the plain packed route (tests compare the two).
    /// </summary>
    internal static void Multiply<T>(int m, int n, int k, T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c, int threads, int vectorBits, bool transposedProducts = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vectorBits == 512 && Vector512.IsHardwareAccelerated)
        {
            Multiply<T, Vector512<T>, Simd512<T>>(m, n, k, alpha, a, opA, b, opB, beta, c, threads, transposedProducts);
        }
        else if (vectorBits == 128)
        {
            Multiply<T, Vector128<T>, Simd128<T>>(m, n, k, alpha, a, opA, b, opB, beta, c, threads, transposedProducts);
        }
        else
        {
            Multiply<T, Vector256<T>, Simd256<T>>(m, n, k, alpha, a, opA, b, opB, beta, c, threads, transposedProducts);
        }
    }

    private static void Multiply<T, TV, TOps>(int m, int n, int k, T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c, int threadLimit, bool transposedProducts)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == T.Zero)
        {
            ScaleC(beta, c.AsSpan());
            return;
        }

        // β·C first (β = 0 is folded into the kernels, which then overwrite C without reading it).
        bool overwrite = beta == T.Zero;
        if (!overwrite && beta != T.One)
        {
            ScaleC(beta, c.AsSpan());
        }

        long work = (long)m * n * k;
        int threads = work >= ParallelThreshold ? Math.Max(1, threadLimit) : 1;
        var problem = new Problem<T>(m, n, k, alpha, a.Data, a.Cols, opA, b.Data, b.Cols, opB, c.Data, c.Cols, overwrite);
        var route = Choose(m, n, k, opA, opB, TOps.Count);
        switch (route)
        {
            case Route.ShortWide:
                GemmShortWide.Multiply<T, TV, TOps>(problem, threads);
                return;
            case Route.ShortOuter:
                GemmShortOuter.Multiply<T, TV, TOps>(problem, threads);
                return;
        }

        if (route == Route.Packed && transposedProducts && GemmTransposedProduct.Pays<TV>(m, n, k, opA, opB)
            && Choose(n, m, k, Op.None, Op.Transpose, TOps.Count) == Route.Packed)
        {
            GemmTransposedProduct.Multiply<T, TV, TOps>(problem, threads);
            return;
        }

        RunRoute<T, TV, TOps>(route, in problem, threads);
    }

    /// <summary>The rows, dots or packed route on <paramref name="p"/>, its blocks cut between up to <paramref name="threads"/> threads.</summary>
    internal static void RunRoute<T, TV, TOps>(Route route, in Problem<T> p, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int m = p.M, n = p.N;
        var opB = p.OpB;
        int nr = GemmPacked.TileColumns<TV>(TOps.Count);
        int mr = GemmPacked.TileRows<TV>();
        Path path;
        int extent, align;
        if (route == Route.Rows)
        {
            (path, extent, align) = (Path.Rows, n, 1);
        }
        else if (route == Route.Dots)
        {
            (path, extent, align) = (Path.Dots, n, 1);
        }
        else if (threads == 1 || m < 2 * threads * mr || (n >= 2 * threads * nr && (opB == Op.Transpose || LongestShare(n, nr, m, mr, threads) <= LongestShare(m, mr, n, nr, threads))))
        {
            (path, extent, align) = (Path.PackedColumns, n, nr);
        }
        else
        {
            (path, extent, align) = (Path.PackedRows, m, mr);
        }

        int blocks = (extent + align - 1) / align;
        threads = Math.Min(threads, blocks);
        if (threads <= 1)
        {
            Run<T, TV, TOps>(path, in p, 0, extent);
        }
        else
        {
            RunParallel<T, TV, TOps>(path, p, threads, extent, align);
        }
    }

    /// <summary>
    /// The micro-tiles of the busiest thread when <paramref name="split"/> is cut into whole <paramref name="splitTile"/>
    /// blocks between the threads and <paramref name="other"/> is not cut: the time the split takes. The mini-batch's
    /// dW1 (256 × 784 from 128 examples) has 12.25 column panels, and the thread with the partial one did 301 tiles of
    /// 6 × 64 against 286 for either half of the rows. Only where op(B) = B: split by rows, every thread packs all of a
    /// transposed B (the full-batch dW1 = dZ1·Xᵀ, 63 MB each, 57% of peak instead of 61%).
    /// </summary>
    private static long LongestShare(int split, int splitTile, int other, int otherTile, int threads)
    {
        long blocks = (split + splitTile - 1) / splitTile;
        long tilesAcross = (other + otherTile - 1) / otherTile;
        return (blocks + threads - 1) / threads * tilesAcross;
    }

    /// <summary>
    /// The kernel family a product of these shapes goes to, from the shapes, transposes and vector lanes alone (the
    /// thread count only splits the work, and for <see cref="Route.Packed"/> picks columns or rows of C).
    /// <see cref="TinyNetworkEpoch{T}"/> asks this too: it reproduces the direct paths' summation orders and takes a
    /// network only when every product would go to them.
    /// </summary>
    internal static Route Choose(int m, int n, int k, Op opA, Op opB, int lanes)
    {
        bool small = (long)m * n * k <= SmallProduct;
        if (GemmShortWide.Applies(m, n, k, opA, opB, lanes))
        {
            return Route.ShortWide;
        }

        if (!small && GemmShortOuter.Applies(m, n, k, opA, opB, lanes))
        {
            return Route.ShortOuter;
        }

        if (opB == Op.None && (small || k <= 8 || m <= 2))
        {
            return Route.Rows;
        }

        if (opA == Op.None && opB == Op.Transpose && (small || m <= 2 || n <= 2 || (m <= DotsMaxRows && k >= 8 * lanes)))
        {
            return Route.Dots;
        }

        return Route.Packed;
    }

    /// <summary>The kernel families of <see cref="Choose"/>.</summary>
    internal enum Route
    {
        ShortWide,
        ShortOuter,
        Rows,
        Dots,
        Packed,
    }

    private enum Path
    {
        Rows,
        Dots,
        PackedColumns,
        PackedRows,
    }

    /// <summary>The part of C in [from, to) (columns, or rows for <see cref="Path.PackedRows"/>).</summary>
    private static void Run<T, TV, TOps>(Path path, in Problem<T> problem, int from, int to)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        switch (path)
        {
            case Path.Rows:
                GemmDirect.Rows<T, TV, TOps>(in problem, from, to);
                break;
            case Path.Dots:
                GemmDirect.Dots<T, TV, TOps>(in problem, from, to);
                break;
            case Path.PackedColumns:
                GemmPacked.Multiply<T, TV, TOps>(in problem, 0, problem.M, from, to);
                break;
            default:
                GemmPacked.Multiply<T, TV, TOps>(in problem, from, to, 0, problem.N);
                break;
        }
    }

    /// <summary>Cuts [0, extent) into <paramref name="threads"/> ranges aligned to <paramref name="align"/>, one per thread.</summary>
    private static void RunParallel<T, TV, TOps>(Path path, Problem<T> problem, int threads, int extent, int align)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int blocks = (extent + align - 1) / align;
        ParallelRun.For(threads, threads, t =>
        {
            int from = (int)((long)blocks * t / threads) * align;
            int to = Math.Min(extent, (int)((long)blocks * (t + 1) / threads) * align);
            Run<T, TV, TOps>(path, in problem, from, to);
        });
    }

    private static void ScaleC<T>(T beta, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.Zero)
        {
            c.Clear();
        }
        else if (beta != T.One)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(c, beta, c);
        }
    }
}

/// <summary>One product's operands, as the kernels read them: row-major arrays with their row strides.</summary>
internal readonly struct Problem<T>(int m, int n, int k, T alpha, T[] a, int lda, Op opA, T[] b, int ldb, Op opB, T[] c, int ldc, bool overwrite)
    where T : unmanaged
{
    public readonly int M = m, N = n, K = k;
    public readonly T Alpha = alpha;
    public readonly T[] A = a, B = b, C = c;
    public readonly int Lda = lda, Ldb = ldb, Ldc = ldc;
    public readonly Op OpA = opA, OpB = opB;

    /// <summary>β = 0: the kernels store α·op(A)·op(B) over C without reading it.</summary>
    public readonly bool Overwrite = overwrite;
}
