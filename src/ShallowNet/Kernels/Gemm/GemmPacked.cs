using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// Packed, cache-blocked GEMM in the GotoBLAS loop order. For each NC-column block of C and each KC slice of K,
/// op(B)[pc.., jc..] is packed as NR-column panels (k-major: the NR values of one k are contiguous, zero-padded), and
/// for each MC-row block op(A)[ic.., pc..] as MR-row panels (k-major, zero-padded); transposes are absorbed here.
/// op(A) = A is read in place instead, but for a last partial row panel (with 512-bit vectors, when B is, or when the
/// block of C is at most <see cref="NarrowColumns"/> wide).
/// The micro-kernel keeps MR×NR of C in registers: 6×4 vectors with 512-bit vectors (<see cref="GemmKernel6x4"/>, 32
/// registers), 6×2 with 256-bit ones (<see cref="GemmKernel6x2"/>, 15 of 16 registers), 4×3 with 128-bit ones.
/// Element C[i, j] accumulates its K products in ascending k, one KC slice at a time, whatever block or tile it falls
/// in, so the tile shape changes no result (the K slices depend on the vector width only).
/// </summary>
internal static class GemmPacked
{
    /// <summary>Rows of the 128-bit micro-tile.</summary>
    public const int MR = 4;

    /// <summary>Vectors per row of the 128-bit micro-tile (NR = 3 × lanes: 12 floats or 6 doubles).</summary>
    public const int NRVectors = 3;

    /// <summary>Rows of the micro-tile for vectors TV.</summary>
    public static int TileRows<TV>()
        where TV : struct
        => Unsafe.SizeOf<TV>() == 64 ? GemmKernel6x4.MR : Unsafe.SizeOf<TV>() == 32 ? GemmKernel6x2.MR : MR;

    /// <summary>Columns of the micro-tile (NR) for vectors TV of <paramref name="lanes"/> lanes.</summary>
    public static int TileColumns<TV>(int lanes)
        where TV : struct
        => (Unsafe.SizeOf<TV>() == 64 ? GemmKernel6x4.NRVectors : Unsafe.SizeOf<TV>() == 32 ? GemmKernel6x2.NRVectors : NRVectors) * lanes;

    /// <summary>
    /// K slice of the 128-bit tile, in bytes of one B row of a lane: KC = 256 floats or 128 doubles, so that a packed B
    /// micro-panel (KC×NR: 12 KB float, 6 KB double) stays in L1 while it meets every A panel of the block.
    /// </summary>
    private const int KCBytes = 1024;

    /// <summary>
    /// K slice of the 512-bit 6×4 tile, in elements (its B micro-panel is 256 B per k in either precision). Deep
    /// slices suit a 1 MB L2: the B micro-panel (≤ 256 KB) streams from L2, and C, which every slice reads and writes
    /// once, is passed over fewer times (the wide network's W1·X, K = 784, in one pass instead of four; bench/README).
    /// </summary>
    private const int KC512 = 1024;

    /// <summary>
    /// K slice of the 256-bit 6×2 tile, in elements: its B micro-panel is 64 B per k in either precision, 16 KB at
    /// KC = 256, half the 32 KB L1 (BLIS's Zen and Haswell blocking). 384 and 512 measured no faster (bench/README,
    /// Round 10).
    /// </summary>
    private const int KC256 = 256;

    /// <summary>
    /// The depth of the K slices: K cut into as few slices as the limit allows, of equal depth but for a shorter last
    /// one (784 = 4 × 196 rather than 3 × 256 + 16, whose short slice would cost a whole pass over C for 16 products).
    /// A function of K and the vector type only, so every element's summation order is fixed by the shapes.
    /// </summary>
    private static int SliceDepth<T, TV>(int k)
        where TV : struct
    {
        int limit = Unsafe.SizeOf<TV>() == 64 ? KC512 : Unsafe.SizeOf<TV>() == 32 ? KC256 : KCBytes / Unsafe.SizeOf<T>();
        int slices = (k + limit - 1) / limit;
        return (k + slices - 1) / slices;
    }

