using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Pipeline;

/// <summary>
/// A named set of defaults for a whole fit: the network, its initialisation, the preprocessing, the validation split
/// and the training. The tool (<c>shallownet train</c> and <c>--preset</c>), the C# estimators and the ML.NET trainers
/// all start from these two, so they cannot drift apart. <see cref="Default"/> is what works on a user's own table;
/// <see cref="Lesson"/> is the lesson's shallow network, number for number.
/// </summary>
public sealed record Preset
{
    /// <summary>The preset's name as <c>--preset</c> takes it.</summary>
    public required string Name { get; init; }

    /// <summary>Hidden layer sizes n[1..L-1].</summary>
    public required IReadOnlyList<int> Hidden { get; init; }

    /// <summary>The activation of every hidden layer.</summary>
    public required Activation Activation { get; init; }

    /// <summary>The initial weight scheme, or null to take the one that suits the hidden activation (<see cref="InitFor"/>).</summary>
    public InitScheme? Init { get; init; }

    /// <summary>The scale of <see cref="InitScheme.Small"/>.</summary>
    public double InitScale { get; init; } = Initializer.DefaultSmallScale;

    /// <summary>Seed of the NumPy-compatible generator.</summary>
    public uint Seed { get; init; } = 2;

    /// <summary>Centre and scale each feature by the training columns' mean and standard deviation.</summary>
    public bool Standardize { get; init; }

    /// <summary>Fraction of the examples held out for validation (and early stopping).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Epochs, learning rate, optimizer, batch size, L2, patience and logging.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>
    /// Defaults that work on a user's own table, close to scikit-learn's MLP behind a StandardScaler: standardised
    /// inputs, 100 ReLU units with He initial weights, Adam (α = 0.001) on mini-batches of 32, λ = 1e-4, and 10% of
    /// the examples held out to stop after 20 epochs without a better validation cost, keeping the best weights
    /// (at most 1000 epochs). The README measures them against scikit-learn.
    /// </summary>
    public static Preset Default { get; } = new()
    {
        Name = "default",
        Hidden = [100],
        Activation = Relu.Instance,
        Standardize = true,
        ValidationFraction = 0.1,
        Training = new TrainingOptions
        {
            Epochs = 1000,
            LearningRate = 0.001,
            Optimizer = new Adam(),
            BatchSize = 32,
            L2 = 1e-4,
            Patience = 20,
            LogEvery = 50,
        },
    };

    /// <summary>
    /// The lesson's planar run: one hidden layer of 4 tanh units, W = randn·0.01 from seed 2 and b = 0, full-batch
    /// gradient descent with α = 1.2 for 10000 epochs, raw inputs, no validation split, the cost logged every 1000 epochs.
    /// </summary>
    public static Preset Lesson { get; } = new()
    {
        Name = "lesson",
        Hidden = [4],
        Activation = Tanh.Instance,
        Init = InitScheme.Small,
        Training = new TrainingOptions { Epochs = 10000, LearningRate = 1.2, LogEvery = 1000 },
    };

    /// <summary>The names <see cref="FromName"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [Default.Name, Lesson.Name];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static Preset FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "default" => Default,
            "lesson" => Lesson,
            _ => throw new ArgumentException($"unknown preset '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>
    /// The initial weights that keep the signal's variance through the first hidden layer: He's for ReLU and leaky
    /// ReLU (half the units are off), Glorot's for tanh, sigmoid and identity, and for no hidden layer at all.
    /// </summary>
    public static InitScheme InitFor(IReadOnlyList<Activation> hiddenActivations)
    {
        ArgumentNullException.ThrowIfNull(hiddenActivations);
        return hiddenActivations.Count > 0 && hiddenActivations[0] is Relu or LeakyRelu ? InitScheme.He : InitScheme.Glorot;
    }

    /// <summary>The scheme of this preset for these hidden activations: its own, or the one that suits them (<see cref="InitFor"/>).</summary>
    public InitScheme InitSchemeFor(IReadOnlyList<Activation> hiddenActivations) => Init ?? InitFor(hiddenActivations);
}
