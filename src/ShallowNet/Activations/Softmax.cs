using ShallowNet.Export;
using ShallowNet.Numerics;

namespace ShallowNet.Activations;

/// <summary>
/// Softmax over each column (one example): a_i = e^(z_i − max z) / Σ_j e^(z_j − max z), for k-class outputs.
/// Its Jacobian per column is ∂a_i/∂z_j = a_i(δ_ij − a_j), so dz_i = a_i (da_i − Σ_j a_j da_j). Paired with
/// cross-entropy the output error is simply dZ = A − Y. It is not elementwise: use the matrix overloads.
/// </summary>
public sealed class Softmax : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Softmax Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; } = new("Softmax") { Ints = [("axis", 1)] };     // over the classes of each row

    /// <summary>Not defined on a flat span: softmax needs the column structure.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) =>
        throw new NotSupportedException("softmax normalises each column; call Forward(Matrix, Matrix)");

    /// <summary>Not defined on a flat span: softmax needs the column structure.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz) =>
        throw new NotSupportedException("softmax mixes the units of a column; call Backward(Matrix, Matrix, Matrix, Matrix)");

    /// <inheritdoc/>
    public override void Forward<T>(Matrix<T> z, Matrix<T> a)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(a);
        int k = z.Rows, m = z.Cols;
        for (int j = 0; j < m; j++)
        {
            T max = z[0, j];
            for (int i = 1; i < k; i++)
            {
                max = T.Max(max, z[i, j]);
            }

            T sum = T.Zero;
            for (int i = 0; i < k; i++)
            {
                T e = T.Exp(z[i, j] - max);      // shifted by the column's max: never overflows
                a[i, j] = e;
                sum += e;
            }

            for (int i = 0; i < k; i++)
            {
                a[i, j] /= sum;
            }
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> da, Matrix<T> dz)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(da);
        ArgumentNullException.ThrowIfNull(dz);
        int k = a.Rows, m = a.Cols;
        for (int j = 0; j < m; j++)
        {
            T dot = T.Zero;                       // Σ_i a_i da_i
            for (int i = 0; i < k; i++)
            {
                dot += a[i, j] * da[i, j];
            }

            for (int i = 0; i < k; i++)
            {
                dz[i, j] = a[i, j] * (da[i, j] - dot);
            }
        }
    }
}
