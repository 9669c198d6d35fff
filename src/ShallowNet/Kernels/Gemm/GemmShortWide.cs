using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// C = α·A·B + β·C for a short, very long A (M ≤ 32 rows, K in the thousands) and a narrow B read in place: the cat
/// network's Z1 = W1·X (20 × 12288 · 12288 × 209), where all the time goes into streaming X (20 MB) once.
/// <para>
/// K is cut into fixed chunks of <see cref="KChunk"/> (a constant, never the thread count). Chunk c sums its part
/// into its own partial matrix P_c, S_c[i, j] = Σ_{p in chunk c, ascending} A[i, p]·B[p, j] (one fused multiply-add
/// chain from 0), and then C = α·(((P_0 + P_1) + P_2) + …) (+ C). Threads take whole chunks, in any order, so every
/// thread reads its own contiguous part of B and the result is the same for any thread count.
/// </para>
/// <para>
/// Inside a chunk, KC rows of B at a time (in L2) meet every MR×NR tile of C: MR = 5 rows of A broadcast against
/// NR = 4 vectors of one B row where there are 32 vector registers (20 accumulators, 9 loads per 20 FMAs), 2 vectors
/// where there are 16 (AVX2: 10 accumulators, 7 loads per 10 FMAs). Each element's chain is the same in either tile,
/// so the bits do not depend on the tile either. A last partial panel of columns (or rows)
/// is the full-width tile moved back to end at N (or M), storing only the columns (rows) not done yet: B is never
/// read out of its bounds and never copied, and each element's chain is the same in either tile.
/// </para>
/// </summary>
internal static class GemmShortWide
{
    /// <summary>Rows of the register tile.</summary>
    public const int MR = 5;

    /// <summary>Vectors per row of the register tile: 4 with 32 vector registers, 2 with 16.</summary>
    public static int NRVectors => VectorWidth.Registers >= 32 ? 4 : 2;

    /// <summary>The fixed K split: each chunk of this many rows of B has its own partial sum.</summary>
    public const int KChunk = 1024;

    /// <summary>At most this many rows of A (and of C).</summary>
    public const int MaxRows = 32;

    /// <summary>At most this many columns of C (bounds the partial sums: K/KChunk × M × N).</summary>
    public const int MaxColumns = 512;

    /// <summary>Rows of B per slice: 128 × 209 doubles ≈ 210 KB stays in L2 while the tiles of C read it.</summary>
    internal const int KC = 128;

    /// <summary>
    /// Whether this path takes the product: from the shapes alone (never the thread count, nor the register count, so
    /// that ARM64 and x86 without AVX take the same routes and give the same bits).
    /// </summary>
    public static bool Applies(int m, int n, int k, Op opA, Op opB, int lanes)
        => opA == Op.None && opB == Op.None && m >= MR && m <= MaxRows
            && n >= 4 * lanes && n <= MaxColumns && k >= 2 * KChunk;

