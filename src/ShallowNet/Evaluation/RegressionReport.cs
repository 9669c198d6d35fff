using ShallowNet.Numerics;

namespace ShallowNet.Evaluation;

/// <summary>
/// The measures of a regression: RMSE, MAE and R², each the uniform average over the target columns (scikit-learn's
/// <c>multioutput="uniform_average"</c>), and the same three for each target in <see cref="Targets"/>.
/// </summary>
/// <param name="Examples">m.</param>
/// <param name="Rmse">√(mean (ŷ − y)²), averaged over the targets.</param>
/// <param name="Mae">mean |ŷ − y|, averaged over the targets.</param>
/// <param name="R2">1 − SS_res / SS_tot, averaged over the targets.</param>
public sealed record RegressionReport(int Examples, double Rmse, double Mae, double R2)
{
    /// <summary>Each target's RMSE, MAE and R², in the order of the rows of Y.</summary>
    public IReadOnlyList<TargetScores> Targets { get; init; } = [];

    /// <summary>Computes the report from predictions and targets, both (targets, m).</summary>
    public static RegressionReport Compute(Matrix<double> predicted, Matrix<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        double r2 = Metrics.RSquared(predicted, actual);
        var targets = new TargetScores[actual.Rows];
        for (int i = 0; i < actual.Rows; i++)
        {
            double sq = 0, abs = 0;
            for (int j = 0; j < actual.Cols; j++)
            {
                double d = predicted[i, j] - actual[i, j];
                sq += d * d;
                abs += Math.Abs(d);
            }

            var r2Target = Metrics.RSquared(new Matrix<double>(1, actual.Cols, predicted.Row(i).ToArray()), new Matrix<double>(1, actual.Cols, actual.Row(i).ToArray()));
            targets[i] = new TargetScores(Math.Sqrt(sq / actual.Cols), abs / actual.Cols, r2Target);
        }

        return new RegressionReport(actual.Cols, targets.Average(t => t.Rmse), targets.Average(t => t.Mae), r2) { Targets = targets };
    }
}

/// <summary>One target's measures.</summary>
/// <param name="Rmse">√(mean (ŷ − y)²).</param>
/// <param name="Mae">mean |ŷ − y|.</param>
/// <param name="R2">1 − SS_res / SS_tot.</param>
public sealed record TargetScores(double Rmse, double Mae, double R2);
