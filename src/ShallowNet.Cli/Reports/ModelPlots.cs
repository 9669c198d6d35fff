using System.Globalization;
using ShallowNet.Cli.Plotting;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Cli.Reports;

/// <summary>
/// The pictures of a trained model on a data set, shared by <c>train --plot</c> and the <c>plot</c> command: the cost
/// curve (when a history is known), the decision boundary (two inputs, classifiers), the confusion matrix (classifiers)
/// and predicted against actual values (regression, one picture per target).
/// </summary>
internal static class ModelPlots
{
    /// <summary>Writes every picture that applies into <paramref name="folder"/>; returns caption and path of each.</summary>
    /// <param name="folder">Where the PNG files go (created if needed).</param>
    /// <param name="model">The trained model (its preprocessing is applied to the raw inputs).</param>
    /// <param name="data">Raw data: X (n_x, m) before preprocessing, with its labels.</param>
    /// <param name="y">Y as trained on: (1, m) 0/1, (k, m) one-hot, or (targets, m) values.</param>
    /// <param name="costs">The cost curve's data, or null when there is no history.</param>
    /// <param name="rows">Which rows of the table <paramref name="data"/> holds, for the titles and file names.</param>
    public static List<(string Caption, string Path)> Write(string folder, TrainedModel model, Dataset data, Matrix<double> y, CostCurveData? costs, PlotRows rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(y);
        Directory.CreateDirectory(folder);
        var written = new List<(string, string)>();
        var network = model.Network;
        string name = Path.GetFileName(data.Source);
        if (costs is { IsEmpty: false })
        {
            string costRows = costs.Validation is null ? "training rows" : "training and validation rows";
            written.Add(($"Cost J per epoch on the {costRows}", Charts.CostCurve(Path.Combine(folder, "cost.png"), costs, $"Cost J on the {costRows}")));
        }

        var output = model.Predict(data.X); // a regression's in the target's units
        if (network.IsClassifier)
        {
            int[] predicted = network.Classes(output);
            int[] actual = network.Classes(y);
            int k = model.Kind == OutputKind.Binary ? 2 : network.Outputs;
            string[] classNames = [.. Enumerable.Range(0, k).Select(model.ClassName)];
            var confusion = Confusion(actual, predicted, k);
            double accuracy = actual.Length == 0 ? 0 : (double)actual.Zip(predicted).Count(p => p.First == p.Second) / actual.Length;
            string accuracyText = (accuracy * 100).ToString("F2", CultureInfo.InvariantCulture);
            if (network.Inputs == 2)
            {
                var grid = DecisionGrid.Compute(data.X, x => network.Forward(model.Prepare(x)).Output);
                var panel = new BoundaryPanel($"{name}, {rows.Description}: {accuracyText}% correct", grid, data.X.Row(0).ToArray(), data.X.Row(1).ToArray(), actual);
                written.Add(($"Decision boundary: the plane coloured by the predicted class; on top, {rows.Description}",
                    Charts.DecisionBoundary(Path.Combine(folder, $"boundary{rows.FileSuffix}.png"), panel, classNames)));
            }

            written.Add(($"Confusion matrix, {rows.Description} (matrix rows: true class, columns: predicted class)", Charts.ConfusionMatrix(Path.Combine(folder, $"confusion{rows.FileSuffix}.png"), confusion, classNames,
                $"Confusion matrix on {name}, {rows.Description}: {accuracyText}% correct")));
        }
        else
        {
            for (int t = 0; t < output.Rows; t++)
            {
                string target = model.Targets is { } names && t < names.Count ? names[t] : data.LabelName ?? $"target {t}";
                string file = output.Rows == 1 ? $"predicted_vs_actual{rows.FileSuffix}.png" : $"predicted_vs_actual_{t}{rows.FileSuffix}.png";
                double[] actual = y.Row(t).ToArray(), predicted = output.Row(t).ToArray();
                double r2 = RSquared(actual, predicted);
                written.Add(($"Predicted vs actual {target}, {rows.Description}", Charts.PredictedVsActual(Path.Combine(folder, file), actual, predicted,
                    string.Create(CultureInfo.InvariantCulture, $"{target}, {rows.Description}: predicted vs actual (R² = {r2:F4})"))));
            }
        }

        return written;
    }

    /// <summary>counts[true][predicted].</summary>
    public static int[][] Confusion(int[] actual, int[] predicted, int classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        var counts = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (int j = 0; j < actual.Length; j++)
        {
            counts[actual[j]][predicted[j]]++;
        }

        return counts;
    }

    private static double RSquared(double[] actual, double[] predicted)
    {
        double mean = actual.Average(), residual = 0, total = 0;
        for (int j = 0; j < actual.Length; j++)
        {
            residual += (actual[j] - predicted[j]) * (actual[j] - predicted[j]);
            total += (actual[j] - mean) * (actual[j] - mean);
        }

        return total == 0 ? double.NaN : 1 - (residual / total);
    }
}
