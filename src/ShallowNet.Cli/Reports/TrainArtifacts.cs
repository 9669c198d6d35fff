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
    public static IReadOnlyList<string> Write(string? plotDir, string? reportDir, string dataPath, IReadOnlyList<(string Name, string Value)> settings, TrainedModel model, Dataset data, Matrix<double> y, TrainingHistory history, double trainMetric, string metricName)
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

        var plots = ModelPlots.Write(folder, model, data, y, CostCurveData.From(history));
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
                new[] { "final cost", history.FinalCost.ToString("F6", inv) },
                new[] { "train " + metricName, metricName == "accuracy" ? (trainMetric * 100).ToString("F2", inv) + "%" : trainMetric.ToString("F4", inv) },
                new[] { "epochs run", history.Epochs.ToString(inv) },
                new[] { "training time", history.TrainSeconds.ToString("F3", inv) + " s" },
            };
            if (history.BestValidationCost is { } best)
            {
                results.Add(["best validation cost", best.ToString("F6", inv) + $" (epoch {history.BestEpoch})"]);
            }

            if (history.StoppedEarly)
            {
                results.Add(["stopped early", "yes"]);
            }

            page.AddTable("Results", new TableData(["metric", "value"], results));
            page.AddTable("Logged epochs", HistoryTable.From(history, metricName));
            foreach (var (caption, path) in plots)
            {
                page.AddImage(caption, path);
            }

            lines.Add($"report written to {page.Write(reportDir)}");
        }

        return lines;
    }
}
