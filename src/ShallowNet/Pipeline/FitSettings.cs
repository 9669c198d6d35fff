using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.Pipeline;

/// <summary>
/// Everything a fit needs besides the data: the output (or null to infer it from the labels), the hidden layers, the
/// initialisation, the validation split, the preprocessing, the class weights and the trainer's own options.
/// The defaults are <see cref="Preset.Lesson"/>'s network: one hidden layer of 4 tanh units, W = randn·0.01 from seed 2,
/// no split, raw inputs. Callers fill every field from a <see cref="Preset"/> and the user's choices.
/// </summary>
internal sealed record FitSettings
{
    /// <summary>The output layer's kind, or null to choose it from the labels (<see cref="Targets.Infer"/>).</summary>
    public OutputKind? Output { get; init; }

    /// <summary>n[1..L-1], the hidden layer sizes (empty: logistic, softmax or linear regression).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = Preset.Lesson.Hidden;

    /// <summary>g[1..L-1], one activation per hidden layer.</summary>
    public IReadOnlyList<Activation> HiddenActivations { get; init; } = [Preset.Lesson.Activation];

    /// <summary>How the initial W[l] = randn(n[l], n[l-1]) are scaled.</summary>
    public InitScheme Init { get; init; } = Preset.Lesson.InitSchemeFor([Preset.Lesson.Activation]);

    /// <summary>The scale of <see cref="InitScheme.Small"/> (the lesson's 0.01).</summary>
    public double InitScale { get; init; } = Initializer.DefaultSmallScale;

    /// <summary>The seed of the one NumPy-compatible generator: initial weights, then the split, then shuffles and dropout.</summary>
    public uint Seed { get; init; } = Preset.Lesson.Seed;

    /// <summary>Fraction of the examples held out for validation, in [0, 1).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Every feature is divided by it (255 for pixels).</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>Centre and scale each feature by the training columns' mean and standard deviation.</summary>
    public bool Standardize { get; init; }

    /// <summary>Weight each example by m / (k · count of its class), times any weight the data carries.</summary>
    public bool BalancedClasses { get; init; }

    /// <summary>Epochs, learning rate, optimizer, batches, L2, dropout, patience, threads: passed to the trainer as they are.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>How the caller spells these settings in error messages.</summary>
    public SettingNames Names { get; init; } = SettingNames.CSharp;

    /// <summary>Checks the settings that do not depend on the data.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The hidden sizes and activations differ in number.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(HiddenSizes);
        ArgumentNullException.ThrowIfNull(HiddenActivations);
        ArgumentNullException.ThrowIfNull(Training);
        Check(ValidationFraction is >= 0 and < 1, Names.Validation, ValidationFraction, "must be a fraction in [0, 1)");
        Check(double.IsFinite(InitScale) && InitScale > 0, nameof(InitScale), InitScale, "must be a positive number");
        Check(double.IsFinite(InputScale) && InputScale > 0, nameof(InputScale), InputScale, "must be a positive number");
        Check(HiddenSizes.All(n => n >= 1), nameof(HiddenSizes), string.Join(", ", HiddenSizes), "every hidden layer needs at least 1 unit");
        if (HiddenActivations.Count != HiddenSizes.Count)
        {
            throw new ArgumentException($"{HiddenSizes.Count} hidden layers need {HiddenSizes.Count} activations, got {HiddenActivations.Count}", nameof(HiddenActivations));
        }

        Training.Validate();
    }

    private static void Check(bool ok, string name, object value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {value}: {message}");
        }
    }
}
