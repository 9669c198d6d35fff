using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// C = α·A·Bᵀ + β·C for a short A (5 ≤ M ≤ 32 rows) and a long B (N rows), both rows contiguous over K: the cat
/// network's dW1 = dZ1·Xᵀ (20 × 209 · (12288 × 209)ᵀ), where all the time goes into reading X (20 MB) once.
/// <para>
/// C[i, j] = α·dot(A[i, :], B[j, :]): vector lanes summed over K, reduced in a fixed order four dots at a time (see
/// Row), then the scalar tail; every element goes through a tile, so it has the same value whichever tile computes it. A tile is MR = 5 rows of A × NR = 4 rows of B: 20 accumulators, 9 loads
/// per 20 FMAs, so four rows of B (in L1) meet all of A (20 × 209 doubles, in L1) before the next four stream in.
/// A last partial tile is the full one moved back to end at M (or N), storing only what no other tile stored.
/// </para>
/// Threads take fixed chunks of <see cref="NChunk"/> rows of B, in any order; the result does not depend on the
/// thread count.
/// </summary>
internal static class GemmShortDots
{
    /// <summary>Rows of A per tile.</summary>
    public const int MR = 5;

    /// <summary>Rows of B per tile.</summary>
    public const int NR = 4;

    /// <summary>Rows of B (columns of C) per unit of work handed to a thread.</summary>
    public const int NChunk = 64;

    /// <summary>At most this many rows of A: all of A stays in L1 while B streams.</summary>
    public const int MaxRows = 32;

    /// <summary>
    /// Whether this path takes the product: from the shapes (never the thread count), on machines with AVX-512 (32
    /// vector registers for the 20 accumulators, at either vector width; the SSE finish below).
    /// </summary>
    public static bool Applies(int m, int n, int k, Op opA, Op opB, int lanes)
        => Avx512F.IsSupported && opA == Op.None && opB == Op.Transpose && m >= MR && m <= MaxRows && n >= NR && k >= 8 * lanes;

    public static void Multiply<T, TV, TOps>(Problem<T> p, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int chunks = (p.N + NChunk - 1) / NChunk;
        threads = Math.Min(threads, chunks);
        if (threads <= 1)
        {
            Columns<T, TV, TOps>(in p, 0, p.N);
        }
        else
        {
            ParallelRun.For(chunks, threads, chunk =>
                Columns<T, TV, TOps>(in p, chunk * NChunk, Math.Min(p.N, (chunk + 1) * NChunk)));
        }
    }

