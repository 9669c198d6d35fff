using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// Settings of <see cref="ShallowNetTrainer"/>, <see cref="ShallowNetMulticlassTrainer"/> and <see cref="ShallowNetRegressionTrainer"/>: the columns, the network (hidden layer sizes and activation, the
/// initialisation) and the training (<see cref="TrainingOptions"/>: epochs, learning rate, ...). The defaults are
/// <see cref="Preset.Default"/>'s, as for the tool and the C# estimators: standardised inputs, 100 ReLU units with He
/// weights, Adam on mini-batches, early stopping on a 10% validation split (the output layer is set by the trainer:
/// sigmoid, softmax or identity). <see cref="Lesson"/> gives the lesson's 2-4-1 tanh network, α = 1.2 for 10000 epochs.
/// </summary>
public sealed record ShallowNetTrainerOptions
{
    /// <summary>The feature column: a known-size vector of <see cref="float"/> (what Concatenate makes). Default "Features".</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>
    /// The label column. Default "Label". Binary: <see cref="bool"/> (true = positive class), or <see cref="float"/>/<see cref="double"/>
    /// 0 or 1; multi-class: a key (MapValueToKey), whose key values name the classes; regression: <see cref="float"/> or <see cref="double"/>.
    /// </summary>
    public string LabelColumnName { get; init; } = "Label";

    /// <summary>
    /// The example weight column (a Single or Double, each ≥ 0), or null for every example weighted 1. Default null. The
    /// weights scale each example's term of the cost, as <c>shallownet train --weight-column</c> and the C# API's
    /// sample weights do: the same rows and weights give the same model.
    /// </summary>
    public string? ExampleWeightColumnName { get; init; }

    /// <summary>The hidden layer sizes n[1..L-1]; empty for logistic regression. Default [100].</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = Preset.Default.Hidden;

    /// <summary>The hidden layers' activation: sigmoid, tanh, relu, leaky_relu or identity. Default "relu".</summary>
    public string Activation { get; init; } = Preset.Default.Activation.Name;

    /// <summary>The leaky ReLU slope when <see cref="Activation"/> is leaky_relu (default 0.01).</summary>
    public double? Slope { get; init; }

    /// <summary>
    /// The seed of the NumPy-compatible generator that draws the initial weights and then the mini-batch shuffles and
    /// dropout masks, as <c>shallownet train --seed</c> does (<see cref="TrainingOptions.Seed"/> is not used). Default 2 (the lesson's).
    /// </summary>
    public uint Seed { get; init; } = Preset.Default.Seed;

    /// <summary>How the initial weights are scaled, or null (the default) for the scheme that suits <see cref="Activation"/>: He for ReLU, Glorot otherwise.</summary>
    public InitScheme? Init { get; init; } = Preset.Default.Init;

    /// <summary>The scale for <see cref="InitScheme.Small"/>. Default 0.01.</summary>
    public double InitScale { get; init; } = Preset.Default.InitScale;

    /// <summary>Fraction of the rows held out for validation and early stopping, in [0, 1). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = Preset.Default.ValidationFraction;

    /// <summary>Every feature is divided by it before the network (255 for pixels). Default 1.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>
    /// Standardise each feature with the training set's mean and standard deviation (stored with the model and applied
    /// at prediction). Default true: raw tabular features rarely suit the lesson's small initial weights.
    /// </summary>
    public bool Standardize { get; init; } = Preset.Default.Standardize;

    /// <summary>Epochs, learning rate, optimizer, batches, patience, logging and threads, as for <see cref="Trainer"/>.</summary>
    public TrainingOptions Training { get; init; } = Preset.Default.Training;

    /// <summary>The lesson's settings (<see cref="Preset.Lesson"/>); change any with <c>with</c>.</summary>
    public static ShallowNetTrainerOptions Lesson { get; } = FromPreset(Preset.Lesson);

    /// <summary>The settings of <paramref name="preset"/>, with the default column names.</summary>
    public static ShallowNetTrainerOptions FromPreset(Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new()
        {
            HiddenLayers = preset.Hidden,
            Activation = preset.Activation.Name,
            Seed = preset.Seed,
            Init = preset.Init,
            InitScale = preset.InitScale,
            ValidationFraction = preset.ValidationFraction,
            Standardize = preset.Standardize,
            Training = preset.Training,
        };
    }
}
