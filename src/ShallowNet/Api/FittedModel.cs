using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;
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
        return Model.Predict(x);
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

    /// <summary>Trains through the one fit pipeline (<see cref="FitPipeline"/>), in double, as the tool and ML.NET do.</summary>
    internal static FittedModel Fit(EstimatorOptions options, FitData data, OutputKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = FitPipeline.Fit<double>(new FitRequest(data, options.ToFitSettings(kind)));
        return new FittedModel(result.Model, result.History);
    }
}
