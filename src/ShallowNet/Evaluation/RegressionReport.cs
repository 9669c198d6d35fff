using ShallowNet.Numerics;

namespace ShallowNet.Evaluation;

/// <summary>The measures of a regression: RMSE, MAE and R² (each averaged over the target columns).</summary>
/// <param name="Examples">m.</param>
/// <param name="Rmse">√(mean (ŷ − y)²).</param>
/// <param name="Mae">mean |ŷ − y|.</param>
/// <param name="R2">1 − SS_res / SS_tot.</param>
public sealed record RegressionReport(int Examples, double Rmse, double Mae, double R2)
{
    /// <summary>Computes the report from predictions and targets, both (targets, m).</summary>
    public static RegressionReport Compute(Matrix<double> predicted, Matrix<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        double r2 = Metrics.RSquared(predicted, actual);
        double rmse = 0, mae = 0;
        for (int i = 0; i < actual.Rows; i++)
        {
            double sq = 0, abs = 0;
            for (int j = 0; j < actual.Cols; j++)
            {
                double d = predicted[i, j] - actual[i, j];
                sq += d * d;
                abs += Math.Abs(d);
            }

            rmse += Math.Sqrt(sq / actual.Cols);
            mae += abs / actual.Cols;
        }

        return new RegressionReport(actual.Cols, rmse / actual.Rows, mae / actual.Rows, r2);
    }
}
