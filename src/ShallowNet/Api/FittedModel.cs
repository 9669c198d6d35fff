using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Api;

/// <summary>
/// What <see cref="ShallowNetClassifier"/> and <see cref="ShallowNetRegressor"/> return from Fit: the trained model
/// with the preprocessing and classes it needs, and the training history. X is (n_x, m), one example per column.
/// </summary>
public sealed class FittedModel
{
    internal FittedModel(TrainedModel model, TrainingHistory? history)
    {
        Model = model;
        History = history;
    }

    /// <summary>The network with its metadata (what the model file holds).</summary>
    public TrainedModel Model { get; }

    /// <summary>The costs and metrics logged while fitting (null for a loaded model).</summary>
    public TrainingHistory? History { get; }

    /// <summary>A[L] for raw X (n_x, m): class probabilities (k, m) — for one sigmoid unit P(second class) — or the predicted values.</summary>
    public Matrix<double> PredictProba(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Model.Network.PredictProbabilities(Model.Prepare(x));
    }

    /// <summary>The predicted class of each column of raw X (n_x, m), as written in the training labels.</summary>
    /// <exception cref="InvalidOperationException">The model is a regression model (use <see cref="PredictValues"/>).</exception>
    public string[] Predict(Matrix<double> x)
    {
        int[] classes = Model.Network.Classes(PredictProba(x));
        return [.. classes.Select(Model.ClassName)];
    }

    /// <summary>The predicted values (targets, m) of a regression model for raw X (n_x, m).</summary>
    public Matrix<double> PredictValues(Matrix<double> x) => PredictProba(x);

    /// <summary>Writes the model file (atomically).</summary>
    public void Save(string path) => ModelFile.Save(Model, path);

    /// <summary>Reads a model file written by <see cref="Save"/> or the tool.</summary>
    public static FittedModel Load(string path) => new(ModelFile.Load(path), null);

    internal static FittedModel Fit(EstimatorOptions options, Matrix<double> x, Matrix<double> y, OutputKind kind, ClassLabels? classes, IReadOnlyList<string>? features)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (y.Cols != x.Cols)
        {
            throw new ArgumentException($"X has {x.Cols} examples (columns) but the labels have {y.Cols}; X must be n_x × m");
        }

        var random = new NumpyRandom(options.Seed);
        var output = kind switch
        {
            OutputKind.Binary => (Activations.Activation)Activations.Sigmoid.Instance,
            OutputKind.Multiclass => Activations.Softmax.Instance,
            _ => Activations.Identity.Instance,
        };
        int[] sizes = [x.Rows, .. options.Hidden, y.Rows];
        var activations = Enumerable.Repeat(options.Activation, options.Hidden.Count).Append(output).ToArray();
        var network = Initializer.Create<double>(sizes, activations, random, options.Init);

        int m = x.Cols;
        int held = options.ValidationFraction > 0 ? Math.Max(1, (int)Math.Round(options.ValidationFraction * m)) : 0;
        int[] order = held > 0 ? random.Permutation(m) : [.. Enumerable.Range(0, m)];
        int[] trainColumns = [.. order[..(m - held)].Order()];
        int[] validationColumns = [.. order[(m - held)..].Order()];
        var rawTrain = x.SelectColumns(trainColumns);
        var preprocessing = Preprocessing.Fit(rawTrain, options.InputScale, options.Standardize);
        var train = new TrainingSet<double>(preprocessing.Apply(rawTrain), y.SelectColumns(trainColumns));
        var validation = held > 0 ? new TrainingSet<double>(preprocessing.Apply(x.SelectColumns(validationColumns)), y.SelectColumns(validationColumns)) : null;

        var history = Trainer.Train(network, train, options.Training, validation, random);
        var names = features ?? [.. Enumerable.Range(0, x.Rows).Select(i => $"x{i}")];
        return new FittedModel(new TrainedModel(network, names, "y", classes, preprocessing), history);
    }
}
