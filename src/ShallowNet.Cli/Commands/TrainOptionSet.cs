using System.CommandLine;
using System.Globalization;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// The options of <c>train</c> and their mapping to <see cref="TrainSettings"/>, in one place so that the commands that
/// fit models (<c>train</c>, <c>cv</c>) take the same options with the same meaning, defaults, help and checks.
/// A command that writes no model (<c>cv</c>) leaves out the options about the model file and its by-products.
/// </summary>
internal sealed class TrainOptionSet
{
    private static readonly Preset Defaults = Preset.Default;            // the help states the defaults from where they are set

    private readonly Option<string> _data = new("--data") { Description = "Training data: CSV with a header (.csv or .csv.gz) or Parquet (.parquet)", HelpName = "FILE" };
    private readonly Option<string> _model = new("--model") { Description = "Where to write the trained model (JSON)", HelpName = "OUT.json" };
    private readonly Option<int> _checkpointEvery = new("--checkpoint-every") { Description = "Write a checkpoint every N epochs and on Ctrl+C, to resume from (0 = only on Ctrl+C)", DefaultValueFactory = _ => 0, HelpName = "N" };
    private readonly Option<string?> _checkpoint = new("--checkpoint") { Description = "Checkpoint file (default: the model path + .checkpoint.json)", HelpName = "FILE" };
    private readonly Option<bool> _dropInvalid = new("--drop-invalid-rows") { Description = "Skip rows with missing, non-numeric or non-finite values (and say how many) instead of refusing the file" };
    private readonly Option<string?> _resume = new("--resume") { Description = "Continue the run saved in this checkpoint, with its original options and data", HelpName = "CHECKPOINT" };
    private readonly Option<string?> _label = new("--label") { Description = "Label column (default: the last); several (a,b) for multi-target regression", HelpName = "NAME[,NAME...]" };
    private readonly Option<string?> _output = new("--output") { Description = "Output layer: sigmoid (2 classes), softmax (k classes), identity (regression); default: chosen from the label" };
    private readonly Option<string?> _preset = new("--preset") { Description = $"Start from a set of defaults: {string.Join(", ", Preset.Names)} (the lesson's 2-4-1 tanh run); options beside it override it", HelpName = "NAME" };
    private readonly Option<string> _hidden = new("--hidden") { Description = $"Hidden layer sizes: 4, or 20,7,5 for several layers; 0 for none (logistic, softmax or linear regression); default {string.Join(",", Defaults.Hidden)}", HelpName = "N[,N...]" };
    private readonly Option<string> _activation = new("--activation") { Description = $"Hidden activation(s): {string.Join(", ", Activation.HiddenNames)}; one for all or one per layer; default {Defaults.Activation.Name}", HelpName = "NAME[,NAME...]" };
    private readonly Option<double?> _slope = new("--slope") { Description = "Slope of leaky_relu for z <= 0 (default 0.01)" };
    private readonly Option<double> _learningRate = new("--learning-rate") { Description = $"Step size alpha (the base rate with a schedule); default {Text(Defaults.Training.LearningRate)}", HelpName = "ALPHA" };
    private readonly Option<string> _schedule = new("--lr-schedule") { Description = "constant, step:EVERY:FACTOR, exponential:FACTOR or inverse:DECAY[:INTERVAL]", DefaultValueFactory = _ => "constant", HelpName = "SCHEDULE" };
    private readonly Option<int> _epochs = new("--epochs") { Description = $"Most passes over the training data; default {Defaults.Training.Epochs} (early stopping usually ends sooner)" };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = $"Examples per update, reshuffled each epoch (0 = full batch); default {Defaults.Training.BatchSize}", HelpName = "N" };
    private readonly Option<string> _optimizer = new("--optimizer") { Description = $"Update rule: {string.Join(", ", Optimizer.Names)}; default {Defaults.Training.Optimizer.Name}" };
    private readonly Option<double?> _beta1 = new("--beta1") { Description = "beta of momentum/nesterov/rmsprop (0.9), beta1 of adam (0.9)" };
    private readonly Option<double?> _beta2 = new("--beta2") { Description = "beta2 of adam (0.999)" };
    private readonly Option<double?> _clipNorm = new("--clip-norm") { Description = "Clip the gradient to this global L2 norm", HelpName = "C" };
    private readonly Option<double> _l2 = new("--l2") { Description = $"L2 penalty lambda: adds lambda/(2m) sum ||W||^2 to the cost; default {Text(Defaults.Training.L2)}", HelpName = "LAMBDA" };
    private readonly Option<string?> _dropout = new("--dropout") { Description = "Drop probability of hidden units while training: one for all hidden layers or one per layer", HelpName = "P[,P...]" };
    private readonly Option<double> _validation = new("--validation") { Description = $"Hold out this fraction of the data (chosen with the seed) to report validation cost and metric; default {Text(Defaults.ValidationFraction)}", HelpName = "FRACTION" };
    private readonly Option<int?> _patience = new("--patience") { Description = $"Stop when the validation cost has not improved for N epochs; keep the best weights; default {Defaults.Training.Patience} (with a validation set)", HelpName = "N" };
    private readonly Option<string?> _classWeight = new("--class-weight") { Description = "balanced: weight each example by m / (k * count of its class)" };
    private readonly Option<string?> _weightColumn = new("--weight-column") { Description = "Column of per-example weights (not used as a feature)", HelpName = "NAME" };
    private readonly Option<uint> _seed = new("--seed") { Description = $"Seed of the NumPy-compatible generator (initial weights, then shuffles, dropout, validation split); default {Defaults.Seed}" };
    private readonly Option<string> _init = new("--init") { Description = "Initial weights: small (x init-scale), lecun, he, glorot; default: he for relu and leaky_relu, glorot otherwise" };
    private readonly Option<double> _initScale = new("--init-scale") { Description = "Scale of the 'small' init; default 0.01" };
    private readonly Option<string?> _initParams = new("--init-params") { Description = "Start from the weights in this model file (its architecture wins)", HelpName = "MODEL.json" };
    private readonly Option<string> _precision = new("--precision") { Description = "Arithmetic: float64 or float32", DefaultValueFactory = _ => "float64" };
    private readonly Option<int> _logEvery = new("--log-every") { Description = $"Record and print the cost every K epochs (and at the last); default {Defaults.Training.LogEvery}", HelpName = "K" };
    private readonly Option<double> _inputScale = new("--input-scale") { Description = "Divide every feature by S (e.g. 255 for pixels); stored in the model; default 1", HelpName = "S" };
    private readonly Option<bool> _standardize = new("--standardize") { Description = "Centre and scale each feature by the training set's mean and std; stored in the model; on by default (--standardize false to turn off)" };
    private readonly Option<string?> _metrics = new("--metrics") { Description = "Write the costs, metrics and timing as JSON", HelpName = "OUT.json" };
    private readonly Option<int> _threads = new("--threads") { Description = "Threads for the matrix products (0 = all cores); results are bit-identical for any count", DefaultValueFactory = _ => 0, HelpName = "N" };
    private readonly Option<string> _kernels = new("--kernels") { Description = "auto: fused fast paths where they apply; reference: the lesson's equations as written (the same bits)", DefaultValueFactory = _ => "auto", HelpName = "auto|reference" };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "Print only the summary" };
    private readonly Option<string?> _plot = new("--plot") { Description = "Write PNG plots here: cost curve, decision boundary (2 inputs), confusion matrix or predicted vs actual", HelpName = "DIR" };
    private readonly Option<string?> _test = new("--test") { Description = "Held-out rows to score once training is done (never trained or validated on): printed, in --metrics, --plot and --report", HelpName = "FILE" };
    private readonly Option<string?> _report = new("--report") { Description = "Write report.html here: settings, metrics and plots in one self-contained page", HelpName = "DIR" };
    private readonly ColumnOptions _columns = new();
    private readonly HashSet<Option> _included;

    /// <summary>The options; <paramref name="writesModel"/> false leaves out --model and what belongs to a model file or a single run's outputs.</summary>
    public TrainOptionSet(bool writesModel)
    {
        _output.AcceptOnlyFromAmong("sigmoid", "softmax", "identity");
        _optimizer.AcceptOnlyFromAmong([.. Optimizer.Names]);
        _classWeight.AcceptOnlyFromAmong("balanced");
        _init.AcceptOnlyFromAmong("small", "lecun", "he", "glorot");
        _precision.AcceptOnlyFromAmong("float64", "float32");
        Option[] modelOnly = [_model, _initParams, _metrics, _checkpointEvery, _checkpoint, _resume, _plot, _report, _test];
        All =
        [
            .. new Option[]
            {
                _data, _model, _label, _preset, _output, _hidden, _activation, _slope, _learningRate, _schedule, _epochs, _batchSize, _optimizer, _beta1, _beta2,
                _clipNorm, _l2, _dropout, _validation, _patience, _classWeight, _weightColumn, _seed, _init, _initScale, _initParams, _precision,
                _logEvery, _inputScale, _standardize, _metrics, _threads, _kernels, _quiet, _checkpointEvery, _checkpoint, _resume, _dropInvalid, _plot, _report, _test,
            }.Where(o => writesModel || !modelOnly.Contains(o)),
            .. _columns.All,
        ];
        _included = [.. All];
    }

    /// <summary>Every option of the set, in the order the help lists them.</summary>
    public IReadOnlyList<Option> All { get; }

    /// <summary>--data.</summary>
    public Option<string> Data => _data;

    /// <summary>--model (only in a set that writes a model).</summary>
    public Option<string> Model => _model;

    /// <summary>--resume (only in a set that writes a model).</summary>
    public Option<string?> Resume => _resume;

    /// <summary>--threads.</summary>
    public Option<int> Threads => _threads;

    /// <summary>--kernels.</summary>
    public Option<string> KernelsOption => _kernels;

    /// <summary>--quiet.</summary>
    public Option<bool> Quiet => _quiet;

    /// <summary>--seed.</summary>
    public Option<uint> Seed => _seed;

    /// <summary>Adds every option of the set to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>--kernels, checked.</summary>
    public KernelChoice Kernels(ParseResult parsed)
    {
        string value = parsed.GetValue(_kernels)!;
        OptionParsing.Require(value is "auto" or "reference", "--kernels", $"'{value}' is neither auto nor reference");
        return value == "reference" ? KernelChoice.Reference : KernelChoice.Auto;
    }

    /// <summary>
    /// The checked settings of the options in <paramref name="parsed"/>: the preset's values where an option was not
    /// given; <paramref name="arguments"/> are what the model file records.
    /// </summary>
    /// <exception cref="UsageException">A value is out of range or options conflict; the message names the option.</exception>
    public TrainSettings Settings(ParseResult parsed, string[] arguments)
    {
        var p = PresetOf(parsed.GetValue(_preset));
        T Given<T>(Option<T> option, T presetValue) => OptionParsing.IsExplicit(parsed, option) ? parsed.GetValue(option)! : presetValue;
        double validationFraction = Given(_validation, p.ValidationFraction);
        var s = new TrainSettings
        {
            Arguments = arguments,
            DropInvalidRows = parsed.GetValue(_dropInvalid),
            Columns = _columns.Roles(parsed),
            MissingTokens = _columns.MissingTokens(parsed),
            CheckpointEvery = Value(parsed, _checkpointEvery),
            CheckpointPath = Value(parsed, _checkpoint) ?? Value(parsed, _model)! + ".checkpoint.json",
            DataPath = parsed.GetValue(_data)!,
            ModelPath = Value(parsed, _model) ?? string.Empty,
            Labels = parsed.GetValue(_label) is { } l ? l.Split(',', StringSplitOptions.TrimEntries) : null,
            Output = parsed.GetValue(_output) switch { "sigmoid" => OutputKind.Binary, "softmax" => OutputKind.Multiclass, "identity" => OutputKind.Regression, _ => null },
            LearningRate = Given(_learningRate, p.Training.LearningRate),
            Epochs = Given(_epochs, p.Training.Epochs),
            BatchSize = Given(_batchSize, p.Training.BatchSize),
            L2 = Given(_l2, p.Training.L2),
            ClipNorm = parsed.GetValue(_clipNorm),
            Validation = validationFraction,
            Patience = OptionParsing.IsExplicit(parsed, _patience) ? parsed.GetValue(_patience) : validationFraction > 0 ? p.Training.Patience : null,
            BalancedClasses = parsed.GetValue(_classWeight) == "balanced",
            WeightColumn = parsed.GetValue(_weightColumn),
            Seed = Given(_seed, p.Seed),
            InitScale = Given(_initScale, p.InitScale),
            InitParams = Value(parsed, _initParams),
            LogEvery = Given(_logEvery, p.Training.LogEvery),
            InputScale = Given(_inputScale, 1.0),
            Standardize = Given(_standardize, p.Standardize),
            MetricsPath = Value(parsed, _metrics),
            Quiet = parsed.GetValue(_quiet),
            PlotDir = Value(parsed, _plot),
            ReportDir = Value(parsed, _report),
            TestPath = Value(parsed, _test),
            Threads = parsed.GetValue(_threads) is > 0 and var t ? t : Environment.ProcessorCount,
            Float32 = parsed.GetValue(_precision) == "float32",
            Kernels = Kernels(parsed),
        };

        OptionParsing.Require(parsed.GetValue(_threads) >= 0, "--threads", "must be 0 (all cores) or more");
        OptionParsing.Require(s.CheckpointEvery >= 0, "--checkpoint-every", "must be 0 (only on Ctrl+C) or more");
        OptionParsing.Require(s.LearningRate > 0 && double.IsFinite(s.LearningRate), "--learning-rate", "must be a positive number");
        OptionParsing.Require(s.Epochs >= 0, "--epochs", "must be 0 or more");
        OptionParsing.Require(s.BatchSize >= 0, "--batch-size", "must be 0 (full batch) or more");
        OptionParsing.Require(s.LogEvery >= 1, "--log-every", "must be 1 or more");
        OptionParsing.Require(s.InitScale > 0 && double.IsFinite(s.InitScale), "--init-scale", "must be a positive number");
        // A scale whose inverse is infinite (1e-320) would be written into a model that no reader accepts.
        OptionParsing.Require(s.InputScale > 0 && double.IsFinite(s.InputScale) && double.IsFinite(1 / s.InputScale), "--input-scale", "must be a positive number, with a finite inverse (the features are divided by it)");
        OptionParsing.Require(s.L2 >= 0 && double.IsFinite(s.L2), "--l2", "must be 0 or more");
        OptionParsing.Require(s.ClipNorm is null or > 0, "--clip-norm", "must be a positive number");
        OptionParsing.Require(s.Validation is >= 0 and < 1, "--validation", "must be a fraction in [0, 1)");
        OptionParsing.Require(s.Patience is null or >= 1, "--patience", "must be 1 or more");
        OptionParsing.Require(s.Patience is null || s.Validation > 0, "--patience", "needs a validation set: add --validation 0.1");
        OptionParsing.Require(!(parsed.GetValue(_slope) is { } sl && !double.IsFinite(sl)), "--slope", "must be a finite number");
        OptionParsing.Require(parsed.GetValue(_beta1) is null or (>= 0 and < 1), "--beta1", "must be in [0, 1)");
        OptionParsing.Require(parsed.GetValue(_beta2) is null or (>= 0 and < 1), "--beta2", "must be in [0, 1)");
        OptionParsing.Require(s.Labels is null || s.Labels.All(n => n.Length > 0), "--label", "empty column name");
        if (s.Labels is { Length: > 1 })
        {
            OptionParsing.Require(s.Output is null or OutputKind.Regression, "--label", "several label columns are regression targets; they need --output identity");
            s = s with { Output = OutputKind.Regression };
        }

        OptionParsing.Require(s.Labels is null || s.Labels.Distinct(StringComparer.Ordinal).Count() == s.Labels.Length, "--label", $"'{parsed.GetValue(_label)}' names a column twice");
        OptionParsing.Require(s.WeightColumn is null || s.Labels is null || !s.Labels.Contains(s.WeightColumn), "--weight-column", $"'{s.WeightColumn}' is the label; the weights must be a column of their own");
        var hiddenSizes = OptionParsing.IsExplicit(parsed, _hidden) ? OptionParsing.HiddenSizes(parsed.GetValue(_hidden)!) : [.. p.Hidden];
        var hiddenActivations = OptionParsing.HiddenActivations(Given(_activation, p.Activation.Name), hiddenSizes.Length, parsed.GetValue(_slope));
        if (hiddenSizes.Length == 0)
        {
            foreach (var (option, name) in new (Option, string)[] { (_activation, "--activation"), (_slope, "--slope"), (_dropout, "--dropout") })
            {
                OptionParsing.Require(!OptionParsing.IsExplicit(parsed, option), name, "--hidden 0 has no hidden layer for it to apply to");
            }
        }

        OptionParsing.Require(parsed.GetValue(_slope) is null || s.InitParams is not null || hiddenActivations.Any(a => a.Name == "leaky_relu"), "--slope", "applies to leaky_relu only; add --activation leaky_relu");
        if (s.InitParams is not null)
        {
            foreach (var (option, name) in new (Option, string)[] { (_hidden, "--hidden"), (_activation, "--activation"), (_init, "--init"), (_initScale, "--init-scale"), (_output, "--output") })
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
            Init = OptionParsing.IsExplicit(parsed, _init) ? Enum.Parse<InitScheme>(parsed.GetValue(_init)!, ignoreCase: true) : p.InitSchemeFor(hiddenActivations),
            Optimizer = MakeOptimizer(Given(_optimizer, p.Training.Optimizer.Name)!, parsed.GetValue(_beta1), parsed.GetValue(_beta2)),
            Schedule = ParseSchedule(parsed.GetValue(_schedule)!),
            DropoutKeep = ParseDropout(parsed.GetValue(_dropout), hiddenSizes.Length),
        };

        // The other schemes take their scale from the layer sizes: a scale given with them would be silently ignored.
        string init = s.Init.ToString().ToLowerInvariant();
        OptionParsing.Require(!OptionParsing.IsExplicit(parsed, _initScale) || s.Init == InitScheme.Small, "--init-scale",
            $"scales the small init only, not {init}{(OptionParsing.IsExplicit(parsed, _init) ? string.Empty : " (add --init small)")}");
        return s;
    }

    // An option this set leaves out reads as its type's default.
    private T? Value<T>(ParseResult parsed, Option<T> option) => _included.Contains(option) ? parsed.GetValue(option) : default;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

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
