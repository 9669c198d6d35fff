using ShallowNet.Activations;
using ShallowNet.Numerics;

namespace ShallowNet.Losses;

/// <summary>
/// Mean squared error for regression with an identity output: J = 1/(2m) Σ_j Σ_i (a_ij − y_ij)², Y of shape
/// (targets, m). The ½ makes the output error dZ = A − Y, as for the other pairings.
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <summary>The shared instance.</summary>
    public static MeanSquaredError Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <inheritdoc/>
    public override bool Accepts(Activation output) => output is Identity;

    /// <inheritdoc/>
    public override double Cost<T>(Matrix<T> zL, Matrix<T> aL, Matrix<T> y, ReadOnlySpan<T> weights = default)
    {
        ArgumentNullException.ThrowIfNull(aL);
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(aL, y, weights);
        int t = aL.Rows, m = aL.Cols;
        double total = 0;
        for (int j = 0; j < m; j++)
        {
            double sum = 0;
            for (int i = 0; i < t; i++)
            {
                double d = double.CreateTruncating(aL[i, j]) - double.CreateTruncating(y[i, j]);
                sum += d * d;
            }

            total += weights.IsEmpty ? sum : double.CreateTruncating(weights[j]) * sum;
        }

        return total / (2.0 * m);
    }
}
