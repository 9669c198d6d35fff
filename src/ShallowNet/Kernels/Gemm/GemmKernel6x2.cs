using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ShallowNet.Kernels;

/// <summary>
/// The packed GEMM's micro-kernel for 256-bit vectors: 6 rows × 2 vectors of C (16 floats or 8 doubles) in 12 of the
/// 16 ymm registers, with the 2 vectors of B of one k and 1 broadcast value of A: 15 registers, none spilled (the
/// layout of OpenBLAS's and BLIS's Haswell kernels). Per k it issues 12 FMAs for 2 loads and 6 broadcasts; the loop
/// steps over pre-widened (nint) strides, two k at a time, so that index arithmetic is 6 of its 49 instructions per
/// 24 FMAs (the 4×3 tile it replaced spent 5 sign extensions and 2 address adds on each 12 FMAs, with all 16
/// registers taken), and it prefetches the C tile into L1 before the loop, so that the update after it does not wait
/// on C (two passes over C for K = 512). Each accumulator sums its kc products in ascending k, as every tile shape does.
/// </summary>
internal static class GemmKernel6x2
{
    /// <summary>Rows of the micro-tile.</summary>
    public const int MR = 6;

    /// <summary>Vectors per row of the micro-tile.</summary>
    public const int NRVectors = 2;

    /// <summary>
    /// The MR×NR tile at <paramref name="c"/> (+)= α·(A panel, element (r, k) at r·<paramref name="aRow"/> +
    /// k·<paramref name="aK"/>)·(B panel, row k at k·<paramref name="ldbk"/>); only rows × cols of it are inside C.
    /// </summary>
    // no zeroing of the staging buffer (see GemmKernel6x4)
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TV, TOps>(int kc, ref T a, int aRow, int aK, ref T b, int ldbk, T alpha, ref T c, int ldc, int rows, int cols, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        nint w = TOps.Count;
        TV c00 = TOps.Zero, c01 = TOps.Zero;
        TV c10 = TOps.Zero, c11 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero;
        TV c30 = TOps.Zero, c31 = TOps.Zero;
        TV c40 = TOps.Zero, c41 = TOps.Zero;
        TV c50 = TOps.Zero, c51 = TOps.Zero;
        nint r1 = aRow, r2 = 2 * (nint)aRow, r3 = 3 * (nint)aRow, r4 = 4 * (nint)aRow, r5 = 5 * (nint)aRow;
        nint ak = aK, bk = ldbk;
        if (Sse.IsSupported)
        {
            // the C tile's rows (first and last element of each), which the update reads or writes after the loop, on
            // their way to L1 meanwhile
            unsafe
            {
                for (int r = 0; r < MR; r++)
                {
                    ref T cr = ref Unsafe.Add(ref c, r * ldc);
                    Sse.Prefetch0(Unsafe.AsPointer(ref cr));
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref cr, (NRVectors * TOps.Count) - 1)));
                }
            }
        }

        int p = kc;
        for (; p >= 2; p -= 2)
        {
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(Unsafe.Add(ref a, r1));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(Unsafe.Add(ref a, r2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(Unsafe.Add(ref a, r3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(Unsafe.Add(ref a, r4));
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(Unsafe.Add(ref a, r5));
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, ak);
            b = ref Unsafe.Add(ref b, bk);

            b0 = TOps.Load(in b);
            b1 = TOps.Load(in Unsafe.Add(ref b, w));
            x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(Unsafe.Add(ref a, r1));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(Unsafe.Add(ref a, r2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(Unsafe.Add(ref a, r3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(Unsafe.Add(ref a, r4));
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(Unsafe.Add(ref a, r5));
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, ak);
            b = ref Unsafe.Add(ref b, bk);
        }

        if (p > 0)
        {
            TV b0 = TOps.Load(in b);
            TV b1 = TOps.Load(in Unsafe.Add(ref b, w));
            TV x = TOps.Broadcast(a);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(Unsafe.Add(ref a, r1));
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(Unsafe.Add(ref a, r2));
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(Unsafe.Add(ref a, r3));
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(Unsafe.Add(ref a, r4));
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(Unsafe.Add(ref a, r5));
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
        }

        TV va = TOps.Broadcast(alpha);
        int wi = TOps.Count;
        if (rows == MR && cols == NRVectors * wi)
        {
            Update<T, TV, TOps>(ref c, wi, TOps.Multiply(c00, va), TOps.Multiply(c01, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, ldc), wi, TOps.Multiply(c10, va), TOps.Multiply(c11, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 2 * ldc), wi, TOps.Multiply(c20, va), TOps.Multiply(c21, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 3 * ldc), wi, TOps.Multiply(c30, va), TOps.Multiply(c31, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 4 * ldc), wi, TOps.Multiply(c40, va), TOps.Multiply(c41, va), overwrite);
            Update<T, TV, TOps>(ref Unsafe.Add(ref c, 5 * ldc), wi, TOps.Multiply(c50, va), TOps.Multiply(c51, va), overwrite);
            return;
        }

        // An edge tile: the same α·acc, staged, then added (or stored) element by element inside C.
        int nr = NRVectors * wi;
        Span<T> tile = stackalloc T[MR * NRVectors * 16];
        ref T t = ref MemoryMarshal.GetReference(tile);
        Stage<T, TV, TOps>(ref t, wi, TOps.Multiply(c00, va), TOps.Multiply(c01, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, nr), wi, TOps.Multiply(c10, va), TOps.Multiply(c11, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 2 * nr), wi, TOps.Multiply(c20, va), TOps.Multiply(c21, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 3 * nr), wi, TOps.Multiply(c30, va), TOps.Multiply(c31, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 4 * nr), wi, TOps.Multiply(c40, va), TOps.Multiply(c41, va));
        Stage<T, TV, TOps>(ref Unsafe.Add(ref t, 5 * nr), wi, TOps.Multiply(c50, va), TOps.Multiply(c51, va));
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
    private static void Update<T, TV, TOps>(ref T c, int w, TV t0, TV t1, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        if (!overwrite)
        {
            t0 = TOps.Add(TOps.Load(in c), t0);
            t1 = TOps.Add(TOps.Load(in Unsafe.Add(ref c, w)), t1);
        }

        Stage<T, TV, TOps>(ref c, w, t0, t1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stage<T, TV, TOps>(ref T d, int w, TV t0, TV t1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TOps.Store(t0, ref d);
        TOps.Store(t1, ref Unsafe.Add(ref d, w));
    }
}
