using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShallowNet.Kernels;

/// <summary>
/// The packed GEMM's micro-kernel for 512-bit vectors: 6 rows × 4 vectors of C (64 floats or 32 doubles) in 24 of the
/// 32 zmm registers. Per k it loads 4 vectors of B and broadcasts 6 values of A for 24 FMAs (10 loads per 24 FMAs,
/// against 8 per 12 for the 6×2 tile that 16 ymm registers allow, <see cref="GemmKernel6x2"/>), and NR = 64 floats
/// divides the workloads' column counts (512, 128) where 48 left a mostly empty edge panel. Each accumulator sums its kc products in ascending k.
/// </summary>
internal static class GemmKernel6x4
{
    /// <summary>Rows of the micro-tile.</summary>
    public const int MR = 6;

    /// <summary>Vectors per row of the micro-tile.</summary>
    public const int NRVectors = 4;

    /// <summary>
    /// The MR×NR tile at <paramref name="c"/> (+)= α·(A panel, element (r, k) at r·<paramref name="aRow"/> +
    /// k·<paramref name="aK"/>)·(B panel, row k at k·<paramref name="ldbk"/>); only rows × cols of it are inside C.
    /// </summary>
    // no zeroing of the staging buffer: without it the JIT, compiling without a profile (native build, the tool's
    // settings), spilled every accumulator in the loop to keep them live across the zeroing call (4× slower GEMM)
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TV, TOps>(int kc, ref T a, int aRow, int aK, ref T b, int ldbk, T alpha, ref T c, int ldc, int rows, int cols, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c02 = TOps.Zero, c03 = TOps.Zero;
        TV c10 = TOps.Zero, c11 = TOps.Zero, c12 = TOps.Zero, c13 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c22 = TOps.Zero, c23 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero, c32 = TOps.Zero, c33 = TOps.Zero;
        TV c40 = TOps.Zero, c41 = TOps.Zero, c42 = TOps.Zero, c43 = TOps.Zero;
        TV c50 = TOps.Zero, c51 = TOps.Zero, c52 = TOps.Zero, c53 = TOps.Zero;
        int aRow2 = 2 * aRow, aRow3 = 3 * aRow, aRow4 = 4 * aRow, aRow5 = 5 * aRow;
        for (int p = 0; p < kc; p++)
        {
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV b2 = TOps.Load(in Unsafe.Add(ref b, 2 * w));
            TV b3 = TOps.Load(in Unsafe.Add(ref b, 3 * w));
            TV x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            c02 = TOps.MultiplyAdd(x, b2, c02);
            c03 = TOps.MultiplyAdd(x, b3, c03);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            c12 = TOps.MultiplyAdd(x, b2, c12);
            c13 = TOps.MultiplyAdd(x, b3, c13);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            c22 = TOps.MultiplyAdd(x, b2, c22);
            c23 = TOps.MultiplyAdd(x, b3, c23);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            c32 = TOps.MultiplyAdd(x, b2, c32);
            c33 = TOps.MultiplyAdd(x, b3, c33);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow4));
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            c42 = TOps.MultiplyAdd(x, b2, c42);
            c43 = TOps.MultiplyAdd(x, b3, c43);
            x = TOps.Broadcast(Unsafe.Add(ref a, aRow5));
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            c52 = TOps.MultiplyAdd(x, b2, c52);
            c53 = TOps.MultiplyAdd(x, b3, c53);
            a = ref Unsafe.Add(ref a, aK);
            b = ref Unsafe.Add(ref b, ldbk);
        }

        TV va = TOps.Broadcast(alpha);
        if (rows == MR && cols == NRVectors * w)
        {
            Update<T, TV, TOps>(ref c, w, TOps.Multiply(c00, va), TOps.Multiply(c01, va), TOps.Multiply(c02, va), TOps.Multiply(c03, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, ldc), w, TOps.Multiply(c10, va), TOps.Multiply(c11, va), TOps.Multiply(c12, va), TOps.Multiply(c13, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 2 * ldc), w, TOps.Multiply(c20, va), TOps.Multiply(c21, va), TOps.Multiply(c22, va), TOps.Multiply(c23, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 3 * ldc), w, TOps.Multiply(c30, va), TOps.Multiply(c31, va), TOps.Multiply(c32, va), TOps.Multiply(c33, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 4 * ldc), w, TOps.Multiply(c40, va), TOps.Multiply(c41, va), TOps.Multiply(c42, va), TOps.Multiply(c43, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 5 * ldc), w, TOps.Multiply(c50, va), TOps.Multiply(c51, va), TOps.Multiply(c52, va), TOps.Multiply(c53, va), overwrite);
            return;
        }

        // An edge tile: the same α·acc, staged, then added (or stored) element by element inside C.
        int nr = NRVectors * w;
        Span<T> tile = stackalloc T[MR * NRVectors * 16];
        ref T t = ref MemoryMarshal.GetReference(tile);
        Stage<T, TV, TOps>(ref t, w, TOps.Multiply(c00, va), TOps.Multiply(c01, va), TOps.Multiply(c02, va), TOps.Multiply(c03, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, nr), w, TOps.Multiply(c10, va), TOps.Multiply(c11, va), TOps.Multiply(c12, va), TOps.Multiply(c13, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 2 * nr), w, TOps.Multiply(c20, va), TOps.Multiply(c21, va), TOps.Multiply(c22, va), TOps.Multiply(c23, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 3 * nr), w, TOps.Multiply(c30, va), TOps.Multiply(c31, va), TOps.Multiply(c32, va), TOps.Multiply(c33, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 4 * nr), w, TOps.Multiply(c40, va), TOps.Multiply(c41, va), TOps.Multiply(c42, va), TOps.Multiply(c43, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 5 * nr), w, TOps.Multiply(c50, va), TOps.Multiply(c51, va), TOps.Multiply(c52, va), TOps.Multiply(c53, va));
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
    private static void Update<T, TV, TOps>(ref T c, int w, TV t0, TV t1, TV t2, TV t3, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (!overwrite)
        {
            t0 = TOps.Add(TOps.Load(in c), t0);
            t1 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, w)), t1);
            t2 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, 2 * w)), t2);
            t3 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, 3 * w)), t3);
        }

        Stage<T, TV, TOps>(ref c, w, t0, t1, t2, t3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stage<T, TV, TOps>(ref T d, int w, TV t0, TV t1, TV t2, TV t3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TOps.Store(t0, ref d);
        TOps.Store(t1, ref Unsafe.Add(ref d, w));
        TOps.Store(t2, ref Unsafe.Add(ref d, 2 * w));
        TOps.Store(t3, ref Unsafe.Add(ref d, 3 * w));
    }
}