    public static void Multiply<T, TV, TOps>(Problem<T> p, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int chunks = (p.K + KChunk - 1) / KChunk;
        int mn = p.M * p.N;
        T[] partial = ArrayPool<T>.Shared.Rent(chunks * mn);
        try
        {
            threads = Math.Min(threads, chunks);
            if (threads <= 1)
            {
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    Chunk<T, TV, TOps>(in p, chunk, partial);
                }
            }
            else
            {
                ParallelRun.For(chunks, threads, chunk => Chunk<T, TV, TOps>(in p, chunk, partial));
            }

            Reduce<T, TV, TOps>(in p, partial, chunks);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partial);
        }
    }

    /// <summary>P_chunk = Σ over the chunk's rows of B, slice by slice, tile by tile.</summary>
    private static void Chunk<T, TV, TOps>(in Problem<T> p, int chunk, T[] partial)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int k0 = chunk * KChunk, k1 = Math.Min(p.K, k0 + KChunk);
        partial.AsSpan(chunk * p.M * p.N, p.M * p.N).Clear();
        for (int pc = k0; pc < k1; pc += KC)
        {
            Slice<T, TV, TOps>(in p, chunk, pc, Math.Min(KC, k1 - pc), partial);
        }
    }

    /// <summary>
    /// P_chunk += A[:, pc..pc+kc)·B[pc..pc+kc, :], every MR×NR tile continuing its FMA chains from the stored sums.
    /// A chunk is its slices in ascending order from cleared sums (<see cref="FirstLayerSweep"/> runs them itself,
    /// between other work on the same rows of B).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Slice<T, TV, TOps>(in Problem<T> p, int chunk, int pc, int kc, T[] partial)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (NRVectors == 4)
        {
            Slice<T, TV, TOps, Four>(in p, chunk, pc, kc, partial);
        }
        else
        {
            Slice<T, TV, TOps, Two>(in p, chunk, pc, kc, partial);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Slice<T, TV, TOps, TColumns>(in Problem<T> p, int chunk, int pc, int kc, T[] partial)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TColumns : struct, IVectorCount
    {
        int m = p.M, n = p.N, nr = TColumns.Value * TOps.Count;
        ref T s = ref partial[chunk * m * n];
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        int tiles = ((n + nr - 1) / nr) * ((m + MR - 1) / MR);

        // the next slice of B (contiguous rows), cut into one run of cache lines per tile, prefetched into L2 while
        // this slice is multiplied: B streams from memory at the rate the hardware prefetchers do not reach
        int nextRows = Math.Clamp(p.K - (pc + kc), 0, KC);
        long nextBytes = (long)nextRows * p.Ldb * Unsafe.SizeOf<T>();
        int linesPerTile = (int)Math.Min(kc, ((nextBytes / 64) + tiles - 1) / tiles);
        ref byte next = ref Unsafe.As<T, byte>(ref Unsafe.Add(ref b, (pc + kc) * p.Ldb));
        int tile = 0;
        for (int jDone = 0; jDone < n; jDone += nr)
        {
            int j = Math.Min(jDone, n - nr);   // a last partial panel ends at n
            for (int iDone = 0; iDone < m; iDone += MR)
            {
                int i = Math.Min(iDone, m - MR);
                Tile<T, TV, TOps, TColumns>(
                    kc,
                    ref Unsafe.Add(ref a, (i * p.Lda) + pc),
                    p.Lda,
                    ref Unsafe.Add(ref b, (pc * p.Ldb) + j),
                    p.Ldb,
                    ref Unsafe.Add(ref s, (i * n) + j),
                    n,
                    iDone - i,
                    jDone - j,
                    ref Unsafe.Add(ref next, (nint)tile * linesPerTile * 64),
                    Math.Min(linesPerTile, (int)Math.Max(0, (nextBytes / 64) - ((long)tile * linesPerTile))));
                tile++;
            }
        }
    }

    /// <summary>
    /// The MR×NR tile of sums at <paramref name="s"/> += A (MR rows, stride lda) · B (kc rows, stride ldb), one FMA
    /// chain per element continued from the stored sums; rows below <paramref name="skipRows"/> and columns below
    /// <paramref name="skipColumns"/> belong to another tile and are not stored.
    /// </summary>
    // no zeroing of the staging buffer: without it the JIT, compiling without a profile (native build, the tool's
    // settings), spilled every accumulator in the loop to keep them live across the zeroing call (4× slower GEMM)
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile<T, TV, TOps, TColumns>(int kc, ref T a, int lda, ref T b, int ldb, ref T s, int lds, int skipRows, int skipColumns, ref byte prefetch, int prefetchLines)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TColumns : struct, IVectorCount
    {
        // with two vectors per row the loads, FMAs and stores of columns 2 and 3 vanish at compile time
        int w = TOps.Count;
        bool four = TColumns.Value == 4;
        ref T s1 = ref Unsafe.Add(ref s, lds);
        ref T s2 = ref Unsafe.Add(ref s, 2 * lds);
        ref T s3 = ref Unsafe.Add(ref s, 3 * lds);
        ref T s4 = ref Unsafe.Add(ref s, 4 * lds);
        TV c00 = TOps.Load(in s), c01 = TOps.Load(in Unsafe.Add(ref s, w)), c02 = default, c03 = default;
        TV c10 = TOps.Load(in s1), c11 = TOps.Load(in Unsafe.Add(ref s1, w)), c12 = default, c13 = default;
        TV c20 = TOps.Load(in s2), c21 = TOps.Load(in Unsafe.Add(ref s2, w)), c22 = default, c23 = default;
        TV c30 = TOps.Load(in s3), c31 = TOps.Load(in Unsafe.Add(ref s3, w)), c32 = default, c33 = default;
        TV c40 = TOps.Load(in s4), c41 = TOps.Load(in Unsafe.Add(ref s4, w)), c42 = default, c43 = default;
        if (four)
        {
            (c02, c03) = (TOps.Load(in Unsafe.Add(ref s, 2 * w)), TOps.Load(in Unsafe.Add(ref s, 3 * w)));
            (c12, c13) = (TOps.Load(in Unsafe.Add(ref s1, 2 * w)), TOps.Load(in Unsafe.Add(ref s1, 3 * w)));
            (c22, c23) = (TOps.Load(in Unsafe.Add(ref s2, 2 * w)), TOps.Load(in Unsafe.Add(ref s2, 3 * w)));
            (c32, c33) = (TOps.Load(in Unsafe.Add(ref s3, 2 * w)), TOps.Load(in Unsafe.Add(ref s3, 3 * w)));
            (c42, c43) = (TOps.Load(in Unsafe.Add(ref s4, 2 * w)), TOps.Load(in Unsafe.Add(ref s4, 3 * w)));
        }

        ref T a1 = ref Unsafe.Add(ref a, lda);
        ref T a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref T a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref T a4 = ref Unsafe.Add(ref a, 4 * lda);
        for (int q = 0; q < kc; q++)
        {
            // S[r, :] += A[r, q]·B[q, :] for the five rows r of the tile
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV b2 = four ? TOps.Load(in Unsafe.Add(ref b, 2 * w)) : default;
            TV b3 = four ? TOps.Load(in Unsafe.Add(ref b, 3 * w)) : default;
            Row(ref c00, ref c01, ref c02, ref c03, TOps.Broadcast(Unsafe.Add(ref a, q)), b0, b1, b2, b3, four);
            Row(ref c10, ref c11, ref c12, ref c13, TOps.Broadcast(Unsafe.Add(ref a1, q)), b0, b1, b2, b3, four);
            Row(ref c20, ref c21, ref c22, ref c23, TOps.Broadcast(Unsafe.Add(ref a2, q)), b0, b1, b2, b3, four);
            Row(ref c30, ref c31, ref c32, ref c33, TOps.Broadcast(Unsafe.Add(ref a3, q)), b0, b1, b2, b3, four);
            Row(ref c40, ref c41, ref c42, ref c43, TOps.Broadcast(Unsafe.Add(ref a4, q)), b0, b1, b2, b3, four);
            b = ref Unsafe.Add(ref b, ldb);
            if (Sse.IsSupported && q < prefetchLines)
            {
                Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref prefetch, q * 64)));
            }
        }

        if (skipColumns == 0)
        {
            // a full tile, or a last panel of rows (whose first skipRows rows another tile stores)
            if (skipRows <= 0)
            {
                StoreRow<T, TV, TOps>(ref s, w, c00, c01, c02, c03, four);
            }

            if (skipRows <= 1)
            {
                StoreRow<T, TV, TOps>(ref s1, w, c10, c11, c12, c13, four);
            }

            if (skipRows <= 2)
            {
                StoreRow<T, TV, TOps>(ref s2, w, c20, c21, c22, c23, four);
            }

            if (skipRows <= 3)
            {
                StoreRow<T, TV, TOps>(ref s3, w, c30, c31, c32, c33, four);
            }

            StoreRow<T, TV, TOps>(ref s4, w, c40, c41, c42, c43, four);
            return;
        }

        // A last panel of columns: stage the tile, then copy the columns from skipColumns on.
        Span<T> tile = stackalloc T[MR * 4 * 16];
        ref T t = ref MemoryMarshal.GetReference(tile);
        int nr = TColumns.Value * w;
        StoreRow<T, TV, TOps>(ref t, w, c00, c01, c02, c03, four);
        StoreRow<T, TV, TOps>(ref Unsafe.Add(ref t, nr), w, c10, c11, c12, c13, four);
        StoreRow<T, TV, TOps>(ref Unsafe.Add(ref t, 2 * nr), w, c20, c21, c22, c23, four);
        StoreRow<T, TV, TOps>(ref Unsafe.Add(ref t, 3 * nr), w, c30, c31, c32, c33, four);
        StoreRow<T, TV, TOps>(ref Unsafe.Add(ref t, 4 * nr), w, c40, c41, c42, c43, four);
        for (int r = skipRows; r < MR; r++)
        {
            tile.Slice((r * nr) + skipColumns, nr - skipColumns).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref s, (r * lds) + skipColumns), nr - skipColumns));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Row(ref TV c0, ref TV c1, ref TV c2, ref TV c3, TV x, TV b0, TV b1, TV b2, TV b3, bool four)
        {
            c0 = TOps.MultiplyAdd(x, b0, c0);
            c1 = TOps.MultiplyAdd(x, b1, c1);
            if (four)
            {
                c2 = TOps.MultiplyAdd(x, b2, c2);
                c3 = TOps.MultiplyAdd(x, b3, c3);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TV, TOps>(ref T s, int w, TV v0, TV v1, TV v2, TV v3, bool four)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TOps.Store(v0, ref s);
        TOps.Store(v1, ref Unsafe.Add(ref s, w));
        if (four)
        {
            TOps.Store(v2, ref Unsafe.Add(ref s, 2 * w));
            TOps.Store(v3, ref Unsafe.Add(ref s, 3 * w));
        }
    }

    /// <summary>C (+)= α·(((P_0 + P_1) + P_2) + …), element by element (C and every P_c are M×N, rows contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Reduce<T, TV, TOps>(in Problem<T> p, T[] partial, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        int mn = p.M * p.N;
        ref T s = ref MemoryMarshal.GetArrayDataReference(partial);
        ref T c = ref MemoryMarshal.GetArrayDataReference(p.C);
        TV va = TOps.Broadcast(p.Alpha);
        int e = 0;
        for (; e + w <= mn; e += w)
        {
            TV sum = TOps.Load(in Unsafe.Add(ref s, e));
            for (int chunk = 1; chunk < chunks; chunk++)
            {
                sum = TOps.Add(sum, TOps.Load(in Unsafe.Add(ref s, (chunk * mn) + e)));
            }

            sum = TOps.Multiply(sum, va);
            ref T ce = ref Unsafe.Add(ref c, e);
            TOps.Store(p.Overwrite ? sum : TOps.Add(TOps.Load(in ce), sum), ref ce);
        }

        for (; e < mn; e++)
        {
            T sum = Unsafe.Add(ref s, e);
            for (int chunk = 1; chunk < chunks; chunk++)
            {
                sum += Unsafe.Add(ref s, (chunk * mn) + e);
            }

            ref T ce = ref Unsafe.Add(ref c, e);
            ce = p.Overwrite ? sum * p.Alpha : ce + (sum * p.Alpha);
        }
    }
}
