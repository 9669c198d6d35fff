using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// The one entry point for matrix products: C = α·op(A)·op(B) + β·C, with op(A) of shape (M, K) and op(B) of
/// shape (K, N). Training uses three forms: Z = W·A (forward), dW = dZ·Aᵀ and dA = Wᵀ·dZ (backward).
/// As in BLAS, when β = 0 the old contents of C are ignored (even NaN).
/// </summary>
internal static class Gemm
{
    /// <summary>C = α·op(A)·op(B) + β·C with the fast blocked kernel, on up to <see cref="Compute.Threads"/> threads.</summary>
    /// <exception cref="ArgumentException">The shapes do not chain.</exception>
    public static void Multiply<T>(T alpha, Matrix<T> a, Op opA, Matrix<T> b, Op opB, T beta, Matrix<T> c, Compute? compute = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = CheckShapes(a, opA, b, opB, c);
        GemmBlocked.Multiply(m, n, k, alpha, a, opA, b, opB, beta, c, compute ?? Compute.Default);
    }

    /// <summary>op(A)·op(B) as a new matrix.</summary>
    public static Matrix<T> Multiply<T>(Matrix<T> a, Op opA, Matrix<T> b, Op opB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = new Matrix<T>(opA == Op.None ? a.Rows : a.Cols, opB == Op.None ? b.Cols : b.Rows);
        Multiply(T.One, a, opA, b, opB, T.Zero, c);
        return c;
    }

    /// <summary>Checks that op(A) (M, K), op(B) (K, N) and C (M, N) chain; returns (M, N, K).</summary>
    internal static (int M, int N, int K) CheckShapes<T>(Matrix<T> a, Op opA, Matrix<T> b, Op opB, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        int m = opA == Op.None ? a.Rows : a.Cols;
        int ka = opA == Op.None ? a.Cols : a.Rows;
        int kb = opB == Op.None ? b.Rows : b.Cols;
        int n = opB == Op.None ? b.Cols : b.Rows;
        if (ka != kb || c.Rows != m || c.Cols != n)
        {
            throw new ArgumentException(
                $"GEMM shapes do not chain: op(A) is {m}×{ka} ({a.Shape}{Suffix(opA)}), op(B) is {kb}×{n} ({b.Shape}{Suffix(opB)}), C is {c.Shape}.");
        }

        return (m, n, ka);
    }

    private static string Suffix(Op op) => op == Op.Transpose ? " transposed" : string.Empty;
}
