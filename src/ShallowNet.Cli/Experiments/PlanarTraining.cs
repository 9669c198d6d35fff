using ShallowNet.Activations;
using ShallowNet.Cli.Plotting;
using ShallowNet.Cli.Progress;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Cli.Experiments;

/// <summary>
/// What the lesson's experiments share: a 2-D data set with its labels encoded, training one network on it with the
/// lesson's full-batch gradient descent (float64), and the decision-boundary panel of a trained network.
/// </summary>
internal sealed class PlanarTraining
{
    /// <summary>Encodes <paramref name="data"/>'s labels (two classes: the second is y = 1).</summary>
    public PlanarTraining(Dataset data, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Output = output;
        Classes = ClassLabels.FromLabels(data.RequireLabels());
        Y = Classes.EncodeBinary<double>(data.RequireLabels(), data.Source);
        Labels = Classes.Encode(data.RequireLabels(), data.Source);
    }

    /// <summary>The data: X (2, m).</summary>
    public Dataset Data { get; }

    /// <summary>Where progress bars go (only at a terminal).</summary>
    public TextWriter Output { get; }

    /// <summary>The two classes.</summary>
    public ClassLabels Classes { get; }

    /// <summary>Y (1, m): 1 for the second class.</summary>
    public Matrix<double> Y { get; }

    /// <summary>Class index of each example.</summary>
    public int[] Labels { get; }

    /// <summary>A trained network and what it reached.</summary>
    /// <param name="Name">What the run is called in tables and titles.</param>
    /// <param name="Network">The trained network.</param>
    /// <param name="History">Its logged costs.</param>
    /// <param name="Accuracy">Training accuracy in [0, 1].</param>
    public sealed record Run(string Name, Network<double> Network, TrainingHistory History, double Accuracy);

    /// <summary>The lesson's network 2-n_h-1 with the given hidden activation, W ~ randn·0.01 from <paramref name="seed"/>.</summary>
    public static Network<double> Shallow(int hidden, Activation activation, uint seed)
        => Initializer.Create<double>([2, hidden, 1], [activation, Sigmoid.Instance], new NumpyRandom(seed), InitScheme.Small);

    /// <summary>Logistic regression as a network with no hidden layer: a = σ(w·x + b), w = 0, b = 0.</summary>
    public static Network<double> Logistic() => new([new DenseLayer<double>(new Matrix<double>(1, 2), new Matrix<double>(1, 1), Sigmoid.Instance)]);

    /// <summary>Trains <paramref name="network"/> in place (full batch, gradient descent) and measures its accuracy.</summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public Run Train(string name, Network<double> network, double learningRate, int epochs, int logEvery = 1000, Action<TrainingProgress>? onLogged = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var options = new TrainingOptions { Epochs = epochs, LearningRate = learningRate, LogEvery = logEvery };
        var history = TrainingProgressView.Run(Output, TrainingProgressView.Mode.BarOnly, name, "accuracy", epochs, progress =>
            Trainer.Train(network, Data.X, Y, options, p =>
            {
                onLogged?.Invoke(p);
                progress?.Invoke(p);
            }));
        return new Run(name, network, history, Metrics.Accuracy(network.Predict(Data.X), Labels));
    }

    /// <summary>The decision boundary of <paramref name="network"/> over the data, titled <paramref name="title"/>.</summary>
    public BoundaryPanel Panel(string title, Network<double> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var grid = DecisionGrid.Compute(Data.X, x => network.Forward(x).Output, resolution: 150);
        return new BoundaryPanel(title, grid, Data.X.Row(0).ToArray(), Data.X.Row(1).ToArray(), Labels);
    }
}