    /// <summary>C[:, j0..j1], tile by tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns<T, TV, TOps>(in Problem<T> p, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        for (int jDone = j0; jDone < j1; jDone += NR)
        {
            int j = Math.Min(jDone, p.N - NR);   // a last partial tile ends at N
            for (int iDone = 0; iDone < p.M; iDone += MR)
            {
                int i = Math.Min(iDone, p.M - MR);
                Tile<T, TV, TOps>(in p, i, j, iDone - i, jDone - j, Math.Min(NR, j1 - j));
            }
        }
    }

    /// <summary>
    /// C[i..i+5, j..j+4] = α·A[i.., :]·B[j.., :]ᵀ (+ C): rows of the tile below <paramref name="skipRows"/>, columns
    /// below <paramref name="skipColumns"/> and from <paramref name="endColumn"/> on belong to other tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TV, TOps>(in Problem<T> p, int i, int j, int skipRows, int skipColumns, int endColumn)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        int k = p.K, kv = k - (k % w);
        ref T a0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.A), i * p.Lda);
        ref T a1 = ref Unsafe.Add(ref a0, p.Lda);
        ref T a2 = ref Unsafe.Add(ref a1, p.Lda);
        ref T a3 = ref Unsafe.Add(ref a2, p.Lda);
        ref T a4 = ref Unsafe.Add(ref a3, p.Lda);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.B), j * p.Ldb);
        ref T b1 = ref Unsafe.Add(ref b0, p.Ldb);
        ref T b2 = ref Unsafe.Add(ref b1, p.Ldb);
        ref T b3 = ref Unsafe.Add(ref b2, p.Ldb);
        TV s00 = TOps.Zero, s01 = TOps.Zero, s02 = TOps.Zero, s03 = TOps.Zero;
        TV s10 = TOps.Zero, s11 = TOps.Zero, s12 = TOps.Zero, s13 = TOps.Zero;
        TV s20 = TOps.Zero, s21 = TOps.Zero, s22 = TOps.Zero, s23 = TOps.Zero;
        TV s30 = TOps.Zero, s31 = TOps.Zero, s32 = TOps.Zero, s33 = TOps.Zero;
        TV s40 = TOps.Zero, s41 = TOps.Zero, s42 = TOps.Zero, s43 = TOps.Zero;
        for (int q = 0; q < kv; q += w)
        {
            // s[r][t] += A[i + r, q..q+w] * B[j + t, q..q+w], lane by lane
            TV x0 = TOps.Load(in Unsafe.Add(ref a0, q));
            TV x1 = TOps.Load(in Unsafe.Add(ref a1, q));
            TV x2 = TOps.Load(in Unsafe.Add(ref a2, q));
            TV x3 = TOps.Load(in Unsafe.Add(ref a3, q));
            TV x4 = TOps.Load(in Unsafe.Add(ref a4, q));
            TV y = TOps.Load(in Unsafe.Add(ref b0, q));
            s00 = TOps.MultiplyAdd(x0, y, s00);
            s10 = TOps.MultiplyAdd(x1, y, s10);
            s20 = TOps.MultiplyAdd(x2, y, s20);
            s30 = TOps.MultiplyAdd(x3, y, s30);
            s40 = TOps.MultiplyAdd(x4, y, s40);
            y = TOps.Load(in Unsafe.Add(ref b1, q));
            s01 = TOps.MultiplyAdd(x0, y, s01);
            s11 = TOps.MultiplyAdd(x1, y, s11);
            s21 = TOps.MultiplyAdd(x2, y, s21);
            s31 = TOps.MultiplyAdd(x3, y, s31);
            s41 = TOps.MultiplyAdd(x4, y, s41);
            y = TOps.Load(in Unsafe.Add(ref b2, q));
            s02 = TOps.MultiplyAdd(x0, y, s02);
            s12 = TOps.MultiplyAdd(x1, y, s12);
            s22 = TOps.MultiplyAdd(x2, y, s22);
            s32 = TOps.MultiplyAdd(x3, y, s32);
            s42 = TOps.MultiplyAdd(x4, y, s42);
            y = TOps.Load(in Unsafe.Add(ref b3, q));
            s03 = TOps.MultiplyAdd(x0, y, s03);
            s13 = TOps.MultiplyAdd(x1, y, s13);
            s23 = TOps.MultiplyAdd(x2, y, s23);
            s33 = TOps.MultiplyAdd(x3, y, s33);
            s43 = TOps.MultiplyAdd(x4, y, s43);
        }

        Row<T, TV, TOps>(in p, 0, i, j, skipRows, skipColumns, endColumn, ref a0, ref b0, s00, s01, s02, s03);
        Row<T, TV, TOps>(in p, 1, i, j, skipRows, skipColumns, endColumn, ref a1, ref b0, s10, s11, s12, s13);
        Row<T, TV, TOps>(in p, 2, i, j, skipRows, skipColumns, endColumn, ref a2, ref b0, s20, s21, s22, s23);
        Row<T, TV, TOps>(in p, 3, i, j, skipRows, skipColumns, endColumn, ref a3, ref b0, s30, s31, s32, s33);
        Row<T, TV, TOps>(in p, 4, i, j, skipRows, skipColumns, endColumn, ref a4, ref b0, s40, s41, s42, s43);
    }

    /// <summary>
    /// Row r of the tile: C[i + r, j + t] for the tile's own columns t, from the lane sums s_t. The four dots are
    /// finished together: each s_t folded to 128 bits (<see cref="IVectorOps{TV, T}.Fold128"/>), the four folds
    /// transposed and added pairwise (one vector of four sums), the scalar tail q in [kv, K) added by one FMA per q
    /// on all four, then α and C, in vector lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<T, TV, TOps>(in Problem<T> p, int r, int i, int j, int skipRows, int skipColumns, int endColumn, ref T ar, ref T b0, TV s0, TV s1, TV s2, TV s3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (r < skipRows)
        {
            return;
        }

        int k = p.K, kv = k - (k % TOps.Count);
        ref T c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.C), ((i + r) * p.Ldc) + j);
        Vector128<T> h0 = TOps.Fold128(s0), h1 = TOps.Fold128(s1), h2 = TOps.Fold128(s2), h3 = TOps.Fold128(s3);
        if (typeof(T) == typeof(double))
        {
            Finish(in Unsafe.As<Problem<T>, Problem<double>>(ref Unsafe.AsRef(in p)), ref Unsafe.As<T, double>(ref c), h0.AsDouble(), h1.AsDouble(), h2.AsDouble(), h3.AsDouble(), ref Unsafe.As<T, double>(ref ar), ref Unsafe.As<T, double>(ref b0), kv, skipColumns, endColumn);
        }
        else if (typeof(T) == typeof(float))
        {
            Finish(in Unsafe.As<Problem<T>, Problem<float>>(ref Unsafe.AsRef(in p)), ref Unsafe.As<T, float>(ref c), h0.AsSingle(), h1.AsSingle(), h2.AsSingle(), h3.AsSingle(), ref Unsafe.As<T, float>(ref ar), ref Unsafe.As<T, float>(ref b0), kv, skipColumns, endColumn);
        }
        else
        {
            throw new NotSupportedException(typeof(T).Name);
        }
    }

    /// <summary>Four double dots from their folds (h_t[0], h_t[1]): sum_t = h_t[0] + h_t[1], then the tail, α, C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(in Problem<double> p, ref double c, Vector128<double> h0, Vector128<double> h1, Vector128<double> h2, Vector128<double> h3, ref double ar, ref double b0, int kv, int skipColumns, int endColumn)
    {
        var sums = Vector256.Create(
            Sse2.Add(Sse2.UnpackLow(h0, h1), Sse2.UnpackHigh(h0, h1)),
            Sse2.Add(Sse2.UnpackLow(h2, h3), Sse2.UnpackHigh(h2, h3)));
        int ldb = p.Ldb;
        for (int q = kv; q < p.K; q++)
        {
            var tail = Vector256.Create(Unsafe.Add(ref b0, q), Unsafe.Add(ref b0, ldb + q), Unsafe.Add(ref b0, (2 * ldb) + q), Unsafe.Add(ref b0, (3 * ldb) + q));
            sums = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ar, q)), tail, sums);
        }

        sums *= p.Alpha;
        if (skipColumns == 0 && endColumn == NR)
        {
            (p.Overwrite ? sums : Vector256.LoadUnsafe(ref c) + sums).StoreUnsafe(ref c);
            return;
        }

        for (int t = skipColumns; t < endColumn; t++)
        {
            ref double ct = ref Unsafe.Add(ref c, t);
            ct = p.Overwrite ? sums.GetElement(t) : ct + sums.GetElement(t);
        }
    }

    /// <summary>
    /// Four float dots from their folds (h_t[0..4]): (h_t[0] + h_t[2]) + (h_t[1] + h_t[3]) by two transposing
    /// steps, then the tail, α, C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(in Problem<float> p, ref float c, Vector128<float> h0, Vector128<float> h1, Vector128<float> h2, Vector128<float> h3, ref float ar, ref float b0, int kv, int skipColumns, int endColumn)
    {
        // u01 = (h0[0] + h0[2], h1[0] + h1[2], h0[1] + h0[3], h1[1] + h1[3]), u23 the same for h2, h3
        var u01 = Sse.Add(Sse.UnpackLow(h0, h1), Sse.UnpackHigh(h0, h1));
        var u23 = Sse.Add(Sse.UnpackLow(h2, h3), Sse.UnpackHigh(h2, h3));
        var sums = Sse.Add(Sse.MoveLowToHigh(u01, u23), Sse.MoveHighToLow(u23, u01));
        int ldb = p.Ldb;
        for (int q = kv; q < p.K; q++)
        {
            var tail = Vector128.Create(Unsafe.Add(ref b0, q), Unsafe.Add(ref b0, ldb + q), Unsafe.Add(ref b0, (2 * ldb) + q), Unsafe.Add(ref b0, (3 * ldb) + q));
            sums = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref ar, q)), tail, sums);
        }

        sums *= p.Alpha;
        if (skipColumns == 0 && endColumn == NR)
        {
            (p.Overwrite ? sums : Vector128.LoadUnsafe(ref c) + sums).StoreUnsafe(ref c);
            return;
        }

        for (int t = skipColumns; t < endColumn; t++)
        {
            ref float ct = ref Unsafe.Add(ref c, t);
            ct = p.Overwrite ? sums.GetElement(t) : ct + sums.GetElement(t);
        }
    }
}
