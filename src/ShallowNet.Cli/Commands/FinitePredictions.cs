using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// A row whose values lie far beyond the training data's (1e308 where training saw 1 to 12) overflows the network, and
/// its prediction is NaN or infinite. Written as "NaN" with exit code 0 it passed for an answer, and evaluate scored
/// such rows as "n/a": predict and evaluate refuse it instead, naming the row and its most extreme feature.
/// </summary>
internal static class FinitePredictions
{
    /// <summary>Throws for the first example (column of <paramref name="a"/>) whose output is not finite.</summary>
    /// <exception cref="InvalidInputException">An output is NaN or infinite.</exception>
    public static void Require(TrainedModel model, Dataset data, Matrix<double> a)
    {
        for (int j = 0; j < a.Cols; j++)
        {
            for (int i = 0; i < a.Rows; i++)
            {
                double v = a[i, j];
                if (!double.IsFinite(v))
                {
                    string where = data.Locate?.Invoke(j) ?? $"example {j + 1}";
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                        $"{data.Source}: {where}: the model's output is {v} for this row: {Extreme(model, data, j)} lies too far beyond the training data for the network; check the row, or rescale the column and retrain"));
                }
            }
        }
    }

    // The feature of example j farthest from the training data, in training's standard units: "'b' = 1E+308".
    private static string Extreme(TrainedModel model, Dataset data, int j)
    {
        var raw = data.X.SelectColumns([j]);
        var prepared = model.Prepare(raw);
        int worst = 0;
        for (int i = 1; i < prepared.Rows; i++)
        {
            worst = !(Math.Abs(prepared[i, 0]) <= Math.Abs(prepared[worst, 0])) ? i : worst;
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{data.FeatureNames[worst]}' = {raw[worst, 0]:G6}");
    }
}
