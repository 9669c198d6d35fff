using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Commands;

/// <summary>The train command's work, generic over the precision T (float or double).</summary>
internal static class TrainRunner
{
    public static int Run<T>(TrainSettings s, CliConsole console)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var output = console.Out;
        var start = s.InitParams is null ? null : ModelFile.Load(s.InitParams);
        var dataset = ReadData(s, start);
        if (dataset.DroppedRows > 0)
        {
            console.Error.WriteLine($"shallownet: warning: {s.DataPath}: dropped {dataset.DroppedRows} invalid row{(dataset.DroppedRows == 1 ? string.Empty : "s")} (first: {dataset.FirstDropped}); training on {dataset.Examples}");
        }
        var record = new TrainingRecord($"shallownet {ToolVersion}", s.Arguments, Sha256(s.DataPath));
        if (s.Resume?.Model.Training is { } original && original.DataSha256 != record.DataSha256)
        {
            throw new InvalidInputException($"{s.ResumePath}: {s.DataPath} has changed since the checkpoint was written (its SHA-256 differs); resuming would not continue the same run");
        }

        OutputKind kind;
        string reason;
        if (start is not null)
        {
            (kind, reason) = (start.Kind, $"from {s.InitParams}");
        }
        else if (s.Output is { } chosen)
        {
            (kind, reason) = (chosen, "as asked");
        }
        else
        {
            kind = Targets.Infer(dataset.RequireLabels(), out reason);
        }

        var classes = kind == OutputKind.Regression ? null : start?.Classes ?? ClassLabels.FromLabels(dataset.RequireLabels());
        if (kind == OutputKind.Multiclass && start is null && classes is { Numeric: true, Count: > Targets.MaxInferredClasses }
            && classes.Names.Any(n => n.Contains('.', StringComparison.Ordinal) || n.Contains('E', StringComparison.Ordinal)))
        {
            throw new InvalidInputException($"{s.DataPath}: the label '{dataset.LabelName}' has {classes.Count} distinct non-integer values ({classes.Preview()}): a regression target, not classes; use --output identity");
        }
        var targets = s.Labels is { Length: > 1 } ? s.Labels : null;
        var y = TargetEncoding.Encode<T>(kind, classes, dataset, targets);
        var weights = SampleWeights(s, dataset, classes);

        var random = new NumpyRandom(s.Seed);
        Network<T> network;
        if (start is not null)
        {
            if (start.Network.Inputs != dataset.FeatureNames.Count)
            {
                throw new InvalidInputException($"{s.InitParams}: the network takes {start.Network.Inputs} inputs, but {s.DataPath} has {dataset.FeatureNames.Count} feature columns");
            }

            network = start.Network.Convert<T>();
        }
        else
        {
            var (units, outputActivation) = kind switch
            {
                OutputKind.Binary => (1, (Activation)Sigmoid.Instance),
                OutputKind.Multiclass => (classes!.Count, Softmax.Instance),
                _ => (y.Rows, Identity.Instance),
            };
            int[] sizes = [dataset.FeatureNames.Count, .. s.HiddenSizes, units];
            network = Initializer.Create<T>(sizes, [.. s.HiddenActivations, outputActivation], random, s.Init, s.InitScale);
        }

        if (s.DropoutKeep is not null && network.Layers.Count - 1 != s.DropoutKeep.Length)
        {
            throw new UsageException($"--dropout: the network has {network.Layers.Count - 1} hidden layers");
        }

        if (s.Resume is { } resumed)
        {
            // The weights come from the checkpoint; the fresh initialisation above only replays the generator's draws.
            network.CopyParametersFrom(resumed.Model.Network.Convert<T>());
        }

        // The validation split is drawn after the initial weights, from the same generator.
        var (trainColumns, validationColumns) = Split(dataset.Examples, s.Validation, random);
        var trainRaw = dataset.X.SelectColumns(trainColumns);
        var preprocessing = s.Resume?.Model.Preprocessing ?? (start?.Preprocessing is { IsIdentity: false } p ? p : Preprocessing.Fit(trainRaw, s.InputScale, s.Standardize));
        var trainSet = new TrainingSet<T>(preprocessing.Apply(trainRaw).Convert<T>(), y.SelectColumns(trainColumns), Select<T>(weights, trainColumns));
        var validationSet = validationColumns.Length == 0 ? null
            : new TrainingSet<T>(preprocessing.Apply(dataset.X.SelectColumns(validationColumns)).Convert<T>(), y.SelectColumns(validationColumns), Select<T>(weights, validationColumns));

