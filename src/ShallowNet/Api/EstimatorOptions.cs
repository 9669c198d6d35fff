using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Training;

namespace ShallowNet.Api;

/// <summary>
/// Settings of <see cref="ShallowNetClassifier"/> and <see cref="ShallowNetRegressor"/>, named after scikit-learn's
/// MLP where they mean the same thing. The defaults are the lesson's: one hidden layer of 4 tanh units, W·0.01 from
/// seed 2, full-batch gradient descent.
/// </summary>
public sealed record EstimatorOptions
{
    /// <summary>Hidden layer sizes (hidden_layer_sizes). Default [4].</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [4];

    /// <summary>Hidden activation, one for all hidden layers. Default tanh.</summary>
    public Activation Activation { get; init; } = Tanh.Instance;

    /// <summary>Epochs, learning rate, batch size, optimizer, L2, dropout, patience, threads.</summary>
    public TrainingOptions Training { get; init; } = new() { Epochs = 10000, LearningRate = 1.2 };

    /// <summary>Initial weight scheme. Default small (W·0.01).</summary>
    public InitScheme Init { get; init; } = InitScheme.Small;

    /// <summary>The scale of <see cref="InitScheme.Small"/> (W = randn·scale). Default 0.01, the lesson's.</summary>
    public double InitScale { get; init; } = Initializer.DefaultSmallScale;

    /// <summary>Seed of the NumPy-compatible generator: the initial weights, then the validation split, then shuffles and dropout (as the tool's --seed).</summary>
    public uint Seed { get; init; } = 2;

    /// <summary>Fraction of the examples held out for validation (needed for early stopping), in [0, 1). Default 0.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Divide every feature by this (e.g. 255 for pixels). Default 1.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>Centre and scale each feature by the training mean and standard deviation. Default false.</summary>
    public bool Standardize { get; init; }

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
        Init = Init,
        InitScale = InitScale,
        Seed = Seed,
        ValidationFraction = ValidationFraction,
        InputScale = InputScale,
        Standardize = Standardize,
        BalancedClasses = BalancedClassWeights,
        Training = Training,
    };
}
