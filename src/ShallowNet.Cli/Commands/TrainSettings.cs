using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Cli.Commands;

/// <summary>The checked settings of one <c>train</c> run.</summary>
internal sealed record TrainSettings
{
    public required string DataPath { get; init; }

    public required string ModelPath { get; init; }

    public string[]? Labels { get; init; }

    public OutputKind? Output { get; init; }

    public int[] HiddenSizes { get; init; } = [4];

    public Activation[] HiddenActivations { get; init; } = [Tanh.Instance];

    public double LearningRate { get; init; }

    public LearningRateSchedule Schedule { get; init; } = new ConstantRate();

    public Optimizer Optimizer { get; init; } = new GradientDescent();

    public int Epochs { get; init; }

    public int BatchSize { get; init; }

    public double L2 { get; init; }

    public double[]? DropoutKeep { get; init; }

    public double? ClipNorm { get; init; }

    public double Validation { get; init; }

    public int? Patience { get; init; }

    public bool BalancedClasses { get; init; }

    public string? WeightColumn { get; init; }

    public uint Seed { get; init; }

    public InitScheme Init { get; init; }

    public double InitScale { get; init; }

    public string? InitParams { get; init; }

    public int LogEvery { get; init; }

    public double InputScale { get; init; }

    public bool Standardize { get; init; }

    public string? MetricsPath { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Folder for the PNG plots (--plot), or null.</summary>
    public string? PlotDir { get; init; }

    /// <summary>Folder for report.html (--report), or null.</summary>
    public string? ReportDir { get; init; }

    public int Threads { get; init; } = 1;

    public bool Float32 { get; init; }

    /// <summary>--kernels: the fused fast paths (auto) or the lesson's equations as written (reference).</summary>
    public KernelChoice Kernels { get; init; }

    /// <summary>The train command's arguments as given (recorded in the model and checkpoints).</summary>
    public string[] Arguments { get; init; } = [];

    public int CheckpointEvery { get; init; }

    public bool DropInvalidRows { get; init; }

    /// <summary>--test: held-out rows scored after training, or null.</summary>
    public string? TestPath { get; init; }

    /// <summary>--features, --ignore, --id, --categorical, --missing-indicators.</summary>
    public Pipeline.ColumnRoles Columns { get; init; } = new();

    /// <summary>--na: the cells read as missing.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = TableReadOptions.DefaultMissingTokens;

    public string CheckpointPath { get; init; } = string.Empty;

    public Serialization.SavedCheckpoint? Resume { get; init; }

    public string? ResumePath { get; init; }
}
