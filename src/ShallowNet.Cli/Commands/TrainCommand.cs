using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet train</c>: reads a CSV, trains a network with gradient descent, writes the model file.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Training data: CSV with a header (.csv or .csv.gz)", Required = true, HelpName = "FILE" };
        var model = new Option<string>("--model") { Description = "Where to write the trained model (JSON)", Required = true, HelpName = "OUT.json" };
        var label = new Option<string?>("--label") { Description = "Label column (default: the last column)", HelpName = "NAME" };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes: 4, or 20,7,5 for several layers", DefaultValueFactory = _ => "4", HelpName = "N[,N...]" };
        var activation = new Option<string>("--activation") { Description = $"Hidden activation(s): {string.Join(", ", Activation.Names)}; one for all or one per layer", DefaultValueFactory = _ => "tanh", HelpName = "NAME[,NAME...]" };
        var slope = new Option<double?>("--slope") { Description = "Slope of leaky_relu for z <= 0 (default 0.01)" };
        var learningRate = new Option<double>("--learning-rate") { Description = "Gradient descent step size alpha", DefaultValueFactory = _ => 1.2, HelpName = "ALPHA" };
        var epochs = new Option<int>("--epochs") { Description = "Number of full passes over the data", DefaultValueFactory = _ => 10000 };
        var seed = new Option<uint>("--seed") { Description = "Seed of the NumPy-compatible generator (same weights as numpy.random.seed)", DefaultValueFactory = _ => 2 };
        var init = new Option<string>("--init") { Description = "Initial weights: small (x init-scale), lecun, he, glorot", DefaultValueFactory = _ => "small" };
        init.AcceptOnlyFromAmong("small", "lecun", "he", "glorot");
        var initScale = new Option<double>("--init-scale") { Description = "Scale of the 'small' init", DefaultValueFactory = _ => Initializer.DefaultSmallScale };
        var initParams = new Option<string?>("--init-params") { Description = "Start from the weights in this model file (its architecture wins)", HelpName = "MODEL.json" };
        var precision = new Option<string>("--precision") { Description = "Arithmetic: float64 or float32", DefaultValueFactory = _ => "float64" };
        precision.AcceptOnlyFromAmong("float64", "float32");
        var logEvery = new Option<int>("--log-every") { Description = "Record and print the cost every K epochs (and at the last)", DefaultValueFactory = _ => 1000, HelpName = "K" };
        var inputScale = new Option<double>("--input-scale") { Description = "Divide every feature by S (e.g. 255 for pixels); stored in the model", DefaultValueFactory = _ => 1, HelpName = "S" };
        var standardize = new Option<bool>("--standardize") { Description = "Centre and scale each feature by the training set's mean and std; stored in the model" };
        var metrics = new Option<string?>("--metrics") { Description = "Write the costs, accuracy and timing as JSON", HelpName = "OUT.json" };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products (0 = all cores); results are bit-identical for any count", DefaultValueFactory = _ => 0, HelpName = "N" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the summary" };

        var command = new Command("train", "Train a network on a CSV file and write the model")
        {
            data, model, label, hidden, activation, slope, learningRate, epochs, seed, init, initScale, initParams,
            precision, logEvery, inputScale, standardize, metrics, threads, quiet,
        };

        command.SetAction(parsed =>
        {
            var settings = new TrainSettings
            {
                DataPath = parsed.GetValue(data)!,
                ModelPath = parsed.GetValue(model)!,
                Label = parsed.GetValue(label),
                LearningRate = parsed.GetValue(learningRate),
                Epochs = parsed.GetValue(epochs),
                Seed = parsed.GetValue(seed),
                Init = Enum.Parse<InitScheme>(parsed.GetValue(init)!, ignoreCase: true),
                InitScale = parsed.GetValue(initScale),
                InitParams = parsed.GetValue(initParams),
                LogEvery = parsed.GetValue(logEvery),
                InputScale = parsed.GetValue(inputScale),
                Standardize = parsed.GetValue(standardize),
                MetricsPath = parsed.GetValue(metrics),
                Quiet = parsed.GetValue(quiet),
                Threads = parsed.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount,
            };

            OptionParsing.Require(settings.LearningRate > 0 && double.IsFinite(settings.LearningRate), "--learning-rate", "must be a positive number");
            OptionParsing.Require(parsed.GetValue(threads) >= 0, "--threads", "must be 0 (all cores) or more");
            OptionParsing.Require(settings.Epochs >= 0, "--epochs", "must be 0 or more");
            OptionParsing.Require(settings.LogEvery >= 1, "--log-every", "must be 1 or more");
            OptionParsing.Require(settings.InitScale > 0 && double.IsFinite(settings.InitScale), "--init-scale", "must be a positive number");
            OptionParsing.Require(settings.InputScale > 0 && double.IsFinite(settings.InputScale), "--input-scale", "must be a positive number");
            OptionParsing.Require(!(parsed.GetValue(slope) is { } s && !double.IsFinite(s)), "--slope", "must be a finite number");

            var hiddenSizes = OptionParsing.HiddenSizes(parsed.GetValue(hidden)!);
            var hiddenActivations = OptionParsing.HiddenActivations(parsed.GetValue(activation)!, hiddenSizes.Length, parsed.GetValue(slope));
            if (settings.InitParams is not null)
            {
                foreach (var (option, name) in new (Option, string)[] { (hidden, "--hidden"), (activation, "--activation"), (init, "--init"), (initScale, "--init-scale"), (seed, "--seed") })
                {
                    if (OptionParsing.IsExplicit(parsed, option))
                    {
                        throw new UsageException($"{name} conflicts with --init-params: the architecture and weights come from {settings.InitParams}");
                    }
                }
            }

            settings = settings with { HiddenSizes = hiddenSizes, HiddenActivations = hiddenActivations };
            return parsed.GetValue(precision) == "float32"
                ? TrainRunner.Run<float>(settings, console)
                : TrainRunner.Run<double>(settings, console);
        });

        return command;
    }
}

