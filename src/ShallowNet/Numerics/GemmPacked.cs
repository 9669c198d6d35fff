using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShallowNet.Numerics;

/// <summary>
/// Packed, cache-blocked GEMM in the GotoBLAS loop order. For each NC-column block of C and each KC slice of K,
/// op(B)[pc.., jc..] is packed as NR-column panels (k-major: the NR values of one k are contiguous, zero-padded), and
/// for each MC-row block op(A)[ic.., pc..] as MR-row panels (k-major, zero-padded); transposes are absorbed here.
/// The MR×NR micro-kernel keeps 4×3 vectors of C in registers and does one broadcast and three FMAs per row and k.
/// Element C[i, j] accumulates its K products in ascending k, one KC slice at a time, whatever block it falls in.
/// </summary>
internal static class GemmPacked
{
    /// <summary>Rows of the micro-tile.</summary>
    public const int MR = 4;

    /// <summary>Vectors per row of the micro-tile (NR = 3 × lanes: 48 floats or 24 doubles with AVX-512).</summary>
    public const int NRVectors = 3;

    /// <summary>K slice: a B micro-panel (KC×NR) stays in L1/L2 while it meets every A panel of the block.</summary>
    private const int KC = 256;

    /// <summary>Rows of op(A) packed at once (MC×KC in L2).</summary>
    private const int MC = 192;

    /// <summary>Columns of op(B) packed at once, in NR panels (KC×NC in L3).</summary>
    private const int NCPanels = 64;

    /// <summary>C[i0..i1, j0..j1] (+)= α·op(A)·op(B); i0 is a multiple of MR and j0 of NR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T, TV, TOps>(in Problem<T> p, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int nr = NRVectors * TOps.Count;
        int nc = NCPanels * nr;
        int k = p.K;
        int kcMax = Math.Min(KC, k);
        var aPack = PackBuffers<T>.ForA(MC * kcMax);
        var bPack = PackBuffers<T>.ForB(kcMax * Math.Min(nc, RoundUp(j1 - j0, nr)));
        ref T c = ref MemoryMarshal.GetArrayDataReference(p.C);
        ref T ap = ref MemoryMarshal.GetArrayDataReference(aPack);
        ref T bp = ref MemoryMarshal.GetArrayDataReference(bPack);
        for (int jc = j0; jc < j1; jc += nc)
        {
            int ncb = Math.Min(nc, j1 - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool overwrite = p.Overwrite && pc == 0;
                PackB<T, TV, TOps>(in p, pc, kc, jc, ncb, nr, ref bp);
                for (int ic = i0; ic < i1; ic += MC)
                {
                    int mcb = Math.Min(MC, i1 - ic);
                    PackA(in p, ic, mcb, pc, kc, ref ap);
                    for (int jr = 0; jr < ncb; jr += nr)
                    {
                        int cols = Math.Min(nr, ncb - jr);
                        ref T bPanel = ref Unsafe.Add(ref bp, jr * kc);
                        for (int ir = 0; ir < mcb; ir += MR)
                        {
                            ref T cTile = ref Unsafe.Add(ref c, ((ic + ir) * p.Ldc) + jc + jr);
                            Kernel<T, TV, TOps>(kc, ref Unsafe.Add(ref ap, ir * kc), ref bPanel, p.Alpha, ref cTile, p.Ldc, Math.Min(MR, mcb - ir), cols, overwrite);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The MR×NR tile at <paramref name="c"/> (+)= α·(A panel, MR×kc)·(B panel, kc×NR); only rows × cols of it are
    /// inside C. Each accumulator sums its kc products in ascending k with fused multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<T, TV, TOps>(int kc, ref T a, ref T b, T alpha, ref T c, int ldc, int rows, int cols, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero;
        TV c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV b2 = TOps.Load(in Unsafe.Add(ref b, 2 * w));
            TV x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            c02 = TOps.MultiplyAdd(x, b2, c02);
            x = TOps.Broadcast(Unsafe.Add(ref a, 1));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            c12 = TOps.MultiplyAdd(x, b2, c12);
            x = TOps.Broadcast(Unsafe.Add(ref a, 2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            c22 = TOps.MultiplyAdd(x, b2, c22);
            x = TOps.Broadcast(Unsafe.Add(ref a, 3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            c32 = TOps.MultiplyAdd(x, b2, c32);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 3 * w);
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
                        TOps.Store(TOps.Load(in Unsafe.Add(ref s, 2 * w)), ref Unsafe.Add(ref d, 2 * w));
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
                // op(B)[pc + q, j] = B[j, pc + q]: row j of B is contiguous in q; write it down column j of the panel
                for (int j = 0; j < nr; j++)
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

    /// <summary>Packs op(A)[ic..ic+mcb, pc..pc+kc] as MR-row panels: panel ir holds kc columns of MR values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(in Problem<T> p, int ic, int mcb, int pc, int kc, ref T pack)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);
        int lda = p.Lda;
        for (int ir = 0; ir < mcb; ir += MR)
        {
            int rows = Math.Min(MR, mcb - ir);
            ref T panel = ref Unsafe.Add(ref pack, ir * kc);
            if (p.OpA == Op.None)
            {
                // op(A)[i, pc + q] = A[i, pc + q]: MR rows read side by side
                for (int r = 0; r < MR; r++)
                {
                    ref T d = ref Unsafe.Add(ref panel, r);
                    if (r < rows)
                    {
                        ref T s = ref Unsafe.Add(ref a, ((ic + ir + r) * lda) + pc);
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * MR) = Unsafe.Add(ref s, q);
                        }
                    }
                    else
                    {
                        for (int q = 0; q < kc; q++)
                        {
                            Unsafe.Add(ref d, q * MR) = T.Zero;
                        }
                    }
                }
            }
            else
            {
                // op(A)[i, pc + q] = A[pc + q, i]: MR contiguous values of row pc + q
                for (int q = 0; q < kc; q++)
                {
                    ref T s = ref Unsafe.Add(ref a, ((pc + q) * lda) + ic + ir);
                    ref T d = ref Unsafe.Add(ref panel, q * MR);
                    for (int r = 0; r < MR; r++)
                    {
                        Unsafe.Add(ref d, r) = r < rows ? Unsafe.Add(ref s, r) : T.Zero;
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Per-thread packing buffers, reused across calls so that training allocates nothing per epoch.</summary>
    private static class PackBuffers<T>
    {
        [ThreadStatic]
        private static T[]? s_a;

        [ThreadStatic]
        private static T[]? s_b;

        public static T[] ForA(int length) => s_a is { } x && x.Length >= length ? x : s_a = new T[length];

        public static T[] ForB(int length) => s_b is { } x && x.Length >= length ? x : s_b = new T[length];
    }
}
