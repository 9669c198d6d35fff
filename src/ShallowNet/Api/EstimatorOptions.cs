using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Training;

namespace ShallowNet.Api;

/// <summary>
/// Settings of <see cref="ShallowNetClassifier"/> and <see cref="ShallowNetRegressor"/>, named after scikit-learn's
/// MLP where they mean the same thing. The defaults are <see cref="Preset.Default"/>'s, the ones that work on a user's
/// own table (standardised inputs, 100 ReLU units, Adam on mini-batches, early stopping on a 10% validation split);
/// <see cref="Lesson"/> gives the lesson's 2-4-1 tanh network with W·0.01 from seed 2 and full-batch gradient descent.
/// </summary>
public sealed record EstimatorOptions
{
    /// <summary>Hidden layer sizes (hidden_layer_sizes). Default [100].</summary>
    public IReadOnlyList<int> Hidden { get; init; } = Preset.Default.Hidden;

    /// <summary>Hidden activation, one for all hidden layers. Default ReLU.</summary>
    public Activation Activation { get; init; } = Preset.Default.Activation;

    /// <summary>Epochs, learning rate, batch size, optimizer, L2, dropout, patience, threads. Default Adam, α = 0.001, batches of 32, λ = 1e-4, patience 20, at most 1000 epochs.</summary>
    public TrainingOptions Training { get; init; } = Preset.Default.Training;

    /// <summary>Initial weight scheme, or null (the default) for the one that suits <see cref="Activation"/>: He for ReLU, Glorot otherwise.</summary>
    public InitScheme? Init { get; init; } = Preset.Default.Init;

    /// <summary>The scale of <see cref="InitScheme.Small"/> (W = randn·scale). Default 0.01, the lesson's.</summary>
    public double InitScale { get; init; } = Preset.Default.InitScale;

    /// <summary>Seed of the NumPy-compatible generator: the initial weights, then the validation split, then shuffles and dropout (as the tool's --seed). Default 2.</summary>
    public uint Seed { get; init; } = Preset.Default.Seed;

    /// <summary>Fraction of the examples held out for validation (needed for early stopping), in [0, 1). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = Preset.Default.ValidationFraction;

    /// <summary>Divide every feature by this (e.g. 255 for pixels). Default 1.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>Centre and scale each feature by the training mean and standard deviation. Default true.</summary>
    public bool Standardize { get; init; } = Preset.Default.Standardize;

    /// <summary>The lesson's settings (<see cref="Preset.Lesson"/>); change any with <c>with</c>.</summary>
    public static EstimatorOptions Lesson { get; } = FromPreset(Preset.Lesson);

    /// <summary>The settings of <paramref name="preset"/>.</summary>
    public static EstimatorOptions FromPreset(Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new()
        {
            Hidden = preset.Hidden,
            Activation = preset.Activation,
            Training = preset.Training,
            Init = preset.Init,
            InitScale = preset.InitScale,
            Seed = preset.Seed,
            ValidationFraction = preset.ValidationFraction,
            Standardize = preset.Standardize,
        };
    }

    /// <summary>
    /// Classifiers: weight each example by m / (k · count of its class) in the cost (scikit-learn's
    /// <c>class_weight="balanced"</c>), times any sample weight given to Fit. Default false.
    /// </summary>
    public bool BalancedClassWeights { get; init; }

    /// <summary>The pipeline's settings for a fit with the output <paramref name="kind"/>.</summary>
    internal FitSettings ToFitSettings(OutputKind kind) => new()
    {
        Output = kind,
        HiddenSizes = Hidden,
        HiddenActivations = [.. Hidden.Select(_ => Activation)],
        Init = Init ?? Preset.InitFor([.. Hidden.Select(_ => Activation)]),
        InitScale = InitScale,
        Seed = Seed,
        ValidationFraction = ValidationFraction,
        InputScale = InputScale,
        Standardize = Standardize,
        BalancedClasses = BalancedClassWeights,
        Training = Training,
    };
}
