using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShallowNet.Numerics;

/// <summary>
/// Cache-blocked GEMM in the GotoBLAS loop order: op(B) is packed in KC×NC blocks of NR-column panels, op(A) in
/// MC×KC blocks of MR-row panels (the transposes are absorbed while packing, so all three training products share
/// one kernel), and an MR×NR register-blocked micro-kernel accumulates each tile with SIMD vectors.
/// Each element of C sums its K products in a fixed order, whatever the blocking of M and N.
/// </summary>
internal static class GemmBlocked
{
    private const int MR = 4;
    private const int KC = 256;
    private const int MC = 128;
    private const int NC = 2048;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(int m, int n, int k, T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c, Compute compute)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = compute; // one thread for now; the speed work splits the N blocks across threads
        ScaleC(beta, c);
        if (m == 0 || n == 0 || k == 0 || alpha == T.Zero)
        {
            return;
        }

        int nr = 2 * Vector<T>.Count;
        var aPack = PackBuffers<T>.ForA(MC * KC);
        var bPack = PackBuffers<T>.ForB(KC * NC);
        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                PackB(b, opB, pc, kc, jc, nc, nr, bPack);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    PackA(a, opA, ic, mc, pc, kc, aPack);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            MicroKernel(kc, aPack, ir * kc, bPack, jr * kc, alpha, c, ic + ir, jc + jr, Math.Min(MR, mc - ir), Math.Min(nr, nc - jr));
                        }
                    }
                }
            }
        }
    }

    private static void ScaleC<T>(T beta, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.Zero)
        {
            c.AsSpan().Clear();
        }
        else if (beta != T.One)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(c.AsSpan(), beta, c.AsSpan());
        }
    }

    /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-row panels, k-major inside a panel, zero-padded.</summary>
    private static void PackA<T>(Matrix<T> a, Op opA, int ic, int mc, int pc, int kc, T[] pack)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = a.Data;
        int ld = a.Cols;
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            int panel = ir * kc;
            for (int p = 0; p < kc; p++)
            {
                int dst = panel + (p * MR);
                for (int r = 0; r < MR; r++)
                {
                    int i = ic + ir + r;
                    pack[dst + r] = r >= rows ? T.Zero
                        : opA == Op.None ? src[(i * ld) + pc + p] : src[((pc + p) * ld) + i];
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-column panels, k-major inside a panel, zero-padded.</summary>
    private static void PackB<T>(Matrix<T> b, Op opB, int pc, int kc, int jc, int nc, int nr, T[] pack)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = b.Data;
        int ld = b.Cols;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            int panel = jr * kc;
            for (int p = 0; p < kc; p++)
            {
                var dst = pack.AsSpan(panel + (p * nr), nr);
                if (opB == Op.None)
                {
                    src.AsSpan(((pc + p) * ld) + jc + jr, cols).CopyTo(dst);
                }
                else
                {
                    for (int q = 0; q < cols; q++)
                    {
                        dst[q] = src[((jc + jr + q) * ld) + pc + p];
                    }
                }

                dst[cols..].Clear();
            }
        }
    }

    /// <summary>C[row..row+rows, col..col+cols] += α · (packed A panel)·(packed B panel), an MR×NR tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel<T>(int kc, T[] aPack, int aOff, T[] bPack, int bOff, T alpha, Matrix<T> c, int row, int col, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        int nr = 2 * w;
        ref T ap = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(aPack), aOff);
        ref T bp = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bPack), bOff);
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector.LoadUnsafe(ref bp, (nuint)(p * nr));
            var b1 = Vector.LoadUnsafe(ref bp, (nuint)((p * nr) + w));
            ref T a = ref Unsafe.Add(ref ap, p * MR);
            var a0 = new Vector<T>(a);
            c00 += a0 * b0;
            c01 += a0 * b1;
            var a1 = new Vector<T>(Unsafe.Add(ref a, 1));
            c10 += a1 * b0;
            c11 += a1 * b1;
            var a2 = new Vector<T>(Unsafe.Add(ref a, 2));
            c20 += a2 * b0;
            c21 += a2 * b1;
            var a3 = new Vector<T>(Unsafe.Add(ref a, 3));
            c30 += a3 * b0;
            c31 += a3 * b1;
        }

        var va = new Vector<T>(alpha);
        Span<T> tile = stackalloc T[MR * 2 * Vector<T>.Count];
        (c00 * va).CopyTo(tile);
        (c01 * va).CopyTo(tile[w..]);
        (c10 * va).CopyTo(tile[nr..]);
        (c11 * va).CopyTo(tile[(nr + w)..]);
        (c20 * va).CopyTo(tile[(2 * nr)..]);
        (c21 * va).CopyTo(tile[((2 * nr) + w)..]);
        (c30 * va).CopyTo(tile[(3 * nr)..]);
        (c31 * va).CopyTo(tile[((3 * nr) + w)..]);
        for (int r = 0; r < rows; r++)
        {
            var dst = c.Data.AsSpan(((row + r) * c.Cols) + col, cols);
            var src = tile.Slice(r * nr, cols);
            for (int q = 0; q < cols; q++)
            {
                dst[q] += src[q];
            }
        }
    }

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