    /// <summary>
    /// A block of C at most this many columns wide reads op(A) = A in place at every width: the mini-batch forward
    /// W1·Xbᵀ (128 columns, 64 per thread on two) packed all of W1 for four to eight 256-bit column panels and ran
    /// 10–15% slower than in place; at 256 columns and more the two measured the same (bench/README, Round 15).
    /// </summary>
    internal const int NarrowColumns = 128;

    /// <summary>Rows of op(A) packed at once (MC×KC in L2).</summary>
    private const int MC = 192;

    /// <summary>Columns of op(B) packed at once, in NR panels (KC×NC in L3).</summary>
    private const int NCPanels = 64;

    /// <summary>
    /// At most this many bytes of packed B at once (KC×NC), so that deep slices do not grow each thread's buffer (and
    /// the process's working set) past a few MB: 8 panels of 1024 × 64 floats (4 MB was no faster; bench/README).
    /// </summary>
    private const int NCBytes = 2 << 20;

    /// <summary>C[i0..i1, j0..j1] (+)= α·op(A)·op(B); i0 is a multiple of MR and j0 of NR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T, TV, TOps>(in Problem<T> p, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int mr = TileRows<TV>();
        int nr = TileColumns<TV>(TOps.Count);
        int k = p.K;
        int kcStep = SliceDepth<T, TV>(k);
        int kcMax = Math.Min(kcStep, k);
        int nc = Math.Clamp(NCBytes / (kcMax * nr * Unsafe.SizeOf<T>()), 1, NCPanels) * nr;
        bool inPlace = ReadBInPlace<T>(in p, i1 - i0, kcMax, Math.Min(nc, RoundUp(j1 - j0, nr)));

