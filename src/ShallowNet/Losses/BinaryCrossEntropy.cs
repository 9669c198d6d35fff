using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Numerics;

namespace ShallowNet.Losses;

/// <summary>
/// Binary cross-entropy J = −(1/m) Σ [y log a + (1 − y) log(1 − a)] for a sigmoid output a = σ(z).
/// Computed from the logit z as max(z, 0) − z·y + log(1 + e^(−|z|)), which equals the lesson's formula but never
/// takes log(0) when a saturates to 0 or 1. Output error dZ = A − Y.
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <summary>The shared instance.</summary>
    public static BinaryCrossEntropy Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "binary_cross_entropy";

    /// <inheritdoc/>
    public override bool Accepts(Activation output) => output is Sigmoid;

    /// <inheritdoc/>
    public override double Cost<T>(Matrix<T> zL, Matrix<T> aL, Matrix<T> y, ReadOnlySpan<T> weights = default)
    {
        CheckShapes(zL, y, weights);
        var z = zL.AsSpan();
        var t = y.AsSpan();
        int m = y.Cols;
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double zi = double.CreateTruncating(z[i]);
            double yi = double.CreateTruncating(t[i]);
            double loss = Math.Max(zi, 0) - (zi * yi) + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
            sum += weights.IsEmpty ? loss : double.CreateTruncating(weights[i % m]) * loss;
        }

        return sum / m;
    }

    /// <summary>The lesson's formula on probabilities, J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].</summary>
    public static double CostFromProbabilities<T>(Matrix<T> aL, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aL);
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(aL, y, default);
        var a = aL.AsSpan();
        var t = y.AsSpan();
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double ai = double.CreateTruncating(a[i]);
            double yi = double.CreateTruncating(t[i]);
            sum += (yi * Math.Log(ai)) + ((1 - yi) * Math.Log(1 - ai));
        }

        return -sum / y.Cols;
    }
}
