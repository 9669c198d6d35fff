using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// C = α·A·Bᵀ + β·C for a short A (at most three vectors of rows) and a long B, both rows contiguous over K: the
/// cat network's dW1 = dZ1·Xᵀ (20 × 209 · (12288 × 209)ᵀ), which reads all of X (20 MB) once per epoch.
/// <para>
/// Column j of C is Σ_q A[:, q]·B[j, q]: Aᵀ is packed once (K rows of M values, padded to whole vectors), and a tile
/// of NR = 8 rows of B keeps C[:, j..j+8] in 8 × (1 to 3) vector registers while q runs over K: per q, one to three
/// loads of Aᵀ, eight broadcasts of B and up to 24 FMAs, with no horizontal sums (the dot-product form spends much
/// of its time reducing lanes when K is only 209). Every element is α·(Σ_q in ascending q, FMAs from 0), then
/// stored or added to C, whatever tile or thread computes it.
/// </para>
/// <para>
/// When the rows past the whole vectors fill at most half a vector (M = 20 doubles: 8 + 8 + 4), two columns share
/// one vector for them (<see cref="TileHalf{T, TV, TOps, TCount}"/>): 20 FMAs per q instead of 24, and the tile
/// prefetches the next tile's rows of B, as the path is bound by streaming B from memory (both measured on the cat
/// network's dW1 in bench/README).
/// </para>
/// Threads take fixed chunks of <see cref="NChunk"/> rows of B; a chunk's columns of C are gathered in a small
/// buffer and written row by row. The result does not depend on the thread count.
/// </summary>
internal static class GemmShortOuter
{
    /// <summary>Rows of B per tile (columns of C in registers) with 32 vector registers.</summary>
    public const int NR = 8;

    /// <summary>Rows of B per tile with 16 vector registers (AVX2): two columns of up to five vectors, 10 accumulators.</summary>
    public const int NarrowNR = 2;

    /// <summary>Rows of B (columns of C) per unit of work handed to a thread.</summary>
    public const int NChunk = 64;

    /// <summary>
    /// Whether this path takes the product, from the shapes and the CPU's widest vectors: A·Bᵀ with 5 ≤ M ≤ three
    /// vectors of rows on AVX-512 machines, five elsewhere (the cat network's 20 doubles are five vectors of 4 at 256
    /// bits), rows that fill at least 5/8 of the vector lanes they take (padding lanes are wasted FMAs; M = 20 in
    /// float, 20 of 32 lanes, is still faster here than the dot products), a long B (N ≥ 256) and K ≥ 16. Never from
    /// the register count: ARM64 (32 registers) and x86 without AVX (16) take the same routes, so they give the same
    /// bits (.ci/arm64-check). The cat network's dW1 in double (20 of 24 lanes) takes half the time of the dot
    /// products (bench/README, "Routes that earn their lines").
    /// </summary>
    public static bool Applies(int m, int n, int k, Op opA, Op opB, int lanes)
    {
        int padded = (m + lanes - 1) / lanes * lanes;
        int vectors = VectorWidth.Bits == 512 ? 3 : 5;
        return opA == Op.None && opB == Op.Transpose && m >= 5 && m <= vectors * lanes && 8 * m >= 5 * padded
            && n >= 256 && k >= 16;
    }

    /// <summary>
    /// Whether a column of <typeparamref name="TCount"/> vectors takes the narrow tile (<see cref="NarrowNR"/> columns):
    /// always with 16 registers, and with 32 past three vectors (8 columns of four would need 32 accumulators).
    /// </summary>
    private static bool Narrow<TCount>()
        where TCount : struct, IVectorCount
        => VectorWidth.Registers < 32 || TCount.Value > 3;

