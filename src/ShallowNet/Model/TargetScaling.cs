using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// Regression targets centred and scaled for training, y ← (y − mean) / std per target (from the training rows), so
/// that one learning rate suits any unit; predictions are mapped back, ŷ = a · std + mean, and are in the target's units.
/// </summary>
/// <param name="Mean">Per target, the training rows' mean.</param>
/// <param name="Std">Per target, their population standard deviation (1 for a constant target).</param>
public sealed record TargetScaling(IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>The scaling fitted on Y (n[L], m).</summary>
    public static TargetScaling Fit(Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var fitted = Preprocessing.Fit(y, inputScale: 1, standardize: true);
        return new TargetScaling(fitted.Mean!, fitted.Std!);
    }

    /// <summary>(y − mean) / std, a new matrix.</summary>
    public Matrix<double> Apply(Matrix<double> y) => new Preprocessing(1, Mean, Std).Apply(y);

    /// <summary>a · std + mean, in place: network outputs back in the target's units.</summary>
    public Matrix<double> Invert(Matrix<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        for (int i = 0; i < a.Rows; i++)
        {
            var row = a.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (row[j] * Std[i]) + Mean[i];
            }
        }

        return a;
    }
}
