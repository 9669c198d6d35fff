using System.Globalization;
using ShallowNet.Cli.Commands;
using ShallowNet.Cli.Plotting;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Training;

namespace ShallowNet.Cli.Reports;

/// <summary>What <c>train --plot DIR</c> and <c>train --report DIR</c> write after the model is saved.</summary>
internal static class TrainArtifacts
{
    /// <summary>Writes the plots and/or the report; returns the lines to print (one per folder).</summary>
    public static IReadOnlyList<string> Write(TrainSettings s, TrainedModel model, Dataset data, Matrix<double> y, TrainingHistory history, double trainMetric, string metricName)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        var lines = new List<string>();
        string? folder = s.PlotDir ?? s.ReportDir;
        if (folder is null)
        {
            return lines;
        }

        var plots = ModelPlots.Write(folder, model, data, y, CostCurveData.From(history));
        if (s.PlotDir is not null)
        {
            lines.Add($"plots written to {s.PlotDir}: {string.Join(", ", plots.Select(p => Path.GetFileName(p.Path)))}");
        }

        if (s.ReportDir is not null)
        {
            var inv = CultureInfo.InvariantCulture;
            var page = new HtmlReport($"shallownet train: {Path.GetFileName(s.DataPath)}", string.Join(" → ", model.Network.Layers.Select(l => l.Describe())) + $"  ({model.Network.ParameterCount} parameters)");
            page.AddSettings(Settings(s, model));
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
            page.AddTable("Logged epochs", Progress.TrainingProgressView.HistoryTable(history, metricName));
            foreach (var (caption, path) in plots)
            {
                page.AddImage(caption, path);
            }

            lines.Add($"report written to {page.Write(s.ReportDir)}");
        }

        return lines;
    }

    private static List<(string, string)> Settings(TrainSettings s, TrainedModel model)
    {
        var inv = CultureInfo.InvariantCulture;
        var p = model.Preprocessing;
        return
        [
            ("data", s.DataPath),
            ("model file", s.ModelPath),
            ("architecture", string.Join("-", model.Network.Sizes) + " (" + string.Join(", ", model.Network.Layers.Select(l => l.Activation.Name)) + ")"),
            ("parameters", model.Network.ParameterCount.ToString(inv)),
            ("learning rate", s.LearningRate.ToString("R", inv) + (s.Schedule is ConstantRate ? string.Empty : $" ({s.Schedule})")),
            ("optimizer", s.Optimizer.Name),
            ("epochs", s.Epochs.ToString(inv)),
            ("batch", s.BatchSize == 0 ? "full batch" : s.BatchSize.ToString(inv)),
            ("initialisation", s.InitParams is not null ? $"from {s.InitParams}" : $"{s.Init.ToString().ToLowerInvariant()}{(s.Init == InitScheme.Small ? $" (x {s.InitScale.ToString("R", inv)})" : string.Empty)}, seed {s.Seed}"),
            ("precision", s.Float32 ? "float32" : "float64"),
            ("validation", s.Validation > 0 ? s.Validation.ToString("R", inv) + (s.Patience is { } pat ? $", patience {pat}" : string.Empty) : "none"),
            ("L2", s.L2.ToString("R", inv)),
            ("preprocessing", $"divide by {p.InputScale.ToString("R", inv)}{(p.Mean is null ? string.Empty : ", standardise")}"),
        ];
    }
}