        // A = op(A) is read in place (MR rows side by side, row stride lda) rather than packed: with B in place (few
        // rows of C) every thread would otherwise copy all of A (the cat network's W1, 2 MB) for each product, and the
        // 6×4 kernel broadcasts its six values from six rows as fast as from a packed panel (the mini-batch forward
        // W1·Xbᵀ spent a quarter of its time packing W1 otherwise; bench/README, Round 6). At any width when the
        // block of C is narrow: a packed copy of A is read once per column panel, too few times to pay for itself.
        bool aInPlace = p.OpA == Op.None && (inPlace || ReadsAInPlace<TV>() || j1 - j0 <= NarrowColumns);
        var aPack = PackBuffers<T>.ForA((aInPlace ? mr : MC) * kcMax);        // in place: a last partial row panel
        var bPack = PackBuffers<T>.ForB(kcMax * (inPlace ? nr : Math.Min(nc, RoundUp(j1 - j0, nr))));
        ref T c = ref MemoryMarshal.GetArrayDataReference(p.C);
        ref T ap = ref MemoryMarshal.GetArrayDataReference(aPack);
        ref T bp = ref MemoryMarshal.GetArrayDataReference(bPack);
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);

        for (int jc = j0; jc < j1; jc += nc)
        {
            int ncb = Math.Min(nc, j1 - jc);
            int full = ncb - (ncb % nr);
            for (int pc = 0; pc < k; pc += kcStep)
            {
                int kc = Math.Min(kcStep, k - pc);
                bool overwrite = p.Overwrite && pc == 0;
                if (inPlace)
                {
                    // full panels are read where they are (row stride ldb); only a last partial panel is packed
                    if (full < ncb)
                    {
                        PackB<T, TV, TOps>(in p, pc, kc, jc + full, ncb - full, nr, ref bp);
                    }
                }
                else
                {
                    PackB<T, TV, TOps>(in p, pc, kc, jc, ncb, nr, ref bp);
                }

                for (int ic = i0; ic < i1; ic += MC)
                {
                    int mcb = Math.Min(MC, i1 - ic);
                    int fullRows = aInPlace ? mcb - (mcb % mr) : 0;
                    if (fullRows < mcb)
                    {
                        // with A in place only a last partial row panel is packed, into the first panel of the buffer
                        PackA(in p, ic + fullRows, mcb - fullRows, pc, kc, mr, ref ap);
                    }
                    for (int jr = 0; jr < ncb; jr += nr)
                    {
                        int cols = Math.Min(nr, ncb - jr);
                        ref T bPanel = ref Unsafe.Add(ref bp, jr * kc);
                        int ldbk = nr;
                        if (inPlace)
                        {
                            if (jr < full)
                            {
                                bPanel = ref Unsafe.Add(ref b, (pc * p.Ldb) + jc + jr);
                                ldbk = p.Ldb;
                            }
                            else
                            {
                                bPanel = ref bp;
                            }
                        }

                        for (int ir = 0; ir < mcb; ir += mr)
                        {
                            ref T cTile = ref Unsafe.Add(ref c, ((ic + ir) * p.Ldc) + jc + jr);
                            if (ir < fullRows)
                            {
                                ref T aPanel = ref Unsafe.Add(ref a, ((ic + ir) * p.Lda) + pc);
                                Tile<T, TV, TOps>(kc, ref aPanel, p.Lda, 1, ref bPanel, ldbk, p.Alpha, ref cTile, p.Ldc, mr, cols, overwrite);
                            }
                            else
                            {
                                ref T aPanel = ref Unsafe.Add(ref ap, (ir - fullRows) * kc);
                                Tile<T, TV, TOps>(kc, ref aPanel, 1, mr, ref bPanel, ldbk, p.Alpha, ref cTile, p.Ldc, Math.Min(mr, mcb - ir), cols, overwrite);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether op(A) = A is read in place whatever B does: with 512-bit vectors, whose 6×4 kernel broadcasts its six
    /// values from six rows as fast as from a packed panel. The 256- and 128-bit kernels were measured no faster so
    /// (bench/README, Rounds 13 and 14) and pack A.
    /// </summary>
    internal static bool ReadsAInPlace<TV>()
        where TV : struct
        => Unsafe.SizeOf<TV>() == 64;

    /// <summary>
    /// Whether op(B) = B is read in place, row stride ldb, instead of packed: when the C block has at most MC rows
    /// (one A block, so every KC×NR panel of B is met by all its row panels while it sits in L1/L2 and is read from
    /// memory once, as packing would) or when a KC slice of the column block fits in L2 anyway, and its rows are not a
    /// multiple of <see cref="AliasingStrideBytes"/> apart. This saves the copy,
    /// which for a few rows of C over a long K (the cat network's W1·X: all of X, 20 MB, every epoch) costs as much
    /// as the products, and the copy each thread would make of the same B when threads split the rows of C.
    /// The kernel and every element's summation order are the same either way.
    /// </summary>
    private static bool ReadBInPlace<T>(in Problem<T> p, int rows, int kc, int ncb)
        where T : unmanaged
        => p.OpB == Op.None && (p.Ldb * Unsafe.SizeOf<T>()) % AliasingStrideBytes != 0
            && (rows <= MC || ((long)kc * ncb * Unsafe.SizeOf<T>()) <= InPlaceSliceBytes);

    /// <summary>
    /// Rows of B this far apart (a multiple of 256 bytes) fall into a few L1 sets (64 sets of 64 B) and evict each
    /// other when read in place (784×128 float32, 512 B rows, was slower than packing); such B is packed.
    /// </summary>
    private const int AliasingStrideBytes = 256;

    /// <summary>A KC slice of B this size or smaller stays in L2 (1 MB on the machines we tuned on) across the row blocks of A.</summary>
    private const int InPlaceSliceBytes = 256 * 1024;

    /// <summary>The micro-kernel for vectors TV (the branch is on a JIT-time constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<T, TV, TOps>(int kc, ref T a, int aRow, int aK, ref T b, int ldbk, T alpha, ref T c, int ldc, int rows, int cols, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (Unsafe.SizeOf<TV>() == 64)
        {
            GemmKernel6x4.Run<T, TV, TOps>(kc, ref a, aRow, aK, ref b, ldbk, alpha, ref c, ldc, rows, cols, overwrite);
        }
        else if (Unsafe.SizeOf<TV>() == 32)
        {
            GemmKernel6x2.Run<T, TV, TOps>(kc, ref a, aRow, aK, ref b, ldbk, alpha, ref c, ldc, rows, cols, overwrite);
        }
        else
        {
            Kernel<T, TV, TOps>(kc, ref a, aRow, aK, ref b, ldbk, alpha, ref c, ldc, rows, cols, overwrite);
        }
    }

    /// <summary>
    /// The 4×3-vector tile (128-bit vectors) at <paramref name="c"/> (+)= α·(A panel, MR×kc, element (r, k) at r·<paramref name="aRow"/> +
    /// k·<paramref name="aK"/>: 1 and MR when packed, lda and 1 in place)·(B panel, kc×NR, row k at
    /// k·<paramref name="ldbk"/>: NR when packed, ldb in place); only rows × cols of it are inside C. Each accumulator sums its kc products in ascending k with fused multiply-adds.
    /// </summary>
    // no zeroing of the staging buffer: without it the JIT, compiling without a profile (native build, the tool's
    // settings), spilled every accumulator in the loop to keep them live across the zeroing call (4× slower GEMM)
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<T, TV, TOps>(int kc, ref T a, int aRow, int aK, ref T b, int ldbk, T alpha, ref T c, int ldc, int rows, int cols, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero;
        TV c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero;
        int aRow2 = 2 * aRow, aRow3 = 3 * aRow;
        for (int p = 0; p < kc; p++)
        {
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV b2 = TOps.Load(in Unsafe.Add(ref b, 2 * w));
            TV x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            c02 = TOps.MultiplyAdd(x, b2, c02);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            c12 = TOps.MultiplyAdd(x, b2, c12);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            c22 = TOps.MultiplyAdd(x, b2, c22);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            c32 = TOps.MultiplyAdd(x, b2, c32);
            a = ref Unsafe.Add(ref a, aK);
            b = ref Unsafe.Add(ref b, ldbk);
        }

        TV va = TOps.Broadcast(alpha);
        if (rows == MR && cols == 3 * w)
        {
            Update<T, TV, TOps>(ref c, w, TOps.Multiply(c00, va), TOps.Multiply(c01, va), TOps.Multiply(c02, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, ldc), w, TOps.Multiply(c10, va), TOps.Multiply(c11, va), TOps.Multiply(c12, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 2 * ldc), w, TOps.Multiply(c20, va), TOps.Multiply(c21, va), TOps.Multiply(c22, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 3 * ldc), w, TOps.Multiply(c30, va), TOps.Multiply(c31, va), TOps.Multiply(c32, va), overwrite);
            return;
        }

        // An edge tile: the same α·acc, staged, then added (or stored) element by element inside C.
        Span<T> tile = stackalloc T[MR * 3 * 16];
        ref T t = ref MemoryMarshal.GetReference(tile);
        int nr = 3 * w;
        TOps.Store(TOps.Multiply(c00, va), ref t);
        TOps.Store(TOps.Multiply(c01, va), ref Unsafe.Add(ref t, w));
        TOps.Store(TOps.Multiply(c02, va), ref Unsafe.Add(ref t, 2 * w));
        TOps.Store(TOps.Multiply(c10, va), ref Unsafe.Add(ref t, nr));
        TOps.Store(TOps.Multiply(c11, va), ref Unsafe.Add(ref t, nr + w));
        TOps.Store(TOps.Multiply(c12, va), ref Unsafe.Add(ref t, nr + (2 * w)));
        TOps.Store(TOps.Multiply(c20, va), ref Unsafe.Add(ref t, 2 * nr));
        TOps.Store(TOps.Multiply(c21, va), ref Unsafe.Add(ref t, (2 * nr) + w));
        TOps.Store(TOps.Multiply(c22, va), ref Unsafe.Add(ref t, (2 * nr) + (2 * w)));
        TOps.Store(TOps.Multiply(c30, va), ref Unsafe.Add(ref t, 3 * nr));
        TOps.Store(TOps.Multiply(c31, va), ref Unsafe.Add(ref t, (3 * nr) + w));
        TOps.Store(TOps.Multiply(c32, va), ref Unsafe.Add(ref t, (3 * nr) + (2 * w)));
        for (int r = 0; r < rows; r++)
        {
            ref T cr = ref Unsafe.Add(ref c, r * ldc);
            ref T tr = ref Unsafe.Add(ref t, r * nr);
            for (int q = 0; q < cols; q++)
            {
                Unsafe.Add(ref cr, q) = overwrite ? Unsafe.Add(ref tr, q) : Unsafe.Add(ref cr, q) + Unsafe.Add(ref tr, q);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T, TV, TOps>(ref T c, int w, TV t0, TV t1, TV t2, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (!overwrite)
        {
            t0 = TOps.Add(TOps.Load(in c), t0);
            t1 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, w)), t1);
            t2 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, 2 * w)), t2);
        }

        TOps.Store(t0, ref c);
        TOps.Store(t1, ref Unsafe.Add(ref c, w));
        TOps.Store(t2, ref Unsafe.Add(ref c, 2 * w));
    }

    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+ncb] as NR-column panels: panel jr holds kc rows of NR values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T, TV, TOps>(in Problem<T> p, int pc, int kc, int jc, int ncb, int nr, ref T pack)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        int ldb = p.Ldb;
        int w = TOps.Count;
        for (int jr = 0; jr < ncb; jr += nr)
        {
            int cols = Math.Min(nr, ncb - jr);
            ref T panel = ref Unsafe.Add(ref pack, jr * kc);
            if (p.OpB == Op.None)
            {
                // op(B)[pc + q, jc + jr ..] is a contiguous run of row pc + q
                ref T src = ref Unsafe.Add(ref b, (pc * ldb) + jc + jr);
                if (cols == nr)
                {
                    for (int q = 0; q < kc; q++)
                    {
                        ref T s = ref Unsafe.Add(ref src, q * ldb);
                        ref T d = ref Unsafe.Add(ref panel, q * nr);
                        TOps.Store(TOps.Load(in s), ref d);
                        TOps.Store(TOps.Load(in Unsafe.Add(ref s, w)), ref Unsafe.Add(ref d, w));
                        if (nr >= 3 * w)
                        {
                            TOps.Store(TOps.Load(in Unsafe.Add(ref s, 2 * w)), ref Unsafe.Add(ref d, 2 * w));
                        }

                        if (nr == 4 * w)
                        {
                            TOps.Store(TOps.Load(in Unsafe.Add(ref s, 3 * w)), ref Unsafe.Add(ref d, 3 * w));
                        }
                    }
                }
                else
                {
                    for (int q = 0; q < kc; q++)
                    {
                        var d = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, q * nr), nr);
                        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref src, q * ldb), cols).CopyTo(d);
                        d[cols..].Clear();
                    }
                }
            }
            else
            {
                // op(B)[pc + q, j] = B[j, pc + q]: row j of B is contiguous in q; eight rows (floats) or four at a
                // time go down as many adjacent columns of the panel through register transposes, the rest one value
                // at a time
                int j = 0;
                if (typeof(T) == typeof(float) && Avx.IsSupported)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        TransposeRows8(ref Unsafe.As<T, float>(ref Unsafe.Add(ref b, ((jc + jr + j) * ldb) + pc)), ldb, kc, ref Unsafe.As<T, float>(ref Unsafe.Add(ref panel, j)), nr);
                    }
                }

                for (; j + 4 <= cols; j += 4)
                {
                    if (!TransposeRows4(ref Unsafe.Add(ref b, ((jc + jr + j) * ldb) + pc), ldb, kc, ref Unsafe.Add(ref panel, j), nr))
                    {
                        break;
                    }
                }

                for (; j < nr; j++)
                {
                    ref T d = ref Unsafe.Add(ref panel, j);
                    if (j < cols)
                    {
                        ref T s = ref Unsafe.Add(ref b, ((jc + jr + j) * ldb) + pc);
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * nr) = Unsafe.Add(ref s, q);
                        }
                    }
                    else
                    {
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * nr) = T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[ic..ic+mcb, pc..pc+kc] as mr-row panels: panel ir holds kc columns of mr values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(in Problem<T> p, int ic, int mcb, int pc, int kc, int mr, ref T pack)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);
        int lda = p.Lda;
        for (int ir = 0; ir < mcb; ir += mr)
        {
            int rows = Math.Min(mr, mcb - ir);
            ref T panel = ref Unsafe.Add(ref pack, ir * kc);
            if (p.OpA == Op.None)
            {
                // op(A)[i, pc + q] = A[i, pc + q]: mr rows read side by side, four at a time through register
                // transposes (rows 0-3, then 2-5 for mr = 6: rows 2 and 3 are written twice, with the same values)
                if (rows == mr && mr >= 4)
                {
                    ref T s0 = ref Unsafe.Add(ref a, ((ic + ir) * lda) + pc);
                    bool done = true;
                    for (int r0 = 0; r0 < mr && done; r0 += 4)
                    {
                        int r = Math.Min(r0, mr - 4);
                        done = TransposeRows4(ref Unsafe.Add(ref s0, r * lda), lda, kc, ref Unsafe.Add(ref panel, r), mr);
                    }

                    if (done)
                    {
                        continue;
                    }
                }

                for (int r = 0; r < mr; r++)
                {
                    ref T d = ref Unsafe.Add(ref panel, r);
                    if (r < rows)
                    {
                        ref T s = ref Unsafe.Add(ref a, ((ic + ir + r) * lda) + pc);
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * mr) = Unsafe.Add(ref s, q);
                        }
                    }
                    else
                    {
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * mr) = T.Zero;
                        }
                    }
                }
            }
            else
            {
                // op(A)[i, pc + q] = A[pc + q, i]: mr contiguous values of row pc + q
                for (int q = 0; q < kc; q++)
                {
                    ref T s = ref Unsafe.Add(ref a, ((pc + q) * lda) + ic + ir);
                    ref T d = ref Unsafe.Add(ref panel, q * mr);
                    for (int r = 0; r < mr; r++)
                    {
                        Unsafe.Add(ref d, r) = r < rows ? Unsafe.Add(ref s, r) : T.Zero;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes eight rows of <paramref name="kc"/> floats (row stride <paramref name="lda"/>) down eight adjacent columns
    /// of a panel with row stride <paramref name="stride"/>, d[q·stride + r] = s[r·lda + q], eight columns at a time with
    /// 8×8 register transposes: 40 instructions per 64 values against 64 for four 4×4 ones (the mini-batch forward packs
    /// all of Xbᵀ, 128 × 784, per thread and per batch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeRows8(ref float s, int lda, int kc, ref float d, int stride)
    {
        int q = 0;
        for (; q + 8 <= kc; q += 8)
        {
            ref float s0 = ref Unsafe.Add(ref s, q);
            var t0 = Vector256.LoadUnsafe(ref s0);
            var t1 = Vector256.LoadUnsafe(ref s0, (nuint)lda);
            var t2 = Vector256.LoadUnsafe(ref s0, (nuint)(2 * lda));
            var t3 = Vector256.LoadUnsafe(ref s0, (nuint)(3 * lda));
            var t4 = Vector256.LoadUnsafe(ref s0, (nuint)(4 * lda));
            var t5 = Vector256.LoadUnsafe(ref s0, (nuint)(5 * lda));
            var t6 = Vector256.LoadUnsafe(ref s0, (nuint)(6 * lda));
            var t7 = Vector256.LoadUnsafe(ref s0, (nuint)(7 * lda));

            // pairs of rows interleaved, then quadruples: u0 holds rows 0-3 of columns 0 (low lane) and 4 (high lane)
            var p0 = Avx.UnpackLow(t0, t1);
            var p1 = Avx.UnpackHigh(t0, t1);
            var p2 = Avx.UnpackLow(t2, t3);
            var p3 = Avx.UnpackHigh(t2, t3);
            var p4 = Avx.UnpackLow(t4, t5);
            var p5 = Avx.UnpackHigh(t4, t5);
            var p6 = Avx.UnpackLow(t6, t7);
            var p7 = Avx.UnpackHigh(t6, t7);
            var u0 = Avx.Shuffle(p0, p2, 0x44);
            var u1 = Avx.Shuffle(p0, p2, 0xEE);
            var u2 = Avx.Shuffle(p1, p3, 0x44);
            var u3 = Avx.Shuffle(p1, p3, 0xEE);
            var u4 = Avx.Shuffle(p4, p6, 0x44);
            var u5 = Avx.Shuffle(p4, p6, 0xEE);
            var u6 = Avx.Shuffle(p5, p7, 0x44);
            var u7 = Avx.Shuffle(p5, p7, 0xEE);

            // rows 0-3 and 4-7 of each column side by side: column c of the block is row q + c of the panel
            ref float o = ref Unsafe.Add(ref d, q * stride);
            Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref o);
            Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref o, (nuint)stride);
            Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref o, (nuint)(2 * stride));
            Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref o, (nuint)(3 * stride));
            Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref o, (nuint)(4 * stride));
            Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref o, (nuint)(5 * stride));
            Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref o, (nuint)(6 * stride));
            Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref o, (nuint)(7 * stride));
        }

        for (; q < kc; q++)
        {
            for (int r = 0; r < 8; r++)
            {
                Unsafe.Add(ref d, (q * stride) + r) = Unsafe.Add(ref s, (r * lda) + q);
            }
        }
    }

    /// <summary>
    /// Writes four rows of <paramref name="kc"/> values (row stride <paramref name="lda"/>) down four adjacent columns of
    /// a panel with row stride <paramref name="stride"/>, d[q·stride + r] = s[r·lda + q], through register transposes
    /// (4×4 of 256 or 128 bits, or 2×2 blocks of 128-bit doubles; the same values, moved only). Returns false, having
    /// written nothing, where this CPU has no such path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TransposeRows4<T>(ref T s, int lda, int kc, ref T d, int stride)
        where T : unmanaged
    {
        int q = 0;
        if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            ref double s0 = ref Unsafe.As<T, double>(ref s);
            ref double d0 = ref Unsafe.As<T, double>(ref d);
            for (; q + 4 <= kc; q += 4)
            {
                var r0 = Vector256.LoadUnsafe(ref s0, (nuint)q);
                var r1 = Vector256.LoadUnsafe(ref s0, (nuint)(lda + q));
                var r2 = Vector256.LoadUnsafe(ref s0, (nuint)((2 * lda) + q));
                var r3 = Vector256.LoadUnsafe(ref s0, (nuint)((3 * lda) + q));
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                ref double o = ref Unsafe.Add(ref d0, q * stride);
                Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref o);
                Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref o, (nuint)stride);
                Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref o, (nuint)(2 * stride));
                Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref o, (nuint)(3 * stride));
            }
        }
        else if (typeof(T) == typeof(double) && Interleave128.IsSupported)
        {
            // two columns at a time: rows 0-1 and 2-3 of each, interleaved from 2 × 2 blocks
            ref double s0 = ref Unsafe.As<T, double>(ref s);
            ref double d0 = ref Unsafe.As<T, double>(ref d);
            for (; q + 2 <= kc; q += 2)
            {
                var r0 = Vector128.LoadUnsafe(ref s0, (nuint)q);
                var r1 = Vector128.LoadUnsafe(ref s0, (nuint)(lda + q));
                var r2 = Vector128.LoadUnsafe(ref s0, (nuint)((2 * lda) + q));
                var r3 = Vector128.LoadUnsafe(ref s0, (nuint)((3 * lda) + q));
                ref double o = ref Unsafe.Add(ref d0, q * stride);
                Interleave128.Low(r0, r1).StoreUnsafe(ref o);
                Interleave128.Low(r2, r3).StoreUnsafe(ref o, 2);
                Interleave128.High(r0, r1).StoreUnsafe(ref o, (nuint)stride);
                Interleave128.High(r2, r3).StoreUnsafe(ref o, (nuint)(stride + 2));
            }
        }
        else if (typeof(T) == typeof(float) && Interleave128.IsSupported)
        {
            ref float s0 = ref Unsafe.As<T, float>(ref s);
            ref float d0 = ref Unsafe.As<T, float>(ref d);
            for (; q + 4 <= kc; q += 4)
            {
                var r0 = Vector128.LoadUnsafe(ref s0, (nuint)q);
                var r1 = Vector128.LoadUnsafe(ref s0, (nuint)(lda + q));
                var r2 = Vector128.LoadUnsafe(ref s0, (nuint)((2 * lda) + q));
                var r3 = Vector128.LoadUnsafe(ref s0, (nuint)((3 * lda) + q));
                var t0 = Interleave128.Low(r0, r1).AsDouble();
                var t1 = Interleave128.High(r0, r1).AsDouble();
                var t2 = Interleave128.Low(r2, r3).AsDouble();
                var t3 = Interleave128.High(r2, r3).AsDouble();
                ref float o = ref Unsafe.Add(ref d0, q * stride);
                Interleave128.Low(t0, t2).AsSingle().StoreUnsafe(ref o);
                Interleave128.High(t0, t2).AsSingle().StoreUnsafe(ref o, (nuint)stride);
                Interleave128.Low(t1, t3).AsSingle().StoreUnsafe(ref o, (nuint)(2 * stride));
                Interleave128.High(t1, t3).AsSingle().StoreUnsafe(ref o, (nuint)(3 * stride));
            }
        }
        else
        {
            return false;
        }

        for (; q < kc; q++)
        {
            for (int r = 0; r < 4; r++)
            {
                Unsafe.Add(ref d, (q * stride) + r) = Unsafe.Add(ref s, (r * lda) + q);
            }
        }

        return true;
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Per-thread packing buffers, reused across calls so that training allocates nothing per epoch. B's is made at
    /// once as large as any product needs (<see cref="NCBytes"/>), so that a deeper product after a shallower one does
    /// not leave a smaller buffer behind as garbage that still counts in the working set; A's, mostly read in place, as
    /// large as asked.
    /// </summary>
    private static class PackBuffers<T>
    {
        [ThreadStatic]
        private static T[]? s_a;

        [ThreadStatic]
        private static T[]? s_b;

        public static T[] ForA(int length) => s_a is { } x && x.Length >= length ? x : s_a = new T[length];

        public static T[] ForB(int length) => s_b is { } x && x.Length >= length ? x : s_b = new T[Math.Max(length, NCBytes / Unsafe.SizeOf<T>())];
    }
}
