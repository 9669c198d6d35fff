using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// Settings of <see cref="ShallowNetTrainer"/>, <see cref="ShallowNetMulticlassTrainer"/> and <see cref="ShallowNetRegressionTrainer"/>: the columns, the network (hidden layer sizes and activation, the
/// initialisation) and the training (<see cref="TrainingOptions"/>: epochs, learning rate, ...). The defaults are the
/// lesson's shallow network: one hidden layer of 4 tanh units (the output layer is set by the trainer: sigmoid, softmax or identity), α = 1.2 for 10000 epochs, seed 2.
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

    /// <summary>The hidden layer sizes n[1..L-1]; empty for logistic regression. Default [4].</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [4];

    /// <summary>The hidden layers' activation: sigmoid, tanh, relu, leaky_relu or identity. Default "tanh".</summary>
    public string Activation { get; init; } = "tanh";

    /// <summary>The leaky ReLU slope when <see cref="Activation"/> is leaky_relu (default 0.01).</summary>
    public double? Slope { get; init; }

    /// <summary>
    /// The seed of the NumPy-compatible generator that draws the initial weights and then the mini-batch shuffles and
    /// dropout masks, as <c>shallownet train --seed</c> does (<see cref="TrainingOptions.Seed"/> is not used). Default 2 (the lesson's).
    /// </summary>
    public uint Seed { get; init; } = 2;

    /// <summary>How the initial weights are scaled. Default <see cref="InitScheme.Small"/> (× 0.01, the lesson's).</summary>
    public InitScheme Init { get; init; } = InitScheme.Small;

    /// <summary>The scale for <see cref="InitScheme.Small"/>. Default 0.01.</summary>
    public double InitScale { get; init; } = Initializer.DefaultSmallScale;

    /// <summary>Every feature is divided by it before the network (255 for pixels). Default 1.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>
    /// Standardise each feature with the training set's mean and standard deviation (stored with the model and applied
    /// at prediction). Default true: raw tabular features rarely suit the lesson's small initial weights.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Epochs, learning rate, logging and threads, as for <see cref="Trainer"/>.</summary>
    public TrainingOptions Training { get; init; } = new();
}
