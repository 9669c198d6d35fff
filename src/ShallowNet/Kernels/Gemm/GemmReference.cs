using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// The naive triple loop for C = α·op(A)·op(B) + β·C, kept as the algorithmic reference that tests compare the
/// fast kernel against. Sums in double whatever T is, so it is also the more accurate of the two.
/// </summary>
internal static class GemmReference
{
    /// <summary>C = α·op(A)·op(B) + β·C, one dot product per element.</summary>
    public static void Multiply<T>(T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = Gemm.CheckShapes(a, opA, b, opB, c);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    T aip = opA == Op.None ? a[i, p] : a[p, i];
                    T bpj = opB == Op.None ? b[p, j] : b[j, p];
                    sum += double.CreateTruncating(aip) * double.CreateTruncating(bpj);
                }

                T result = alpha * T.CreateTruncating(sum);
                c[i, j] = beta == T.Zero ? result : result + (beta * c[i, j]);
            }
        }
    }
}
