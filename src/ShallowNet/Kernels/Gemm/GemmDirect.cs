using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// GEMM without packing, for the small and thin products of training where packing would cost more than it saves.
/// Every element is α·(Σ_p in ascending p, fused multiply-adds from 0) then added to C (or stored, β = 0), in vector
/// lanes and scalar tails alike, so the result of an element does not depend on which loop computed it.
/// </summary>
internal static class GemmDirect
{
    /// <summary>
    /// op(B) = B (K×N, rows contiguous): C[i, j0..j1] (+)= α Σ_p op(A)[i, p]·B[p, j0..j1], four rows of C at a time
    /// (one load of B feeds four FMAs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows<T, TV, TOps>(in Problem<T> p, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        int m = p.M, k = p.K, ldb = p.Ldb, ldc = p.Ldc;
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        ref T c = ref MemoryMarshal.GetArrayDataReference(p.C);
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);
        bool transA = p.OpA == Op.Transpose;
        int lda = p.Lda;

        // op(A)[i, q] = a[i·sRow + q·sCol]
        int sRow = transA ? 1 : lda, sCol = transA ? lda : 1;
        TV va = TOps.Broadcast(p.Alpha);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T a0 = ref Unsafe.Add(ref a, i * sRow);
            int j = j0;
            for (; j + (2 * w) <= j1; j += 2 * w)
            {
                TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
                TV c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
                ref T bq = ref Unsafe.Add(ref b, j);
                ref T aq = ref a0;
                for (int q = 0; q < k; q++)
                {
                    TV b0 = TOps.Load(in bq);
                    TV b1 = TOps.Load(in Unsafe.Add(ref bq, w));
                    TV x = TOps.Broadcast(aq);
                    c00 = TOps.MultiplyAdd(x, b0, c00);
                    c01 = TOps.MultiplyAdd(x, b1, c01);
                    x = TOps.Broadcast(Unsafe.Add(ref aq, sRow));
                    c10 = TOps.MultiplyAdd(x, b0, c10);
                    c11 = TOps.MultiplyAdd(x, b1, c11);
                    x = TOps.Broadcast(Unsafe.Add(ref aq, 2 * sRow));
                    c20 = TOps.MultiplyAdd(x, b0, c20);
                    c21 = TOps.MultiplyAdd(x, b1, c21);
                    x = TOps.Broadcast(Unsafe.Add(ref aq, 3 * sRow));
                    c30 = TOps.MultiplyAdd(x, b0, c30);
                    c31 = TOps.MultiplyAdd(x, b1, c31);
                    bq = ref Unsafe.Add(ref bq, ldb);
                    aq = ref Unsafe.Add(ref aq, sCol);
                }

                ref T cij = ref Unsafe.Add(ref c, (i * ldc) + j);
                Put<T, TV, TOps>(ref cij, TOps.Multiply(c00, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, w), TOps.Multiply(c01, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, ldc), TOps.Multiply(c10, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, ldc + w), TOps.Multiply(c11, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, 2 * ldc), TOps.Multiply(c20, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, (2 * ldc) + w), TOps.Multiply(c21, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, 3 * ldc), TOps.Multiply(c30, va), p.Overwrite);
                Put<T, TV, TOps>(ref Unsafe.Add(ref cij, (3 * ldc) + w), TOps.Multiply(c31, va), p.Overwrite);
            }

            // the columns left over (fewer than two vectors): one row at a time
            for (int r = 0; r < 4 && j < j1; r++)
            {
                OneRow<T, TV, TOps>(in p, i + r, j, j1, sRow, sCol);
            }
        }

        for (; i < m; i++)
        {
            OneRow<T, TV, TOps>(in p, i, j0, j1, sRow, sCol);
        }
    }

    /// <summary>C[i, j0..j1] (+)= α Σ_p op(A)[i, p]·B[p, j0..j1]: four vectors, then one, then scalars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow<T, TV, TOps>(in Problem<T> p, int i, int j0, int j1, int sRow, int sCol)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        int k = p.K, ldb = p.Ldb;
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        ref T ai = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.A), i * sRow);
        ref T ci = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.C), i * p.Ldc);
        TV va = TOps.Broadcast(p.Alpha);
        int j = j0;
        for (; j + (4 * w) <= j1; j += 4 * w)
        {
            TV c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero;
            ref T bq = ref Unsafe.Add(ref b, j);
            ref T aq = ref ai;
            for (int q = 0; q < k; q++)
            {
                TV x = TOps.Broadcast(aq);
                c0 = TOps.MultiplyAdd(x, TOps.Load(in bq), c0);
                c1 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref bq, w)), c1);
                c2 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref bq, 2 * w)), c2);
                c3 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref bq, 3 * w)), c3);
                bq = ref Unsafe.Add(ref bq, ldb);
                aq = ref Unsafe.Add(ref aq, sCol);
            }

            ref T cij = ref Unsafe.Add(ref ci, j);
            Put<T, TV, TOps>(ref cij, TOps.Multiply(c0, va), p.Overwrite);
            Put<T, TV, TOps>(ref Unsafe.Add(ref cij, w), TOps.Multiply(c1, va), p.Overwrite);
            Put<T, TV, TOps>(ref Unsafe.Add(ref cij, 2 * w), TOps.Multiply(c2, va), p.Overwrite);
            Put<T, TV, TOps>(ref Unsafe.Add(ref cij, 3 * w), TOps.Multiply(c3, va), p.Overwrite);
        }

        for (; j + w <= j1; j += w)
        {
            TV c0 = TOps.Zero;
            ref T bq = ref Unsafe.Add(ref b, j);
            ref T aq = ref ai;
            for (int q = 0; q < k; q++)
            {
                c0 = TOps.MultiplyAdd(TOps.Broadcast(aq), TOps.Load(in bq), c0);
                bq = ref Unsafe.Add(ref bq, ldb);
                aq = ref Unsafe.Add(ref aq, sCol);
            }

            Put<T, TV, TOps>(ref Unsafe.Add(ref ci, j), TOps.Multiply(c0, va), p.Overwrite);
        }

        for (; j < j1; j++)
        {
            T s = T.Zero;
            ref T bq = ref Unsafe.Add(ref b, j);
            ref T aq = ref ai;
            for (int q = 0; q < k; q++)
            {
                s = T.FusedMultiplyAdd(aq, bq, s);
                bq = ref Unsafe.Add(ref bq, ldb);
                aq = ref Unsafe.Add(ref aq, sCol);
            }

            ref T cij = ref Unsafe.Add(ref ci, j);
            cij = p.Overwrite ? s * p.Alpha : cij + (s * p.Alpha);
        }
    }

    /// <summary>
    /// A·Bᵀ (A is M×K, B is N×K, both rows contiguous): C[i, j] (+)= α·dot(A[i, :], B[j, :]) for j in [j0, j1).
    /// Each dot is vectorised over K (lane sums reduced in a fixed order, then the scalar tail). Four rows of B at a
    /// time meet every row of A, two at a time (eight dots per pass over K), so B is read from memory once: for
    /// dW = dZ·Xᵀ with a small layer over wide inputs (the cat network's layer 1) that replaces packing X transposed.
    /// The blocking does not change any element's summation order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots<T, TV, TOps>(in Problem<T> p, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int w = TOps.Count;
        int k = p.K, kv = k - (k % w);
        ref T a = ref MemoryMarshal.GetArrayDataReference(p.A);
        ref T b = ref MemoryMarshal.GetArrayDataReference(p.B);
        ref T c = ref MemoryMarshal.GetArrayDataReference(p.C);
        int j = j0;
        for (; j + 4 <= j1; j += 4)
        {
            ref T b0 = ref Unsafe.Add(ref b, j * p.Ldb);
            ref T b1 = ref Unsafe.Add(ref b0, p.Ldb);
            ref T b2 = ref Unsafe.Add(ref b1, p.Ldb);
            ref T b3 = ref Unsafe.Add(ref b2, p.Ldb);
            int i = 0;
            for (; i + 2 <= p.M; i += 2)
            {
                ref T a0 = ref Unsafe.Add(ref a, i * p.Lda);
                ref T a1 = ref Unsafe.Add(ref a0, p.Lda);
                TV s00 = TOps.Zero, s01 = TOps.Zero, s02 = TOps.Zero, s03 = TOps.Zero;
                TV s10 = TOps.Zero, s11 = TOps.Zero, s12 = TOps.Zero, s13 = TOps.Zero;
                for (int q = 0; q < kv; q += w)
                {
                    TV x0 = TOps.Load(in Unsafe.Add(ref a0, q));
                    TV x1 = TOps.Load(in Unsafe.Add(ref a1, q));
                    TV y = TOps.Load(in Unsafe.Add(ref b0, q));
                    s00 = TOps.MultiplyAdd(x0, y, s00);
                    s10 = TOps.MultiplyAdd(x1, y, s10);
                    y = TOps.Load(in Unsafe.Add(ref b1, q));
                    s01 = TOps.MultiplyAdd(x0, y, s01);
                    s11 = TOps.MultiplyAdd(x1, y, s11);
                    y = TOps.Load(in Unsafe.Add(ref b2, q));
                    s02 = TOps.MultiplyAdd(x0, y, s02);
                    s12 = TOps.MultiplyAdd(x1, y, s12);
                    y = TOps.Load(in Unsafe.Add(ref b3, q));
                    s03 = TOps.MultiplyAdd(x0, y, s03);
                    s13 = TOps.MultiplyAdd(x1, y, s13);
                }

                ref T c0 = ref Unsafe.Add(ref c, (i * p.Ldc) + j);
                ref T c1 = ref Unsafe.Add(ref c0, p.Ldc);
                Finish(in p, ref c0, TOps.Sum(s00), ref a0, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 1), TOps.Sum(s01), ref a0, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 2), TOps.Sum(s02), ref a0, ref b2, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 3), TOps.Sum(s03), ref a0, ref b3, kv, k);
                Finish(in p, ref c1, TOps.Sum(s10), ref a1, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c1, 1), TOps.Sum(s11), ref a1, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref c1, 2), TOps.Sum(s12), ref a1, ref b2, kv, k);
                Finish(in p, ref Unsafe.Add(ref c1, 3), TOps.Sum(s13), ref a1, ref b3, kv, k);
            }

            if (i < p.M)
            {
                ref T ai = ref Unsafe.Add(ref a, i * p.Lda);
                TV s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
                for (int q = 0; q < kv; q += w)
                {
                    TV x = TOps.Load(in Unsafe.Add(ref ai, q));
                    s0 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref b0, q)), s0);
                    s1 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref b1, q)), s1);
                    s2 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref b2, q)), s2);
                    s3 = TOps.MultiplyAdd(x, TOps.Load(in Unsafe.Add(ref b3, q)), s3);
                }

                ref T ci = ref Unsafe.Add(ref c, (i * p.Ldc) + j);
                Finish(in p, ref ci, TOps.Sum(s0), ref ai, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref ci, 1), TOps.Sum(s1), ref ai, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref ci, 2), TOps.Sum(s2), ref ai, ref b2, kv, k);
                Finish(in p, ref Unsafe.Add(ref ci, 3), TOps.Sum(s3), ref ai, ref b3, kv, k);
            }
        }

        // The columns left over (fewer than four) meet four rows of A at a time, so that there are still several
        // independent sums (dW1 = dZ1·Xᵀ in the planar network is 4 × 2 dots over 400 examples): two columns, eight
        // sums, then one column, four sums.
        for (; j + 2 <= j1; j += 2)
        {
            ref T b0 = ref Unsafe.Add(ref b, j * p.Ldb);
            ref T b1 = ref Unsafe.Add(ref b0, p.Ldb);
            int i = 0;
            for (; i + 4 <= p.M; i += 4)
            {
                ref T a0 = ref Unsafe.Add(ref a, i * p.Lda);
                ref T a1 = ref Unsafe.Add(ref a0, p.Lda);
                ref T a2 = ref Unsafe.Add(ref a1, p.Lda);
                ref T a3 = ref Unsafe.Add(ref a2, p.Lda);
                TV s00 = TOps.Zero, s10 = TOps.Zero, s20 = TOps.Zero, s30 = TOps.Zero;
                TV s01 = TOps.Zero, s11 = TOps.Zero, s21 = TOps.Zero, s31 = TOps.Zero;
                for (int q = 0; q < kv; q += w)
                {
                    TV y0 = TOps.Load(in Unsafe.Add(ref b0, q));
                    TV y1 = TOps.Load(in Unsafe.Add(ref b1, q));
                    TV x = TOps.Load(in Unsafe.Add(ref a0, q));
                    s00 = TOps.MultiplyAdd(x, y0, s00);
                    s01 = TOps.MultiplyAdd(x, y1, s01);
                    x = TOps.Load(in Unsafe.Add(ref a1, q));
                    s10 = TOps.MultiplyAdd(x, y0, s10);
                    s11 = TOps.MultiplyAdd(x, y1, s11);
                    x = TOps.Load(in Unsafe.Add(ref a2, q));
                    s20 = TOps.MultiplyAdd(x, y0, s20);
                    s21 = TOps.MultiplyAdd(x, y1, s21);
                    x = TOps.Load(in Unsafe.Add(ref a3, q));
                    s30 = TOps.MultiplyAdd(x, y0, s30);
                    s31 = TOps.MultiplyAdd(x, y1, s31);
                }

                ref T c0 = ref Unsafe.Add(ref c, (i * p.Ldc) + j);
                Finish(in p, ref c0, TOps.Sum(s00), ref a0, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 1), TOps.Sum(s01), ref a0, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, p.Ldc), TOps.Sum(s10), ref a1, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, p.Ldc + 1), TOps.Sum(s11), ref a1, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 2 * p.Ldc), TOps.Sum(s20), ref a2, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, (2 * p.Ldc) + 1), TOps.Sum(s21), ref a2, ref b1, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, 3 * p.Ldc), TOps.Sum(s30), ref a3, ref b0, kv, k);
                Finish(in p, ref Unsafe.Add(ref c0, (3 * p.Ldc) + 1), TOps.Sum(s31), ref a3, ref b1, kv, k);
            }

            for (; i < p.M; i++)
            {
                OneDot<T, TV, TOps>(in p, i, j, kv);
                OneDot<T, TV, TOps>(in p, i, j + 1, kv);
            }
        }

        for (; j < j1; j++)
        {
            ref T bj = ref Unsafe.Add(ref b, j * p.Ldb);
            int i = 0;
            for (; i + 4 <= p.M; i += 4)
            {
                ref T a0 = ref Unsafe.Add(ref a, i * p.Lda);
                ref T a1 = ref Unsafe.Add(ref a0, p.Lda);
                ref T a2 = ref Unsafe.Add(ref a1, p.Lda);
                ref T a3 = ref Unsafe.Add(ref a2, p.Lda);
                TV s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
                for (int q = 0; q < kv; q += w)
                {
                    TV y = TOps.Load(in Unsafe.Add(ref bj, q));
                    s0 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref a0, q)), y, s0);
                    s1 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref a1, q)), y, s1);
                    s2 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref a2, q)), y, s2);
                    s3 = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref a3, q)), y, s3);
                }

                ref T cj = ref Unsafe.Add(ref c, (i * p.Ldc) + j);
                Finish(in p, ref cj, TOps.Sum(s0), ref a0, ref bj, kv, k);
                Finish(in p, ref Unsafe.Add(ref cj, p.Ldc), TOps.Sum(s1), ref a1, ref bj, kv, k);
                Finish(in p, ref Unsafe.Add(ref cj, 2 * p.Ldc), TOps.Sum(s2), ref a2, ref bj, kv, k);
                Finish(in p, ref Unsafe.Add(ref cj, 3 * p.Ldc), TOps.Sum(s3), ref a3, ref bj, kv, k);
            }

            for (; i < p.M; i++)
            {
                OneDot<T, TV, TOps>(in p, i, j, kv);
            }
        }
    }

    /// <summary>C[i, j] (+)= α·dot(A[i, :], B[j, :]), one sum on its own.</summary>
    private static void OneDot<T, TV, TOps>(in Problem<T> p, int i, int j, int kv)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T ai = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.A), i * p.Lda);
        ref T bj = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.B), j * p.Ldb);
        TV s = TOps.Zero;
        for (int q = 0; q < kv; q += TOps.Count)
        {
            s = TOps.MultiplyAdd(TOps.Load(in Unsafe.Add(ref ai, q)), TOps.Load(in Unsafe.Add(ref bj, q)), s);
        }

        Finish(in p, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(p.C), (i * p.Ldc) + j), TOps.Sum(s), ref ai, ref bj, kv, p.K);
    }

    /// <summary>Adds the scalar tail q in [kv, k) to the lane sum and stores α·sum into (or adds it to) C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T>(in Problem<T> p, ref T cij, T sum, ref T ai, ref T bj, int kv, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int q = kv; q < k; q++)
        {
            sum = T.FusedMultiplyAdd(Unsafe.Add(ref ai, q), Unsafe.Add(ref bj, q), sum);
        }

        cij = p.Overwrite ? sum * p.Alpha : cij + (sum * p.Alpha);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T, TV, TOps>(ref T c, TV value, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Store(overwrite ? value : TOps.Add(TOps.Load(in c), value), ref c);
}
