using System.Globalization;
using System.Numerics;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// The train command's work, generic over the precision T (float or double): read the data, hand it to the one fit
/// pipeline (<see cref="FitPipeline"/>), show the run, write checkpoints on request and on Ctrl+C, then write the model,
/// metrics, plots and report and print the summary. Everything between reading and writing is the pipeline's.
/// </summary>
internal static class TrainRunner
{
    /// <summary>How the tool spells the settings that the pipeline's messages name.</summary>
    private static readonly SettingNames Names = new("--validation", "--class-weight balanced", "--dropout", "--output identity");

    public static int Run<T>(TrainSettings s, CliConsole console)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fit, test, plotted, unnamedAfterLabel) = Prepare<T>(s, console);
        if (plotted is null)
        {
            PhaseGarbage.Release(((long)fit.Train.X.Length + (fit.Validation?.X.Length ?? 0)) * sizeof(double));   // X as read
        }

        string metricName = fit.Output.Kind == OutputKind.Regression ? "r2" : "accuracy";
        if (!s.Quiet)
        {
            PrintPlan(console.Out, s, fit, unnamedAfterLabel);
        }

        var (history, checkpointFile) = Train(s, console.Out, fit, metricName);
        RefuseRunaway(history);
        double trainMetric = TrainMetric(fit);
        if (!history.Cancelled && TrainWarnings.OneClass(fit) is { } oneClass)
        {
            console.Error.WriteLine($"shallownet: warning: {oneClass}");
        }

        var testReport = test?.Score(fit.Model());
        WriteOutputs(s, console.Out, fit, plotted, history, trainMetric, metricName, test, testReport);
        if (!history.Cancelled)
        {
            RemoveFinishedCheckpoint(checkpointFile ?? s.ResumePath);
        }

        PrintSummary(console.Out, s, fit.Output.Kind, history, trainMetric, checkpointFile);
        if (testReport is not null)
        {
            console.Out.WriteLine(TestLine(testReport, s.TestPath!));
        }

        return history.Cancelled ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    /// <summary>
    /// Reads the data and prepares the fit, with every check that comes before training (the memory estimate, the
    /// scale, the data's hash on resume, the test rows). The data as read (X in double, before preprocessing) is
    /// referenced only from here: once this returns it is garbage, unless the plots or the report draw it (returned as
    /// <c>Plotted</c>). Training then holds X once, preprocessed in the run's precision (twice with mini-batches).
    /// </summary>
    private static (PreparedFit<T> Fit, TestRows? Test, Dataset? Plotted, bool UnnamedAfterLabel) Prepare<T>(TrainSettings s, CliConsole console)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = s.InitParams is null ? null : ModelFile.Load(s.InitParams);
        var (data, dataset, unnamedAfterLabel) = TrainData.Read(s, start, console);
        PhaseGarbage.Release((long)data.X.Length * sizeof(double));   // the table as read, now encoded

        if (start is null)
        {
            TrainingMemory.Check<T>(s, data);
        }

        RefuseInfiniteScale(s, data);

        var record = Record(s, dataset);
        var fit = FitPipeline.Prepare<T>(Request(s, data, start, record));
        var test = s.TestPath is null ? null : TestRows.Read(s, data, fit.Output);   // checked before any training
        return (fit, test, TrainingMemory.Plots(s) ? dataset : null, unnamedAfterLabel);
    }

    /// <summary>
    /// A run whose cost ends far above where it started has diverged even when the cost stayed finite (a learning rate
    /// of 1e30 ends near 5.7e29 with the logits saturated): refuse it as a non-finite cost is refused, before anything is
    /// written. Legitimate runs, noisy or not, do not end a thousand times above their first cost
    /// (and above 10, so that a tiny cost that grows a little is not taken for divergence).
    /// </summary>
    private static void RefuseRunaway(TrainingHistory history)
    {
        if (history.Cancelled || history.Points.Count == 0)
        {
            return;
        }

        double first = history.Points[0].Cost;
        if (double.IsFinite(first) && first > 0 && history.FinalCost > 1000 * first && history.FinalCost > 10)
        {
            throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
                $"training diverged: the cost rose from {first:G6} at epoch {history.Points[0].Epoch} to {history.FinalCost:G6} after {Plural.Of(history.Epochs, "epoch")}; lower the learning rate or scale the inputs"));
        }

        // Early stopping hides a divergence by keeping the first epoch's weights: the model is then the initial network,
        // trained on nothing, while the summary showed a plausible final cost (a learning rate of 1e30 with --validation).
        var worst = history.Curve.Count > 0 ? history.Curve.MaxBy(p => p.Cost) : new CostPoint(history.Points[0].Epoch, first, CostKind.Exact);
        if (history.StoppedEarly && history.BestEpoch == history.Points[0].Epoch && double.IsFinite(first) && first > 0 && worst.Cost > 1000 * first && worst.Cost > 10)
        {
            throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
                $"training diverged: the cost rose from {first:G6} at epoch {history.Points[0].Epoch} to {worst.Cost:G6} during epoch {worst.Epoch}, and early stopping kept the untrained weights of epoch {history.Points[0].Epoch}; lower the learning rate or scale the inputs"));
        }
    }

    /// <summary>A scale so small (1e-320) that a feature divided by it is infinite would end as "diverged" after the work: refuse it first.</summary>
    private static void RefuseInfiniteScale(TrainSettings s, FitData data)
    {
        if (s.InputScale == 1)
        {
            return;
        }

        double largest = 0;
        foreach (double v in data.X.Data)
        {
            largest = double.IsFinite(v) ? Math.Max(largest, Math.Abs(v)) : largest;   // NaN: missing, imputed later
        }

        if (double.IsInfinity(largest / s.InputScale))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--input-scale {s.InputScale:R}: dividing the features by it makes them infinite (the largest, {largest:G6}, becomes {largest / s.InputScale}); give a larger scale"));
        }
    }

    /// <summary>The tool, its arguments and the data's hash; a resumed run must find the data it started with.</summary>
    private static TrainingRecord Record(TrainSettings s, Dataset dataset)
    {
        // Hashed while it was read: the file is not opened twice (a FIFO or pipe could not be).
        var record = new TrainingRecord($"shallownet {ToolVersion}", s.Arguments, dataset.Sha256!);
        if (s.Resume?.Model.Training is { } original && original.DataSha256 != record.DataSha256)
        {
            throw new InvalidInputException($"{s.ResumePath}: {s.DataPath} has changed since the checkpoint was written (its SHA-256 differs); resuming would not continue the same run");
        }

        return record;
    }

    /// <summary>The options as the pipeline's request: the data's columns, the network, split, weights and training settings.</summary>
    private static FitRequest Request(TrainSettings s, FitData data, TrainedModel? start, TrainingRecord record)
    {
        var settings = FitSettingsOf(s);
        return new FitRequest(data, settings)
        {
            Start = start,
            StartSource = s.InitParams,
            Resume = s.Resume,
            Record = record,
        };
    }

    /// <summary>The pipeline's settings for the options: the network, initialisation, split, preprocessing and training.</summary>
    /// <summary>What every fold of cv, curve and tune fits: the label or targets, weights, column roles and fit settings of <paramref name="s"/>.</summary>
    internal static Selection.CrossValidationTask TaskOf(TrainSettings s, string label) => new(label)
    {
        Targets = s.Labels is { Length: > 1 } ? s.Labels : null,
        WeightColumn = s.WeightColumn,
        Roles = s.Columns,
        Settings = FitSettingsOf(s),
    };

    internal static FitSettings FitSettingsOf(TrainSettings s) => new()
    {
        Output = s.Output,
        HiddenSizes = s.HiddenSizes,
        HiddenActivations = s.HiddenActivations,
        Init = s.Init,
        InitScale = s.InitScale,
        Seed = s.Seed,
        ValidationFraction = s.Validation,
        InputScale = s.InputScale,
        Standardize = s.Standardize,
        BalancedClasses = s.BalancedClasses,
        Training = TrainingOptions(s),
        Names = Names,
    };

    private static TrainingOptions TrainingOptions(TrainSettings s) => new()
    {
        Epochs = s.Epochs,
        LearningRate = s.LearningRate,
        Schedule = s.Schedule,
        Optimizer = s.Optimizer,
        BatchSize = s.BatchSize,
        LogEvery = s.LogEvery,
        L2 = s.L2,
        DropoutKeep = s.DropoutKeep,
        ClipNorm = s.ClipNorm,
        Patience = s.Patience,
        Threads = s.Threads,
        Kernels = s.Kernels,
    };

    private static void PrintPlan<T>(TextWriter output, TrainSettings s, PreparedFit<T> fit, bool unnamedAfterLabel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        output.WriteLine($"training {Describe(fit.Network)} on {Plural.Of(fit.Train.Examples, "example")} from {s.DataPath} ({(s.Float32 ? "float32" : "float64")}, {s.Optimizer.Name}{(s.BatchSize > 0 ? $", batches of {s.BatchSize}" : ", full batch")})");
        output.WriteLine(Target(s, fit.LabelName, fit.TargetNames, unnamedAfterLabel));
        output.WriteLine($"output: {Explain(fit.Output.Kind, fit.Output.Classes, fit.Y.Rows)} ({fit.Output.Reason}){(fit.Validation is null ? string.Empty : $"; validating on {Plural.Of(fit.Validation.Examples, "held-out example")}")}");
    }

    /// <summary>
    /// What the network learns to predict and, when the user did not name it, where it came from: a table whose last
    /// column is not the label (seaborn's titanic ends with 'alone') otherwise trains on the wrong question in silence.
    /// After a trailing comma's empty column the label is the last column with a name, and says so.
    /// </summary>
    private static string Target(TrainSettings s, string? labelName, IReadOnlyList<string>? targetNames, bool unnamedAfterLabel)
    {
        if (labelName is not { } label)
        {
            return $"targets: {string.Join(", ", (targetNames ?? []).Select(n => $"'{n}'"))}";
        }

        bool lastColumn = s.Labels is null && s.InitParams is null;   // else named, or the start model's
        return lastColumn ? $"label: '{label}', the last {(unnamedAfterLabel ? "named " : string.Empty)}column (name another with --label)" : $"label: '{label}'";
    }

    /// <summary>
    /// Runs the trainer with the progress view; writes a checkpoint every N epochs when asked, and always on Ctrl+C, so
    /// that an interrupted run can be resumed. Returns the history and the checkpoint file if one was written.
    /// </summary>
    private static (TrainingHistory History, string? CheckpointFile) Train<T>(TrainSettings s, TextWriter output, PreparedFit<T> fit, string metricName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string checkpointFile = s.ResumePath ?? s.CheckpointPath;
        bool checkpointWritten = false;
        var checkpointing = new Checkpointing<T>
        {
            Every = s.CheckpointEvery,
            Save = c =>
            {
                CheckpointFile.Save(checkpointFile, fit.Model(), c, s.Optimizer);
                checkpointWritten = true;
            },
        };
        if (s.Resume is not null && !s.Quiet)
        {
            output.WriteLine($"resuming at epoch {s.Resume.Epoch} of {s.Epochs} from {s.ResumePath}; the model will be written to {s.ModelPath}");
        }

        // Ctrl+C or SIGTERM ends the run after the current epoch, with a checkpoint and the model saved.
        using var interrupt = Interrupts.Listen();
        var mode = s.Quiet ? Progress.TrainingProgressView.Mode.Quiet : Progress.TrainingProgressView.Mode.LinesOrBar;
        var history = Progress.TrainingProgressView.Run(output, mode, "training", metricName, s.Epochs, progress => fit.Run(progress, checkpointing, interrupt.Token));
        return (history, checkpointWritten ? checkpointFile : null);
    }

    /// <summary>
    /// Once the model of a finished run is written, its checkpoint (written by this run, or the one it resumed from)
    /// describes nothing left to do: left behind, it looked like an unfinished run that <c>--resume</c> would redo.
    /// </summary>
    private static void RemoveFinishedCheckpoint(string? checkpointFile)
    {
        if (checkpointFile is not null && File.Exists(checkpointFile))
        {
            File.Delete(checkpointFile);
        }
    }

    /// <summary>Accuracy (classifiers) or R² (regression) of the trained network on the training examples.</summary>
    private static double TrainMetric<T>(PreparedFit<T> fit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = fit.Network;
        var final = network.Forward(fit.Train.X).Output;
        return fit.Output.Kind == OutputKind.Regression ? Metrics.RSquared(final, fit.Train.Y) : Metrics.Accuracy(network.Classes(final), network.Classes(fit.Train.Y));
    }

    private static void WriteOutputs<T>(TrainSettings s, TextWriter output, PreparedFit<T> fit, Dataset? plotted, TrainingHistory history, double trainMetric, string metricName,
        TestRows? test, Api.EvaluationReport? testReport)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = fit.Model();
        ModelFile.Save(model, s.ModelPath);
        if (s.MetricsPath is not null)
        {
            Output.MetricsFile.Write(s.MetricsPath, history, trainMetric, metricName, s.Float32 ? "float32" : "float64", testReport?.Measures);
        }

        if (plotted is null)
        {
            return;                                                        // no --plot, no --report
        }

        // The plots see Y in the run's precision, as the network did.
        var testPart = test is null ? null : new Reports.TestPart(test.Data, test.Y, testReport!.Measures);
        foreach (string line in Reports.TrainArtifacts.Write(s.PlotDir, s.ReportDir, s.DataPath, ReportSettings(s, model), model, plotted, fit.Y.Convert<T>().Convert<double>(), history, trainMetric, metricName, fit.TrainColumns, fit.ValidationColumns, testPart))
        {
            output.WriteLine(line);
        }
    }

    private static void PrintSummary(TextWriter output, TrainSettings s, OutputKind kind, TrainingHistory history, double trainMetric, string? checkpointFile)
    {
        var inv = CultureInfo.InvariantCulture;
        string stopped = history.Cancelled ? $"interrupted after {Plural.Of(history.Epochs, "epoch")}; "
            : history.StoppedEarly ? $"stopped early after {Plural.Of(history.Epochs, "epoch")}, kept epoch {history.BestEpoch}; " : string.Empty;
        string metricText = kind == OutputKind.Regression ? string.Create(inv, $"train R2 {trainMetric:F4}") : string.Create(inv, $"train accuracy {trainMetric * 100:F2}%");
        output.WriteLine(string.Create(inv, $"{stopped}final cost {history.FinalCost:F6}, {metricText}, {history.TrainSeconds:F3} s; model written to {s.ModelPath}"));
        if (history.Cancelled && checkpointFile is not null)
        {
            output.WriteLine($"checkpoint written to {checkpointFile}; continue with: shallownet train --resume {checkpointFile}");
        }
    }

    /// <summary>"test accuracy 80.72% on 223 rows of test.csv", or R² for a regression.</summary>
    private static string TestLine(Api.EvaluationReport report, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        return report.Kind == OutputKind.Regression
            ? string.Create(inv, $"test R2 {report.Score:F4}, rmse {report.Measures["rmse"]:G6} on {Plural.Of(report.Examples, "row")} of {path}")
            : string.Create(inv, $"test accuracy {report.Score * 100:F2}% on {Plural.Of(report.Examples, "row")} of {path}");
    }

    private static string ToolVersion => typeof(TrainRunner).Assembly.GetName().Version?.ToString(3) ?? "0";

    private static string Explain(OutputKind kind, ClassLabels? classes, int targets) => kind switch
    {
        OutputKind.Binary => $"sigmoid, 2 classes ({classes!.Names[0]}, {classes.Names[1]}; positive: {classes.Names[1]})",
        OutputKind.Multiclass => $"softmax over {classes!.Count} classes ({classes.Preview()})",
        _ => $"identity, regression on {targets} target{(targets == 1 ? string.Empty : "s")}",
    };

    private static string Describe<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => string.Join("-", network.Sizes) + $" ({string.Join(", ", network.Layers.Select(l => l.Activation.Name))})";

    /// <summary>The run's settings as the report's first table shows them.</summary>
    private static List<(string Name, string Value)> ReportSettings(TrainSettings s, TrainedModel model)
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