        string metricName = kind == OutputKind.Regression ? "r2" : "accuracy";
        if (!s.Quiet)
        {
            output.WriteLine($"training {Describe(network)} on {trainSet.Examples} examples from {s.DataPath} ({(s.Float32 ? "float32" : "float64")}, {s.Optimizer.Name}{(s.BatchSize > 0 ? $", batches of {s.BatchSize}" : ", full batch")})");
            output.WriteLine($"output: {Explain(kind, classes, y.Rows)} ({reason}){(validationSet is null ? string.Empty : $"; validating on {validationSet.Examples} held-out examples")}");
        }

        var options = new TrainingOptions
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

        // A checkpoint every N epochs when asked, and always on Ctrl+C, so that an interrupted run can be resumed.
        string checkpointFile = s.ResumePath ?? s.CheckpointPath;
        bool checkpointWritten = false;
        var checkpointing = new Checkpointing<T>
        {
            Every = s.CheckpointEvery,
            ResumeFrom = s.Resume?.ToCheckpoint(network, s.Optimizer),
            Save = c =>
            {
                CheckpointFile.Save(checkpointFile, Model(network, dataset, classes, preprocessing, targets, record), c, s.Optimizer);
                checkpointWritten = true;
            },
        };
        if (s.Resume is not null && !s.Quiet)
        {
            output.WriteLine($"resuming at epoch {s.Resume.Epoch} of {s.Epochs} from {s.ResumePath}");
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        TrainingHistory history;
        try
        {
            var mode = s.Quiet ? Progress.TrainingProgressView.Mode.Quiet : Progress.TrainingProgressView.Mode.LinesOrBar;
            history = Progress.TrainingProgressView.Run(output, mode, "training", metricName, s.Epochs, progress =>
                Trainer.Train(network, trainSet, options, validationSet, random, progress, checkpointing, interrupt.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var final = network.Forward(trainSet.X).Output;
        double trainMetric = kind == OutputKind.Regression ? Metrics.RSquared(final, trainSet.Y) : Metrics.Accuracy(network.Classes(final), network.Classes(trainSet.Y));
        ModelFile.Save(Model(network, dataset, classes, preprocessing, targets, record), s.ModelPath);
        if (s.MetricsPath is not null)
        {
            WriteMetrics(s.MetricsPath, history, trainMetric, metricName, s.Float32 ? "float32" : "float64");
        }

        foreach (string line in Reports.TrainArtifacts.Write(s, Model(network, dataset, classes, preprocessing, targets, record), dataset, y.Convert<double>(), history, trainMetric, metricName))
        {
            output.WriteLine(line);
        }

        var inv = CultureInfo.InvariantCulture;
        string stopped = history.Cancelled ? $"interrupted after {history.Epochs} epochs; "
            : history.StoppedEarly ? $"stopped early after {history.Epochs} epochs, kept epoch {history.BestEpoch}; " : string.Empty;
        string metricText = kind == OutputKind.Regression ? string.Create(inv, $"train R2 {trainMetric:F4}") : string.Create(inv, $"train accuracy {trainMetric * 100:F2}%");
        output.WriteLine(string.Create(inv, $"{stopped}final cost {history.FinalCost:F6}, {metricText}, {history.TrainSeconds:F3} s; model written to {s.ModelPath}"));
        if (history.Cancelled && checkpointWritten)
        {
            output.WriteLine($"checkpoint written to {checkpointFile}; continue with: shallownet train --resume {checkpointFile}");
        }

        return history.Cancelled ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    private static TrainedModel Model<T>(Network<T> network, Dataset dataset, ClassLabels? classes, Preprocessing preprocessing, IReadOnlyList<string>? targets, TrainingRecord record)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(network.Convert<double>(), dataset.FeatureNames, dataset.LabelName, classes, preprocessing) { Targets = targets, Training = record };

    private static string ToolVersion => typeof(TrainRunner).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary>Hex SHA-256 of the file's bytes (as stored, compressed or not), streamed.</summary>
    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static Dataset ReadData(TrainSettings s, TrainedModel? start)
    {
        var extras = new List<string>();
        string? label = s.Labels?[0] ?? start?.Label;
        if (s.Labels is { Length: > 1 })
        {
            extras.AddRange(s.Labels);
            label = null;
        }

        if (s.WeightColumn is not null)
        {
            extras.Add(s.WeightColumn);
        }

        return CsvDataset.Read(s.DataPath, label, start?.Features, labelRequired: s.Labels is not { Length: > 1 }, extras.Count > 0 ? extras : null, s.DropInvalidRows);
    }

    private static double[]? SampleWeights(TrainSettings s, Dataset data, ClassLabels? classes)
    {
        double[]? weights = null;
        if (s.WeightColumn is not null)
        {
            weights = data.ExtraColumn(s.WeightColumn);
            int bad = Array.FindIndex(weights, w => w < 0);
            if (bad >= 0)
            {
                throw new InvalidInputException($"{s.DataPath}: line {bad + 2} ('{s.WeightColumn}'): weight {weights[bad]} is negative");
            }
        }

        if (s.BalancedClasses)
        {
            if (classes is null)
            {
                throw new UsageException("--class-weight balanced applies to classifiers, not regression");
            }

            var balanced = classes.BalancedWeights(data.RequireLabels(), data.Source);
            weights = weights is null ? balanced : [.. weights.Zip(balanced, (a, b) => a * b)];
        }

        return weights;
    }

    private static T[]? Select<T>(double[]? weights, int[] columns)
        where T : unmanaged, IFloatingPointIeee754<T>
        => weights is null ? null : [.. columns.Select(c => T.CreateChecked(weights[c]))];

    private static (int[] Train, int[] Validation) Split(int m, double fraction, NumpyRandom random)
    {
        if (fraction <= 0)
        {
            return ([.. Enumerable.Range(0, m)], []);
        }

        int held = Math.Max(1, (int)Math.Round(fraction * m));
        if (held >= m)
        {
            throw new UsageException($"--validation {fraction}: holding out {held} of {m} examples leaves none to train on");
        }

        int[] order = random.Permutation(m);
        int[] validation = [.. order[(m - held)..].Order()];
        int[] train = [.. order[..(m - held)].Order()];
        return (train, validation);
    }

    private static string Explain(OutputKind kind, ClassLabels? classes, int targets) => kind switch
    {
        OutputKind.Binary => $"sigmoid, 2 classes ({classes!.Names[0]}, {classes.Names[1]}; positive: {classes.Names[1]})",
        OutputKind.Multiclass => $"softmax over {classes!.Count} classes ({classes.Preview()})",
        _ => $"identity, regression on {targets} target{(targets == 1 ? string.Empty : "s")}",
    };

    internal static string FormatProgress(TrainingProgress p, string metricName)
    {
        var inv = CultureInfo.InvariantCulture;
        string epoch = p.Epoch.ToString(inv).PadLeft(p.Epochs.ToString(inv).Length);
        string text = string.Create(inv, $"epoch {epoch}/{p.Epochs}  cost {p.Cost:F9}");
        if (p.Point is { } point)
        {
            if (point.Metric is { } m)
            {
                text += string.Create(inv, $"  {metricName} {m:F4}");
            }

            if (point.ValidationCost is { } vc)
            {
                text += string.Create(inv, $"  val_cost {vc:F6}  val_{metricName} {point.ValidationMetric:F4}");
            }
        }

        return text;
    }

    private static string Describe<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => string.Join("-", network.Sizes) + $" ({string.Join(", ", network.Layers.Select(l => l.Activation.Name))})";

    private static void WriteMetrics(string path, TrainingHistory history, double trainMetric, string metricName, string precision)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("epochs", history.Epochs);
            json.WriteNumber("train_seconds", history.TrainSeconds);
            json.WriteStartArray("costs");
            foreach (var point in history.Points)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", point.Epoch);
                json.WriteNumber("cost", point.Cost);
                WriteOptional(json, metricName, point.Metric);
                WriteOptional(json, "validation_cost", point.ValidationCost);
                WriteOptional(json, "validation_" + metricName, point.ValidationMetric);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("final_cost", history.FinalCost);
            json.WriteNumber("train_" + metricName, trainMetric);
            WriteOptional(json, "best_validation_cost", history.BestValidationCost);
            if (history.BestEpoch is { } best)
            {
                json.WriteNumber("best_epoch", best);
            }

            json.WriteBoolean("stopped_early", history.StoppedEarly);
            json.WriteBoolean("interrupted", history.Cancelled);
            json.WriteString("precision", precision);
            json.WriteEndObject();
        });
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }
}
