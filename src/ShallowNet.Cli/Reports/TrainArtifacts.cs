using System.Globalization;
using ShallowNet.Cli.Output;
using ShallowNet.Cli.Plotting;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Training;

namespace ShallowNet.Cli.Reports;

/// <summary>What <c>train --plot DIR</c> and <c>train --report DIR</c> write after the model is saved.</summary>
internal static class TrainArtifacts
{
    /// <summary>
    /// Writes the plots (into <paramref name="plotDir"/>) and/or the report (into <paramref name="reportDir"/>, with the
    /// run's <paramref name="settings"/> as its first table); returns the lines to print (one per folder).
    /// </summary>
    /// <remarks>
    /// With a validation split (<paramref name="validationColumns"/> not empty) the training rows and the validation rows
    /// get pictures of their own; every title says which rows it shows.
    /// </remarks>
    public static IReadOnlyList<string> Write(string? plotDir, string? reportDir, string dataPath, IReadOnlyList<(string Name, string Value)> settings, TrainedModel model, Dataset data, Matrix<double> y, TrainingHistory history, double trainMetric, string metricName, int[] trainColumns, int[] validationColumns, TestPart? test = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        var lines = new List<string>();
        string? folder = plotDir ?? reportDir;
        if (folder is null)
        {
            return lines;
        }

        int m = data.Examples;
        var plots = ModelPlots.Write(folder, model, Rows(data, trainColumns), y.SelectColumns(trainColumns), CostCurveData.From(history), PlotRows.Training(trainColumns.Length, m));
        if (validationColumns.Length > 0)
        {
            plots.AddRange(ModelPlots.Write(folder, model, Rows(data, validationColumns), y.SelectColumns(validationColumns), null, PlotRows.Validation(validationColumns.Length, m)));
        }

        if (test is not null)
        {
            plots.AddRange(ModelPlots.Write(folder, model, test.Data, test.Y, null, PlotRows.Test(test.Data.Examples)));
        }

        if (plotDir is not null)
        {
            lines.Add($"plots written to {plotDir}: {string.Join(", ", plots.Select(p => Path.GetFileName(p.Path)))}");
        }

        if (reportDir is not null)
        {
            var inv = CultureInfo.InvariantCulture;
            var page = new HtmlReport($"shallownet train: {Path.GetFileName(dataPath)}", string.Join(" → ", model.Network.Layers.Select(l => l.Describe())) + $"  ({model.Network.ParameterCount} parameters)");
            page.AddSettings(settings);
            var results = new List<string[]>
            {
                new[] { "final cost (training rows)", history.FinalCost.ToString("F6", inv) },
                new[] { $"{metricName} on the {PlotRows.Training(trainColumns.Length, m).Description}", metricName == "accuracy" ? (trainMetric * 100).ToString("F2", inv) + "%" : trainMetric.ToString("F4", inv) },
                new[] { "epochs run", history.Epochs.ToString(inv) },
                new[] { "training time", history.TrainSeconds.ToString("F3", inv) + " s" },
            };
            if (history.BestValidationCost is { } best)
            {
                results.Add([$"best cost on the {PlotRows.Validation(validationColumns.Length, m).Description}", best.ToString("F6", inv) + $" (epoch {history.BestEpoch})"]);
            }

            if (history.StoppedEarly)
            {
                results.Add(["stopped early", "yes"]);
            }

            page.AddTable("Results", new TableData(["metric", "value"], results));
            if (test is not null)
            {
                page.AddTable($"Test: {test.Data.Examples} rows of {Path.GetFileName(test.Data.Source)} (never trained or validated on)",
                    new TableData(["metric", "value"], [.. test.Measures.Select(p => new[] { p.Key, p.Value.ToString("G6", inv) })]));
            }

            page.AddTable(validationColumns.Length > 0 ? "Logged epochs (cost and " + metricName + " on the training rows; val: on the validation rows)" : "Logged epochs (on the training rows)",
                HistoryTable.From(history, metricName));
            foreach (var (caption, path) in plots)
            {
                page.AddImage(caption, path);
            }

            lines.Add($"report written to {page.Write(reportDir)}");
        }

        return lines;
    }

    /// <summary>The table's rows at <paramref name="columns"/> (examples are columns of X).</summary>
    private static Dataset Rows(Dataset data, int[] columns)
        => data with { X = data.X.SelectColumns(columns), Labels = data.Labels is { } labels ? [.. columns.Select(c => labels[c])] : null, Extra = null, ExtraNames = null };
}