/// <summary>The checked settings of one <c>train</c> run.</summary>
internal sealed record TrainSettings
{
    public required string DataPath { get; init; }

    public required string ModelPath { get; init; }

    public string? Label { get; init; }

    public int[] HiddenSizes { get; init; } = [4];

    public Activation[] HiddenActivations { get; init; } = [Tanh.Instance];

    public double LearningRate { get; init; }

    public int Epochs { get; init; }

    public uint Seed { get; init; }

    public InitScheme Init { get; init; }

    public double InitScale { get; init; }

    public string? InitParams { get; init; }

    public int LogEvery { get; init; }

    public double InputScale { get; init; }

    public bool Standardize { get; init; }

    public string? MetricsPath { get; init; }

    public bool Quiet { get; init; }

    public int Threads { get; init; } = 1;
}

/// <summary>The train command's work, generic over the precision T (float or double).</summary>
internal static class TrainRunner
{
    public static int Run<T>(TrainSettings s, CliConsole console)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = s.InitParams is null ? null : ModelFile.Load(s.InitParams);
        var dataset = CsvDataset.Read(s.DataPath, s.Label ?? start?.Label, start?.Features);
        var classes = ClassLabels.FromLabels(dataset.RequireLabels());
        var y = classes.EncodeBinary<T>(dataset.RequireLabels(), s.DataPath);

        var preprocessing = start?.Preprocessing is { IsIdentity: false } p ? p : Preprocessing.Fit(dataset.X, s.InputScale, s.Standardize);
        var x = preprocessing.Apply(dataset.X).Convert<T>();

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
            int[] sizes = [dataset.FeatureNames.Count, .. s.HiddenSizes, 1];
            Activation[] activations = [.. s.HiddenActivations, Sigmoid.Instance];
            network = Initializer.Create<T>(sizes, activations, new NumpyRandom(s.Seed), s.Init, s.InitScale);
        }

        var output = console.Out;
        if (!s.Quiet)
        {
            output.WriteLine($"training {Describe(network)} on {dataset.Examples} examples from {s.DataPath} ({typeof(T).Name.ToLowerInvariant() switch { "single" => "float32", _ => "float64" }})");
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
            var options = new TrainingOptions { Epochs = s.Epochs, LearningRate = s.LearningRate, LogEvery = s.LogEvery, Threads = s.Threads };
            history = Trainer.Train(network, x, y, options, s.Quiet ? null : p => output.WriteLine(FormatProgress(p)), interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        double accuracy = Metrics.Accuracy(network.Predict(x), classes.Encode(dataset.RequireLabels(), s.DataPath));
        var trained = new TrainedModel(network.Convert<double>(), dataset.FeatureNames, dataset.LabelName, classes, preprocessing);
        ModelFile.Save(trained, s.ModelPath);
        if (s.MetricsPath is not null)
        {
            WriteMetrics(s.MetricsPath, history, accuracy, typeof(T) == typeof(float) ? "float32" : "float64");
        }

        string stopped = history.Cancelled ? $"interrupted after {history.Epochs} epochs; " : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stopped}final cost {history.FinalCost:F6}, train accuracy {accuracy * 100:F2}%, {history.TrainSeconds:F3} s; model written to {s.ModelPath}"));
        return history.Cancelled ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    internal static string FormatProgress(TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(p.Epochs.ToString(CultureInfo.InvariantCulture).Length)}/{p.Epochs}  cost {p.Cost:F9}");

    private static string Describe<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => string.Join("-", network.Sizes) + $" ({string.Join(", ", network.Layers.Select(l => l.Activation.Name))})";

    private static void WriteMetrics(string path, TrainingHistory history, double accuracy, string precision)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("epochs", history.Epochs);
            json.WriteNumber("train_seconds", history.TrainSeconds);
            json.WriteStartArray("costs");
            foreach (var point in history.Costs)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", point.Epoch);
                json.WriteNumber("cost", point.Cost);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("final_cost", history.FinalCost);
            json.WriteNumber("train_accuracy", accuracy);
            json.WriteString("precision", precision);
            json.WriteBoolean("interrupted", history.Cancelled);
            json.WriteEndObject();
        });
    }
}
