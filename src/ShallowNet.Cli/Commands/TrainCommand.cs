using System.CommandLine;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet train</c>: reads a CSV, trains a network, writes the model file.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var d = Preset.Default;                                          // the help states the defaults from where they are set
        static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var data = new Option<string>("--data") { Description = "Training data: CSV with a header (.csv or .csv.gz) or Parquet (.parquet)", HelpName = "FILE" };
        var model = new Option<string>("--model") { Description = "Where to write the trained model (JSON)", HelpName = "OUT.json" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write a checkpoint every N epochs (and on Ctrl+C) to resume from", DefaultValueFactory = _ => 0, HelpName = "N" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: the model path + .checkpoint.json)", HelpName = "FILE" };
        var dropInvalid = new Option<bool>("--drop-invalid-rows") { Description = "Skip rows with missing, non-numeric or non-finite values (and say how many) instead of refusing the file" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint, with its original options and data", HelpName = "CHECKPOINT" };
        var label = new Option<string?>("--label") { Description = "Label column (default: the last); several (a,b) for multi-target regression", HelpName = "NAME[,NAME...]" };
        var output = new Option<string?>("--output") { Description = "Output layer: sigmoid (2 classes), softmax (k classes), identity (regression); default: chosen from the label" };
        output.AcceptOnlyFromAmong("sigmoid", "softmax", "identity");
        var preset = new Option<string?>("--preset") { Description = $"Start from a set of defaults: {string.Join(", ", Preset.Names)} (the lesson's 2-4-1 tanh run); options beside it override it", HelpName = "NAME" };
        var hidden = new Option<string>("--hidden") { Description = $"Hidden layer sizes: 4, or 20,7,5 for several layers; 0 for none (logistic, softmax or linear regression); default {string.Join(",", d.Hidden)}", HelpName = "N[,N...]" };
        var activation = new Option<string>("--activation") { Description = $"Hidden activation(s): {string.Join(", ", Activation.HiddenNames)}; one for all or one per layer; default {d.Activation.Name}", HelpName = "NAME[,NAME...]" };
        var slope = new Option<double?>("--slope") { Description = "Slope of leaky_relu for z <= 0 (default 0.01)" };
        var learningRate = new Option<double>("--learning-rate") { Description = $"Step size alpha (the base rate with a schedule); default {Text(d.Training.LearningRate)}", HelpName = "ALPHA" };
        var schedule = new Option<string>("--lr-schedule") { Description = "constant, step:EVERY:FACTOR, exponential:FACTOR or inverse:DECAY[:INTERVAL]", DefaultValueFactory = _ => "constant", HelpName = "SCHEDULE" };
        var epochs = new Option<int>("--epochs") { Description = $"Most passes over the training data; default {d.Training.Epochs} (early stopping usually ends sooner)" };
        var batchSize = new Option<int>("--batch-size") { Description = $"Examples per update, reshuffled each epoch (0 = full batch); default {d.Training.BatchSize}", HelpName = "N" };
        var optimizer = new Option<string>("--optimizer") { Description = $"Update rule: {string.Join(", ", Optimizer.Names)}; default {d.Training.Optimizer.Name}" };
        optimizer.AcceptOnlyFromAmong([.. Optimizer.Names]);
        var beta1 = new Option<double?>("--beta1") { Description = "beta of momentum/nesterov/rmsprop (0.9), beta1 of adam (0.9)" };
        var beta2 = new Option<double?>("--beta2") { Description = "beta2 of adam (0.999)" };
        var clipNorm = new Option<double?>("--clip-norm") { Description = "Clip the gradient to this global L2 norm", HelpName = "C" };
        var l2 = new Option<double>("--l2") { Description = $"L2 penalty lambda: adds lambda/(2m) sum ||W||^2 to the cost; default {Text(d.Training.L2)}", HelpName = "LAMBDA" };
        var dropout = new Option<string?>("--dropout") { Description = "Drop probability of hidden units while training: one for all hidden layers or one per layer", HelpName = "P[,P...]" };
        var validation = new Option<double>("--validation") { Description = $"Hold out this fraction of the data (chosen with the seed) to report validation cost and metric; default {Text(d.ValidationFraction)}", HelpName = "FRACTION" };
        var patience = new Option<int?>("--patience") { Description = $"Stop when the validation cost has not improved for N epochs; keep the best weights; default {d.Training.Patience} (with a validation set)", HelpName = "N" };
        var classWeight = new Option<string?>("--class-weight") { Description = "balanced: weight each example by m / (k * count of its class)" };
        classWeight.AcceptOnlyFromAmong("balanced");
        var weightColumn = new Option<string?>("--weight-column") { Description = "Column of per-example weights (not used as a feature)", HelpName = "NAME" };
        var seed = new Option<uint>("--seed") { Description = $"Seed of the NumPy-compatible generator (initial weights, then shuffles, dropout, validation split); default {d.Seed}" };
        var init = new Option<string>("--init") { Description = "Initial weights: small (x init-scale), lecun, he, glorot; default: he for relu and leaky_relu, glorot otherwise" };
        init.AcceptOnlyFromAmong("small", "lecun", "he", "glorot");
        var initScale = new Option<double>("--init-scale") { Description = "Scale of the 'small' init; default 0.01" };
        var initParams = new Option<string?>("--init-params") { Description = "Start from the weights in this model file (its architecture wins)", HelpName = "MODEL.json" };
        var precision = new Option<string>("--precision") { Description = "Arithmetic: float64 or float32", DefaultValueFactory = _ => "float64" };
        precision.AcceptOnlyFromAmong("float64", "float32");
        var logEvery = new Option<int>("--log-every") { Description = $"Record and print the cost every K epochs (and at the last); default {d.Training.LogEvery}", HelpName = "K" };
        var inputScale = new Option<double>("--input-scale") { Description = "Divide every feature by S (e.g. 255 for pixels); stored in the model; default 1", HelpName = "S" };
        var standardize = new Option<bool>("--standardize") { Description = "Centre and scale each feature by the training set's mean and std; stored in the model; on by default (--standardize false to turn off)" };
        var metrics = new Option<string?>("--metrics") { Description = "Write the costs, metrics and timing as JSON", HelpName = "OUT.json" };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products (0 = all cores); results are bit-identical for any count", DefaultValueFactory = _ => 0, HelpName = "N" };
        var kernels = new Option<string>("--kernels") { Description = "auto: fused fast paths where they apply; reference: the lesson's equations as written (the same bits)", DefaultValueFactory = _ => "auto", HelpName = "auto|reference" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the summary" };
        var plot = new Option<string?>("--plot") { Description = "Write PNG plots here: cost curve, decision boundary (2 inputs), confusion matrix or predicted vs actual", HelpName = "DIR" };
        var test = new Option<string?>("--test") { Description = "Held-out rows to score once training is done (never trained or validated on): printed, in --metrics, --plot and --report", HelpName = "FILE" };
        var report = new Option<string?>("--report") { Description = "Write report.html here: settings, metrics and plots in one self-contained page", HelpName = "DIR" };

        var columns = new ColumnOptions();
        var command = new Command("train", "Train a network on a CSV file and write the model")
        {
            data, model, label, preset, output, hidden, activation, slope, learningRate, schedule, epochs, batchSize, optimizer, beta1, beta2,
            clipNorm, l2, dropout, validation, patience, classWeight, weightColumn, seed, init, initScale, initParams, precision,
            logEvery, inputScale, standardize, metrics, threads, kernels, quiet, checkpointEvery, checkpoint, resume, dropInvalid, plot, report, test,
        };
        foreach (var option in columns.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed =>
        {
            if (parsed.GetValue(resume) is { } resumePath)
            {
                // A resumed run re-reads its original arguments from the checkpoint; only how it runs may change.
                var allowed = new Option[] { resume, threads, kernels, quiet };
                var other = command.Options.FirstOrDefault(o => !allowed.Contains(o) && OptionParsing.IsExplicit(parsed, o));
                if (other is not null)
                {
                    throw new UsageException($"{other.Name} conflicts with --resume: a resumed run keeps the options it started with");
                }

                var saved = Serialization.CheckpointFile.Load(resumePath);
                var original = saved.Model.Training?.Arguments ?? throw new InvalidInputException($"{resumePath}: the checkpoint does not record the arguments it was started with");
                var stored = command.Parse([.. original]);
                if (stored.Errors.Count > 0)
                {
                    throw new InvalidInputException($"{resumePath}: its recorded arguments no longer parse: {stored.Errors[0].Message}");
                }

                var settings = AgainstOriginalFolder(Settings(stored, [.. original]), resumePath) with { Resume = saved, ResumePath = resumePath, Quiet = parsed.GetValue(quiet) };
                if (OptionParsing.IsExplicit(parsed, threads))
                {
                    settings = settings with { Threads = parsed.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount };
                }

                if (OptionParsing.IsExplicit(parsed, kernels))
                {
                    settings = settings with { Kernels = Kernels(parsed) };
                }

                CheckPaths(settings);
                return settings.Float32 ? TrainRunner.Run<float>(settings, console) : TrainRunner.Run<double>(settings, console);
            }

            if (parsed.GetValue(data) is null || parsed.GetValue(model) is null)
            {
                throw new UsageException(parsed.GetValue(data) is null ? "option '--data' is required (or --resume CHECKPOINT)" : "option '--model' is required (or --resume CHECKPOINT)");
            }

            var s = Settings(parsed, RecordedArguments(parsed));
            CheckPaths(s);
            return s.Float32 ? TrainRunner.Run<float>(s, console) : TrainRunner.Run<double>(s, console);
        });

        return command;

        // The arguments the model file records, less --kernels: it changes how training runs, not its bits.
        static string[] RecordedArguments(ParseResult parsed)
        {
            var recorded = new List<string>();
            var tokens = parsed.Tokens.Skip(1).Select(t => t.Value).ToList();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] == "--kernels")
                {
                    i++;                                                  // and its value
                    continue;
                }

                recorded.Add(tokens[i]);
            }

            return [.. recorded];
        }

        KernelChoice Kernels(ParseResult parsed)
        {
            string value = parsed.GetValue(kernels)!;
            OptionParsing.Require(value is "auto" or "reference", "--kernels", $"'{value}' is neither auto nor reference");
            return value == "reference" ? KernelChoice.Reference : KernelChoice.Auto;
        }

        TrainSettings Settings(ParseResult parsed, string[] arguments)
        {
            var p = PresetOf(parsed.GetValue(preset));
            T Given<T>(Option<T> option, T presetValue) => OptionParsing.IsExplicit(parsed, option) ? parsed.GetValue(option)! : presetValue;
            double validationFraction = Given(validation, p.ValidationFraction);
            var s = new TrainSettings
            {
                Arguments = arguments,
                DropInvalidRows = parsed.GetValue(dropInvalid),
                TestPath = parsed.GetValue(test),
                Columns = columns.Roles(parsed),
                MissingTokens = columns.MissingTokens(parsed),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
                CheckpointPath = parsed.GetValue(checkpoint) ?? parsed.GetValue(model)! + ".checkpoint.json",
                DataPath = parsed.GetValue(data)!,
                ModelPath = parsed.GetValue(model)!,
                Labels = parsed.GetValue(label) is { } l ? l.Split(',', StringSplitOptions.TrimEntries) : null,
                Output = parsed.GetValue(output) switch { "sigmoid" => OutputKind.Binary, "softmax" => OutputKind.Multiclass, "identity" => OutputKind.Regression, _ => null },
                LearningRate = Given(learningRate, p.Training.LearningRate),
                Epochs = Given(epochs, p.Training.Epochs),
                BatchSize = Given(batchSize, p.Training.BatchSize),
                L2 = Given(l2, p.Training.L2),
                ClipNorm = parsed.GetValue(clipNorm),
                Validation = validationFraction,
                Patience = OptionParsing.IsExplicit(parsed, patience) ? parsed.GetValue(patience) : validationFraction > 0 ? p.Training.Patience : null,
                BalancedClasses = parsed.GetValue(classWeight) == "balanced",
                WeightColumn = parsed.GetValue(weightColumn),
                Seed = Given(seed, p.Seed),
                InitScale = Given(initScale, p.InitScale),
                InitParams = parsed.GetValue(initParams),
                LogEvery = Given(logEvery, p.Training.LogEvery),
                InputScale = Given(inputScale, 1.0),
                Standardize = Given(standardize, p.Standardize),
                MetricsPath = parsed.GetValue(metrics),
                Quiet = parsed.GetValue(quiet),
                PlotDir = parsed.GetValue(plot),
                ReportDir = parsed.GetValue(report),
                Threads = parsed.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount,
                Float32 = parsed.GetValue(precision) == "float32",
                Kernels = Kernels(parsed),
            };

            OptionParsing.Require(parsed.GetValue(threads) >= 0, "--threads", "must be 0 (all cores) or more");
            OptionParsing.Require(s.CheckpointEvery >= 0, "--checkpoint-every", "must be 0 (only on Ctrl+C) or more");
            OptionParsing.Require(s.LearningRate > 0 && double.IsFinite(s.LearningRate), "--learning-rate", "must be a positive number");
            OptionParsing.Require(s.Epochs >= 0, "--epochs", "must be 0 or more");
            OptionParsing.Require(s.BatchSize >= 0, "--batch-size", "must be 0 (full batch) or more");
            OptionParsing.Require(s.LogEvery >= 1, "--log-every", "must be 1 or more");
            OptionParsing.Require(s.InitScale > 0 && double.IsFinite(s.InitScale), "--init-scale", "must be a positive number");
            OptionParsing.Require(s.InputScale > 0 && double.IsFinite(s.InputScale), "--input-scale", "must be a positive number");
            OptionParsing.Require(s.L2 >= 0 && double.IsFinite(s.L2), "--l2", "must be 0 or more");
            OptionParsing.Require(s.ClipNorm is null or > 0, "--clip-norm", "must be a positive number");
            OptionParsing.Require(s.Validation is >= 0 and < 1, "--validation", "must be a fraction in [0, 1)");
            OptionParsing.Require(s.Patience is null or >= 1, "--patience", "must be 1 or more");
            OptionParsing.Require(s.Patience is null || s.Validation > 0, "--patience", "needs a validation set: add --validation 0.1");
            OptionParsing.Require(!(parsed.GetValue(slope) is { } sl && !double.IsFinite(sl)), "--slope", "must be a finite number");
            OptionParsing.Require(parsed.GetValue(beta1) is null or (>= 0 and < 1), "--beta1", "must be in [0, 1)");
            OptionParsing.Require(parsed.GetValue(beta2) is null or (>= 0 and < 1), "--beta2", "must be in [0, 1)");
            OptionParsing.Require(s.Labels is null || s.Labels.All(n => n.Length > 0), "--label", "empty column name");
            if (s.Labels is { Length: > 1 })
            {
                OptionParsing.Require(s.Output is null or OutputKind.Regression, "--label", "several label columns are regression targets; they need --output identity");
                s = s with { Output = OutputKind.Regression };
            }

            OptionParsing.Require(s.Labels is null || s.Labels.Distinct(StringComparer.Ordinal).Count() == s.Labels.Length, "--label", $"'{parsed.GetValue(label)}' names a column twice");
            OptionParsing.Require(s.WeightColumn is null || s.Labels is null || !s.Labels.Contains(s.WeightColumn), "--weight-column", $"'{s.WeightColumn}' is the label; the weights must be a column of their own");
            var hiddenSizes = OptionParsing.IsExplicit(parsed, hidden) ? OptionParsing.HiddenSizes(parsed.GetValue(hidden)!) : [.. p.Hidden];
            var hiddenActivations = OptionParsing.HiddenActivations(Given(activation, p.Activation.Name), hiddenSizes.Length, parsed.GetValue(slope));
            if (hiddenSizes.Length == 0)
            {
                foreach (var (option, name) in new (Option, string)[] { (activation, "--activation"), (slope, "--slope"), (dropout, "--dropout") })
                {
                    OptionParsing.Require(!OptionParsing.IsExplicit(parsed, option), name, "--hidden 0 has no hidden layer for it to apply to");
                }
            }

            OptionParsing.Require(parsed.GetValue(slope) is null || s.InitParams is not null || hiddenActivations.Any(a => a.Name == "leaky_relu"), "--slope", "applies to leaky_relu only; add --activation leaky_relu");
            if (s.InitParams is not null)
            {
                foreach (var (option, name) in new (Option, string)[] { (hidden, "--hidden"), (activation, "--activation"), (init, "--init"), (initScale, "--init-scale"), (output, "--output") })
                {
                    if (OptionParsing.IsExplicit(parsed, option))
                    {
                        throw new UsageException($"{name} conflicts with --init-params: the architecture and weights come from {s.InitParams}");
                    }
                }
            }

            s = s with
            {
                HiddenSizes = hiddenSizes,
                HiddenActivations = hiddenActivations,

                // The init follows the activation the user chose, unless the init or the preset names one.
                Init = OptionParsing.IsExplicit(parsed, init) ? Enum.Parse<InitScheme>(parsed.GetValue(init)!, ignoreCase: true) : p.InitSchemeFor(hiddenActivations),
                Optimizer = MakeOptimizer(Given(optimizer, p.Training.Optimizer.Name)!, parsed.GetValue(beta1), parsed.GetValue(beta2)),
                Schedule = ParseSchedule(parsed.GetValue(schedule)!),
                DropoutKeep = ParseDropout(parsed.GetValue(dropout), hiddenSizes.Length),
            };
            return s;
        }
    }

    /// <summary>
    /// The recorded relative paths of a resumed run made absolute against the folder the run started in, not the
    /// current one: otherwise resuming from elsewhere would read other data and write a model into the wrong folder. That
    /// folder is found from where the checkpoint is now and the (relative) path it was recorded under, e.g.
    /// /proj/out/m.json.checkpoint.json recorded as out/m.json.checkpoint.json started in /proj; when the recorded path is
    /// absolute or the checkpoint was moved, the checkpoint's own folder is taken.
    /// </summary>
    private static TrainSettings AgainstOriginalFolder(TrainSettings s, string checkpointPath)
    {
        string actual = Path.GetFullPath(checkpointPath);
        string folder = Path.GetDirectoryName(actual) ?? Directory.GetCurrentDirectory();
        if (s.CheckpointPath.Length > 0 && !Path.IsPathRooted(s.CheckpointPath))
        {
            // GetFullPath against a fake root normalises "./a/../b" to "/b" without touching the disk.
            string root = Path.GetPathRoot(actual)!;
            string recorded = Path.GetFullPath(s.CheckpointPath, root)[root.Length..];
            if (actual.EndsWith(Path.DirectorySeparatorChar + recorded, StringComparison.Ordinal))
            {
                folder = actual[..^(recorded.Length + 1)];
                folder = folder.Length == 0 ? root : folder;
            }
        }

        string? Absolute(string? path) => path is null || path.Length == 0 || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, folder);
        return s with
        {
            DataPath = Absolute(s.DataPath)!,
            ModelPath = Absolute(s.ModelPath)!,
            CheckpointPath = Absolute(s.CheckpointPath)!,
            MetricsPath = Absolute(s.MetricsPath),
            PlotDir = Absolute(s.PlotDir),
            ReportDir = Absolute(s.ReportDir),
            InitParams = Absolute(s.InitParams),
        };
    }

    /// <summary>
    /// Every place the run will write, checked before any work: no output is an input or another output, every file's
    /// folder exists, every folder can be written.
    /// </summary>
    private static void CheckPaths(TrainSettings s)
    {
        // A resumed run writes its checkpoint over the one it resumes from: that file is meant to be replaced.
        string checkpointOption = s.ResumePath is null ? "--checkpoint" : "--resume";
        string checkpoint = s.ResumePath ?? s.CheckpointPath;
        OutputPaths.CheckFile("--model", s.ModelPath);
        OutputPaths.CheckFile("--metrics", s.MetricsPath);
        OutputPaths.CheckFile(checkpointOption, checkpoint);
        OutputPaths.RefuseOverlaps(
            [new("--data", s.DataPath), new("--init-params", s.InitParams), new("--test", s.TestPath)],
            [new("--model", s.ModelPath), new("--metrics", s.MetricsPath), new(checkpointOption, checkpoint)]);
        OutputPaths.CheckFolder("--plot", s.PlotDir);
        OutputPaths.CheckFolder("--report", s.ReportDir);
    }

    private static Preset PresetOf(string? name)
    {
        try
        {
            return name is null ? Preset.Default : Preset.FromName(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--preset: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static Optimizer MakeOptimizer(string name, double? beta1, double? beta2)
    {
        var rule = Optimizer.FromName(name);
        OptionParsing.Require(beta2 is null || rule is Adam, "--beta2", $"applies to adam only, not {name}");
        OptionParsing.Require(beta1 is null || rule is not GradientDescent, "--beta1", "plain gradient descent has no beta; use --optimizer momentum, nesterov, rmsprop or adam");
        return rule switch
        {
            Momentum m => m with { Beta = beta1 ?? m.Beta },
            RmsProp r => r with { Beta = beta1 ?? r.Beta },
            Adam a => a with { Beta1 = beta1 ?? a.Beta1, Beta2 = beta2 ?? a.Beta2 },
            _ => rule,
        };
    }

    private static LearningRateSchedule ParseSchedule(string text)
    {
        try
        {
            return LearningRateSchedule.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--lr-schedule: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static double[]? ParseDropout(string? text, int hiddenLayers)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        OptionParsing.Require(parts.Length == 1 || parts.Length == hiddenLayers, "--dropout", $"give one drop probability for all {hiddenLayers} hidden layers, or one per hidden layer");
        var keep = new double[hiddenLayers];
        for (int l = 0; l < hiddenLayers; l++)
        {
            string p = parts[parts.Length == 1 ? 0 : l];
            bool ok = double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double drop);
            OptionParsing.Require(ok && drop is >= 0 and < 1, "--dropout", $"'{p}' is not a probability in [0, 1)");
            keep[l] = 1 - drop;
        }

        return keep;
    }
}