    public static void Multiply<T, TV, TOps>(Problem<T> p, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        var chunk = Prepare<T, TV, TOps>(p, out T[] packed);
        try
        {
            int chunks = Chunks(p.N);
            threads = Math.Min(threads, chunks);
            if (threads <= 1)
            {
                for (int c = 0; c < chunks; c++)
                {
                    chunk(c);
                }
            }
            else
            {
                ParallelRun.For(chunks, threads, chunk);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>The number of chunks of <see cref="NChunk"/> columns of C.</summary>
    public static int Chunks(int n) => (n + NChunk - 1) / NChunk;

    /// <summary>
    /// Packs Aᵀ (into <paramref name="packed"/>, rented from the shared pool: the caller returns it) and returns the
    /// function that computes the columns of C in one chunk from it. Chunks may run in any order, on any thread.
    /// </summary>
    public static Action<int> Prepare<T, TV, TOps>(Problem<T> p, out T[] packed)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => Prepare<T, TV, TOps, StoreToC<T>>(p, new StoreToC<T>(p), out packed);

    /// <summary>
    /// The same, handing each chunk's sums to <paramref name="sink"/> instead of storing α·s into C (the first-layer
    /// sweep updates W1 from them while they are in cache).
    /// </summary>
    public static Action<int> Prepare<T, TV, TOps, TSink>(Problem<T> p, TSink sink, out T[] packed)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TSink : struct, IColumnSink<T>
    {
        int w = TOps.Count;
        int full = p.M / w, rest = p.M % w;

        // rows past the whole vectors that fill at most half a vector share one vector between two columns of C (in
        // the 8-column tiles only: the narrow tile has no pairs of accumulators to spare for the select)
        bool half = VectorWidth.Registers >= 32 && rest > 0 && 2 * rest <= w && full is 1 or 2;
        int vectors = half ? full : (p.M + w - 1) / w;
        int mpad = (vectors * w) + (half ? w : 0);
        var pack = ArrayPool<T>.Shared.Rent(p.K * mpad);
        PackTransposed(in p, pack, mpad, half ? vectors * w : mpad, w / 2);
        packed = pack;
        return (vectors, half) switch
        {
            (1, true) => c => Chunk<T, TV, TOps, OneAndHalf, TSink>(in p, pack, c, in sink),
            (2, true) => c => Chunk<T, TV, TOps, TwoAndHalf, TSink>(in p, pack, c, in sink),
            (1, _) => c => Chunk<T, TV, TOps, One, TSink>(in p, pack, c, in sink),
            (2, _) => c => Chunk<T, TV, TOps, Two, TSink>(in p, pack, c, in sink),
            (3, _) => c => Chunk<T, TV, TOps, Three, TSink>(in p, pack, c, in sink),
            (4, _) => c => Chunk<T, TV, TOps, Four, TSink>(in p, pack, c, in sink),
            _ => c => Chunk<T, TV, TOps, Five, TSink>(in p, pack, c, in sink),
        };
    }

    /// <summary>Where a chunk's sums go: s = Σ_q A[i, q]·B[j, q] for row <c>i</c> of C and columns j0, j0 + 1, ….</summary>
    internal interface IColumnSink<T>
    {
        /// <summary>Row <paramref name="i"/>'s sums for columns j0 .. j0 + count, at <paramref name="sums"/> + t·stride.</summary>
        void Row(int i, int j0, int count, ref T sums, int stride);
    }

    /// <summary>C[i, j] = α·s (+ C[i, j]): the product itself.</summary>
    private readonly struct StoreToC<T>(Problem<T> p) : IColumnSink<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[] _c = p.C;
        private readonly int _ldc = p.Ldc;
        private readonly T _alpha = p.Alpha;
        private readonly bool _overwrite = p.Overwrite;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int i, int j0, int count, ref T sums, int stride)
        {
            ref T ci = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_c), (i * _ldc) + j0);
            for (int t = 0; t < count; t++)
            {
                T s = _alpha * Unsafe.Add(ref sums, t * stride);
                ref T cij = ref Unsafe.Add(ref ci, t);
                cij = _overwrite ? s : cij + s;
            }
        }
    }

    /// <summary>
    /// packed[q·mpad + i] = A[i, q] for i &lt; <paramref name="whole"/> (rows in whole vectors); the rows after them, if
    /// any, twice: from <paramref name="whole"/> and from whole + <paramref name="halfWidth"/>; zeros elsewhere.
    /// </summary>
    private static void PackTransposed<T>(in Problem<T> p, T[] packed, int mpad, int whole, int halfWidth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(packed, 0, p.K * mpad);
        for (int i = 0; i < p.M; i++)
        {
            ReadOnlySpan<T> row = p.A.AsSpan(i * p.Lda, p.K);
            bool twice = whole < mpad && i >= whole;
            for (int q = 0; q < row.Length; q++)
            {
                packed[(q * mpad) + i] = row[q];
                if (twice)
                {
                    packed[(q * mpad) + i + halfWidth] = row[q];
                }
            }
        }
    }

    /// <summary>C[:, j0..j1) for chunk <paramref name="index"/>: tiles of NR rows of B into a buffer, then into C.</summary>
    // no zeroing of the column buffer (the tiles write every value read from it): see KernelCodegenTests
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Chunk<T, TV, TOps, TCount, TSink>(in Problem<T> p, T[] packed, int index, in TSink sink)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TCount : struct, IVectorCount
        where TSink : struct, IColumnSink<T>
    {
        int mpad = (TCount.Value + (TCount.Half ? 1 : 0)) * TOps.Count;
        int j0 = index * NChunk, j1 = Math.Min(p.N, j0 + NChunk);
        bool narrow = Narrow<TCount>();
        int nr = narrow ? NarrowNR : NR;

        // tiles start at `first` and step by nr; the last one ends at j1 (moved back over columns already done, which
        // come out the same), so a short last chunk starts before j0
        int first = Math.Min(j0, j1 - nr);
        Span<T> columns = stackalloc T[(NChunk + NR) * mpad];
        columns = columns[..((j1 - first) * mpad)];
        for (int jDone = first; jDone < j1; jDone += nr)
        {
            int j = Math.Min(jDone, j1 - nr);
            if (narrow)
            {
                TileNarrow<T, TV, TOps, TCount>(in p, packed, j, ref columns[(j - first) * mpad]);
            }
            else if (TCount.Half)
            {
                TileHalf<T, TV, TOps, TCount>(in p, packed, j, ref columns[(j - first) * mpad]);
            }
            else
            {
                Tile<T, TV, TOps, TCount>(in p, packed, j, ref columns[(j - first) * mpad]);
            }
        }

        // the sums, row by row of C, to the sink (C[i, j] = α·s for the product)
        for (int i = 0; i < p.M; i++)
        {
            sink.Row(i, j0, j1 - j0, ref columns[((j0 - first) * mpad) + i], mpad);
        }
    }

    /// <summary>The sums of C[:, j..j+NR] into <paramref name="output"/> (NR columns of mpad values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TV, TOps, TCount>(in Problem<T> p, T[] packed, int j, ref T output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TCount : struct, IVectorCount
    {
        int w = TOps.Count, v = TCount.Value, mpad = v * w, ldb = p.Ldb;
        ref T a = ref MemoryMarshal.GetArrayDataReference(packed);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.B), j * ldb);
        ref T b1 = ref Unsafe.Add(ref b0, ldb);
        ref T b2 = ref Unsafe.Add(ref b1, ldb);
        ref T b3 = ref Unsafe.Add(ref b2, ldb);
        ref T b4 = ref Unsafe.Add(ref b3, ldb);
        ref T b5 = ref Unsafe.Add(ref b4, ldb);
        ref T b6 = ref Unsafe.Add(ref b5, ldb);
        ref T b7 = ref Unsafe.Add(ref b6, ldb);

        // s{t}{u}: column j + t of C, rows u·w .. u·w + w
        TV s00 = TOps.Zero, s01 = TOps.Zero, s02 = TOps.Zero, s10 = TOps.Zero, s11 = TOps.Zero, s12 = TOps.Zero;
        TV s20 = TOps.Zero, s21 = TOps.Zero, s22 = TOps.Zero, s30 = TOps.Zero, s31 = TOps.Zero, s32 = TOps.Zero;
        TV s40 = TOps.Zero, s41 = TOps.Zero, s42 = TOps.Zero, s50 = TOps.Zero, s51 = TOps.Zero, s52 = TOps.Zero;
        TV s60 = TOps.Zero, s61 = TOps.Zero, s62 = TOps.Zero, s70 = TOps.Zero, s71 = TOps.Zero, s72 = TOps.Zero;
        TV a1 = TOps.Zero, a2 = TOps.Zero;
        for (int q = 0; q < p.K; q++)
        {
            ref T aq = ref Unsafe.Add(ref a, q * mpad);
            TV a0 = TOps.Load(in aq);
            if (v >= 2)
            {
                a1 = TOps.Load(in Unsafe.Add(ref aq, w));
            }

            if (v >= 3)
            {
                a2 = TOps.Load(in Unsafe.Add(ref aq, 2 * w));
            }

            Step(ref s00, ref s01, ref s02, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b0, q)), v);
            Step(ref s10, ref s11, ref s12, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b1, q)), v);
            Step(ref s20, ref s21, ref s22, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b2, q)), v);
            Step(ref s30, ref s31, ref s32, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b3, q)), v);
            Step(ref s40, ref s41, ref s42, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b4, q)), v);
            Step(ref s50, ref s51, ref s52, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b5, q)), v);
            Step(ref s60, ref s61, ref s62, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b6, q)), v);
            Step(ref s70, ref s71, ref s72, a0, a1, a2, TOps.Broadcast(Unsafe.Add(ref b7, q)), v);
        }

        Store(ref output, s00, s01, s02, v, w);
        Store(ref Unsafe.Add(ref output, mpad), s10, s11, s12, v, w);
        Store(ref Unsafe.Add(ref output, 2 * mpad), s20, s21, s22, v, w);
        Store(ref Unsafe.Add(ref output, 3 * mpad), s30, s31, s32, v, w);
        Store(ref Unsafe.Add(ref output, 4 * mpad), s40, s41, s42, v, w);
        Store(ref Unsafe.Add(ref output, 5 * mpad), s50, s51, s52, v, w);
        Store(ref Unsafe.Add(ref output, 6 * mpad), s60, s61, s62, v, w);
        Store(ref Unsafe.Add(ref output, 7 * mpad), s70, s71, s72, v, w);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Step(ref TV c0, ref TV c1, ref TV c2, TV a0, TV a1, TV a2, TV x, int v)
        {
            c0 = TOps.MultiplyAdd(a0, x, c0);
            if (v >= 2)
            {
                c1 = TOps.MultiplyAdd(a1, x, c1);
            }

            if (v >= 3)
            {
                c2 = TOps.MultiplyAdd(a2, x, c2);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Store(ref T column, TV c0, TV c1, TV c2, int v, int w)
        {
            TOps.Store(c0, ref column);
            if (v >= 2)
            {
                TOps.Store(c1, ref Unsafe.Add(ref column, w));
            }

            if (v >= 3)
            {
                TOps.Store(c2, ref Unsafe.Add(ref column, 2 * w));
            }
        }
    }

    /// <summary>
    /// The sums of C[:, j..j+2] into <paramref name="output"/> with 16 vector registers: two columns of up to five
    /// vectors (10 accumulators, a broadcast per column and one load of Aᵀ at a time), each lane's chain the same as in
    /// the 8-column tile. The next tile's two rows of B are prefetched into L2 while this one reads its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TileNarrow<T, TV, TOps, TCount>(in Problem<T> p, T[] packed, int j, ref T output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TCount : struct, IVectorCount
    {
        int w = TOps.Count, v = TCount.Value, mpad = v * w, ldb = p.Ldb;
        ref T a = ref MemoryMarshal.GetArrayDataReference(packed);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.B), j * ldb);
        ref T b1 = ref Unsafe.Add(ref b0, ldb);

        // s{t}{u}: column j + t of C, rows u·w .. u·w + w
        TV s00 = TOps.Zero, s01 = TOps.Zero, s02 = TOps.Zero, s03 = TOps.Zero, s04 = TOps.Zero;
        TV s10 = TOps.Zero, s11 = TOps.Zero, s12 = TOps.Zero, s13 = TOps.Zero, s14 = TOps.Zero;
        int lines = j + (2 * NarrowNR) <= p.N ? NarrowNR * ldb * Unsafe.SizeOf<T>() / 64 : 0;
        ref byte next = ref Unsafe.As<T, byte>(ref Unsafe.Add(ref b0, NarrowNR * ldb));
        for (int q = 0; q < p.K; q++)
        {
            ref T aq = ref Unsafe.Add(ref a, q * mpad);
            TV x = TOps.Broadcast(Unsafe.Add(ref b0, q));
            TV y = TOps.Broadcast(Unsafe.Add(ref b1, q));
            Pair(ref s00, ref s10, TOps.Load(in aq), x, y);
            if (v >= 2)
            {
                Pair(ref s01, ref s11, TOps.Load(in Unsafe.Add(ref aq, w)), x, y);
            }

            if (v >= 3)
            {
                Pair(ref s02, ref s12, TOps.Load(in Unsafe.Add(ref aq, 2 * w)), x, y);
            }

            if (v >= 4)
            {
                Pair(ref s03, ref s13, TOps.Load(in Unsafe.Add(ref aq, 3 * w)), x, y);
            }

            if (v >= 5)
            {
                Pair(ref s04, ref s14, TOps.Load(in Unsafe.Add(ref aq, 4 * w)), x, y);
            }

            if (Sse.IsSupported && q < lines)
            {
                Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref next, q * 64)));
            }
        }

        Column(ref output, s00, s01, s02, s03, s04, v, w);
        Column(ref Unsafe.Add(ref output, mpad), s10, s11, s12, s13, s14, v, w);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Pair(ref TV c, ref TV d, TV a, TV x, TV y)
        {
            c = TOps.MultiplyAdd(a, x, c);
            d = TOps.MultiplyAdd(a, y, d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Column(ref T column, TV c0, TV c1, TV c2, TV c3, TV c4, int v, int w)
        {
            TOps.Store(c0, ref column);
            if (v >= 2)
            {
                TOps.Store(c1, ref Unsafe.Add(ref column, w));
            }

            if (v >= 3)
            {
                TOps.Store(c2, ref Unsafe.Add(ref column, 2 * w));
            }

            if (v >= 4)
            {
                TOps.Store(c3, ref Unsafe.Add(ref column, 3 * w));
            }

            if (v >= 5)
            {
                TOps.Store(c4, ref Unsafe.Add(ref column, 4 * w));
            }
        }
    }

    /// <summary>
    /// <see cref="Tile{T, TV, TOps, TCount}"/> for M = whole vectors plus at most half a vector of rows: those last rows
    /// of columns j + 2t and j + 2t + 1 share one accumulator (low half and high half), multiplied by the two broadcasts
    /// joined in one vector (packed Aᵀ holds the last rows twice), so no lane is padding. Per q and pair of columns: one
    /// select and 2·v + 1 FMAs instead of 2·(v + 1). Each lane's chain is the same as in the plain tile.
    /// </summary>
    // the lane mask is written by hand, not zeroed by a helper call the accumulators would be spilled around
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TileHalf<T, TV, TOps, TCount>(in Problem<T> p, T[] packed, int j, ref T output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TCount : struct, IVectorCount
    {
        int w = TOps.Count, v = TCount.Value, mpad = (v + 1) * w, ldb = p.Ldb;
        ref T a = ref MemoryMarshal.GetArrayDataReference(packed);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.B), j * ldb);
        ref T b1 = ref Unsafe.Add(ref b0, ldb);
        ref T b2 = ref Unsafe.Add(ref b1, ldb);
        ref T b3 = ref Unsafe.Add(ref b2, ldb);
        ref T b4 = ref Unsafe.Add(ref b3, ldb);
        ref T b5 = ref Unsafe.Add(ref b4, ldb);
        ref T b6 = ref Unsafe.Add(ref b5, ldb);
        ref T b7 = ref Unsafe.Add(ref b6, ldb);

        // the high half of the lanes: there the shared accumulators take the odd column's broadcast
        Span<T> lanes = stackalloc T[w];
        lanes[..(w / 2)].Clear();
        lanes[(w / 2)..].Fill(T.One);
        TV high = TOps.GreaterThan(TOps.Load(in lanes[0]), TOps.Zero);

        // s{t}{u}: column j + t, rows u·w .. u·w + w; h{t}: the last rows of columns j + t (low) and j + t + 1 (high)
        TV s00 = TOps.Zero, s01 = TOps.Zero, s10 = TOps.Zero, s11 = TOps.Zero, s20 = TOps.Zero, s21 = TOps.Zero;
        TV s30 = TOps.Zero, s31 = TOps.Zero, s40 = TOps.Zero, s41 = TOps.Zero, s50 = TOps.Zero, s51 = TOps.Zero;
        TV s60 = TOps.Zero, s61 = TOps.Zero, s70 = TOps.Zero, s71 = TOps.Zero;
        TV h0 = TOps.Zero, h2 = TOps.Zero, h4 = TOps.Zero, h6 = TOps.Zero;
        TV a1 = TOps.Zero;

        // the next tile's rows of B (contiguous), one cache line per q into L2, while this tile reads its own
        int lines = j + (2 * NR) <= p.N ? NR * ldb * Unsafe.SizeOf<T>() / 64 : 0;
        ref byte next = ref Unsafe.As<T, byte>(ref Unsafe.Add(ref b0, NR * ldb));
        for (int q = 0; q < p.K; q++)
        {
            ref T aq = ref Unsafe.Add(ref a, q * mpad);
            TV a0 = TOps.Load(in aq);
            if (v >= 2)
            {
                a1 = TOps.Load(in Unsafe.Add(ref aq, w));
            }

            if (Sse.IsSupported && q < lines)
            {
                Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref next, q * 64)));
            }

            TV ah = TOps.Load(in Unsafe.Add(ref aq, v * w));
            Pair(ref s00, ref s01, ref s10, ref s11, ref h0, a0, a1, ah, TOps.Broadcast(Unsafe.Add(ref b0, q)), TOps.Broadcast(Unsafe.Add(ref b1, q)), high, v);
            Pair(ref s20, ref s21, ref s30, ref s31, ref h2, a0, a1, ah, TOps.Broadcast(Unsafe.Add(ref b2, q)), TOps.Broadcast(Unsafe.Add(ref b3, q)), high, v);
            Pair(ref s40, ref s41, ref s50, ref s51, ref h4, a0, a1, ah, TOps.Broadcast(Unsafe.Add(ref b4, q)), TOps.Broadcast(Unsafe.Add(ref b5, q)), high, v);
            Pair(ref s60, ref s61, ref s70, ref s71, ref h6, a0, a1, ah, TOps.Broadcast(Unsafe.Add(ref b6, q)), TOps.Broadcast(Unsafe.Add(ref b7, q)), high, v);
        }

        // the shared vectors first: column j + t + 1's high half lands on its last rows, its low half on rows that the
        // whole vectors stored next overwrite
        int last = v * w, back = last - (w / 2);
        TOps.Store(h0, ref Unsafe.Add(ref output, last));
        TOps.Store(h0, ref Unsafe.Add(ref output, mpad + back));
        TOps.Store(h2, ref Unsafe.Add(ref output, (2 * mpad) + last));
        TOps.Store(h2, ref Unsafe.Add(ref output, (3 * mpad) + back));
        TOps.Store(h4, ref Unsafe.Add(ref output, (4 * mpad) + last));
        TOps.Store(h4, ref Unsafe.Add(ref output, (5 * mpad) + back));
        TOps.Store(h6, ref Unsafe.Add(ref output, (6 * mpad) + last));
        TOps.Store(h6, ref Unsafe.Add(ref output, (7 * mpad) + back));
        StoreWhole(ref output, s00, s01, v, w);
        StoreWhole(ref Unsafe.Add(ref output, mpad), s10, s11, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 2 * mpad), s20, s21, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 3 * mpad), s30, s31, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 4 * mpad), s40, s41, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 5 * mpad), s50, s51, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 6 * mpad), s60, s61, v, w);
        StoreWhole(ref Unsafe.Add(ref output, 7 * mpad), s70, s71, v, w);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Pair(ref TV c0, ref TV c1, ref TV d0, ref TV d1, ref TV h, TV a0, TV a1, TV ah, TV x, TV y, TV high, int v)
        {
            c0 = TOps.MultiplyAdd(a0, x, c0);
            d0 = TOps.MultiplyAdd(a0, y, d0);
            if (v >= 2)
            {
                c1 = TOps.MultiplyAdd(a1, x, c1);
                d1 = TOps.MultiplyAdd(a1, y, d1);
            }

            h = TOps.MultiplyAdd(ah, TOps.Select(high, y, x), h);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void StoreWhole(ref T column, TV c0, TV c1, int v, int w)
        {
            TOps.Store(c0, ref column);
            if (v >= 2)
            {
                TOps.Store(c1, ref Unsafe.Add(ref column, w));
            }
        }
    }
}
