using System.Buffers;
using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// C = α·A·Bᵀ computed as its transpose, Cᵀ = α·B·Aᵀ, into a scratch matrix that is then transposed into C, when that
/// packs less: the packed route packs its transposed operand with register transposes, and A·Bᵀ transposes B (N × K)
/// where B·Aᵀ transposes A (M × K) and reads B in place. The wide network's dW1 = dZ1·Xᵀ packed all of X (784 × 20000)
/// every epoch; as X·dZ1ᵀ it packs dZ1 (256 × 20000) and transposes a 784 × 256 result (bench/README, Round 14).
/// <para>
/// The bits are the packed route's: element (i, j) is the same K products (b·a = a·b exactly) summed in the same
/// ascending order, one FMA chain per K slice, with the same slices (a function of K and the vector width), each slice's
/// α·sum added to C in turn. With β ≠ 0 the scratch starts as (β·C)ᵀ, as C would.
/// </para>
/// </summary>
internal static class GemmTransposedProduct
{
    /// <summary>
    /// Whether C = A·Bᵀ (M × N) is cheaper as Cᵀ = B·Aᵀ: only where the packed route reads A in place (512-bit vectors;
    /// with 256 bits it packs A too, and the swap measured no faster: bench/README, Round 14), and where the transposed
    /// packing saved, (N − M)·K elements, exceeds the two passes over C (M·N each) that the scratch costs.
    /// </summary>
    public static bool Pays<TV>(int m, int n, int k, Op opA, Op opB)
        where TV : struct
        => GemmPacked.ReadsAInPlace<TV>() && opA == Op.None && opB == Op.Transpose && n > m && (long)(n - m) * k > 2L * m * n;

    /// <summary>C (+)= α·A·Bᵀ through the packed route on B·Aᵀ; C is already scaled by β.</summary>
    public static void Multiply<T, TV, TOps>(in Problem<T> p, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int m = p.M, n = p.N;
        T[] scratch = ArrayPool<T>.Shared.Rent(m * n);
        try
        {
            if (!p.Overwrite)
            {
                Matrix<T>.Transpose(p.C, p.Ldc, m, n, scratch, m);
            }

            var swapped = new Problem<T>(n, m, p.K, p.Alpha, p.B, p.Ldb, Op.None, p.A, p.Lda, Op.Transpose, scratch, m, p.Overwrite);
            GemmBlocked.RunRoute<T, TV, TOps>(GemmBlocked.Route.Packed, in swapped, threads);
            Matrix<T>.Transpose(scratch, m, n, m, p.C, p.Ldc);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }
}
