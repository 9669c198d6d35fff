using ShallowNet.Activations;
using ShallowNet.Numerics;

namespace ShallowNet.Losses;

/// <summary>
/// Categorical cross-entropy for a softmax output over k classes: J = −(1/m) Σ_j Σ_i y_ij log a_ij with Y one-hot
/// (k, m). Computed from the logits as log Σ_i e^(z_ij) − Σ_i y_ij z_ij (with the max shift), which never takes log(0).
/// Output error dZ = A − Y.
/// </summary>
public sealed class SoftmaxCrossEntropy : Loss
{
    /// <summary>The shared instance.</summary>
    public static SoftmaxCrossEntropy Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "cross_entropy";

    /// <inheritdoc/>
    public override bool Accepts(Activation output) => output is Softmax;

    /// <inheritdoc/>
    public override double Cost<T>(Matrix<T> zL, Matrix<T> aL, Matrix<T> y, ReadOnlySpan<T> weights = default)
    {
        ArgumentNullException.ThrowIfNull(zL);
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(zL, y, weights);
        int k = zL.Rows, m = zL.Cols;
        double total = 0;
        for (int j = 0; j < m; j++)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < k; i++)
            {
                max = Math.Max(max, double.CreateTruncating(zL[i, j]));
            }

            double sumExp = 0, yz = 0, ySum = 0;
            for (int i = 0; i < k; i++)
            {
                double z = double.CreateTruncating(zL[i, j]) - max;
                double yi = double.CreateTruncating(y[i, j]);
                sumExp += Math.Exp(z);
                yz += yi * z;
                ySum += yi;
            }

            double loss = (ySum * Math.Log(sumExp)) - yz;   // −Σ y log softmax(z)
            total += weights.IsEmpty ? loss : double.CreateTruncating(weights[j]) * loss;
        }

        return total / m;
    }
}
