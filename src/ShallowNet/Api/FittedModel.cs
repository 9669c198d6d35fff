using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Api;

/// <summary>
/// What <see cref="ShallowNetClassifier"/> and <see cref="ShallowNetRegressor"/> return from Fit: the trained model
/// with the preprocessing and classes it needs, and the training history. X is (n_x, m), one example per column, or
/// rows × features (<c>double[][]</c>, <c>float[,]</c>), one example per row, whose results are one row per example.
/// Score and Evaluate are in <c>FittedModelScoring.cs</c>.
/// </summary>
public sealed partial class FittedModel
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
        if (x.Rows != Model.Network.Inputs)
        {
            // was "Index was out of range" from deep inside the product
            throw new ArgumentException($"X has {x.Rows} rows (features), but the model takes {Model.Network.Inputs}; X is (n_x, m), one example per column", nameof(x));
        }

        return Model.Predict(x);
    }

    /// <summary>The predicted class of each column of raw X (n_x, m), as written in the training labels.</summary>
    /// <exception cref="InvalidOperationException">The model is a regression model (use <see cref="PredictValues(Matrix{double})"/>).</exception>
    public string[] Predict(Matrix<double> x)
    {
        int[] classes = Model.Network.Classes(PredictProba(x));
        return [.. classes.Select(Model.ClassName)];
    }

    /// <summary>The predicted values (targets, m) of a regression model for raw X (n_x, m).</summary>
    public Matrix<double> PredictValues(Matrix<double> x) => PredictProba(x);

    /// <summary>
    /// A[L] for rows × features (one example per row), one row per example: the k class probabilities, for one sigmoid
    /// unit the single value P(second class) (as the tool's <c>probability</c> column), or the predicted values. The
    /// transpose of <see cref="PredictProba(Matrix{double})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows, the rows differ in length, or they have not the model's number of features.</exception>
    public double[][] PredictProba(double[][] x) => RowLayout.ToRows(PredictProba(Rows(RowLayout.ToColumns(x, nameof(x)))));

    /// <summary>A[L] for an m × n_x array (one example per row, widened to double), one row per example; see <see cref="PredictProba(double[][])"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows, or they have not the model's number of features.</exception>
    public double[][] PredictProba(float[,] x) => RowLayout.ToRows(PredictProba(Rows(RowLayout.ToColumns(x, nameof(x)))));

    /// <summary>The predicted class of each row (one example per row), as written in the training labels.</summary>
    /// <exception cref="ArgumentException">There are no rows, the rows differ in length, or they have not the model's number of features.</exception>
    /// <exception cref="InvalidOperationException">The model is a regression model (use <see cref="PredictValues(double[][])"/>).</exception>
    public string[] Predict(double[][] x) => Predict(Rows(RowLayout.ToColumns(x, nameof(x))));

    /// <summary>The predicted class of each row of an m × n_x array, as written in the training labels.</summary>
    /// <exception cref="ArgumentException">There are no rows, or they have not the model's number of features.</exception>
    /// <exception cref="InvalidOperationException">The model is a regression model (use <see cref="PredictValues(float[,])"/>).</exception>
    public string[] Predict(float[,] x) => Predict(Rows(RowLayout.ToColumns(x, nameof(x))));

    /// <summary>The predicted values of a regression model, one row of targets per row of x (one example per row).</summary>
    /// <exception cref="ArgumentException">There are no rows, the rows differ in length, or they have not the model's number of features.</exception>
    public double[][] PredictValues(double[][] x) => PredictProba(x);

    /// <summary>The predicted values of a regression model, one row of targets per row of an m × n_x array.</summary>
    /// <exception cref="ArgumentException">There are no rows, or they have not the model's number of features.</exception>
    public double[][] PredictValues(float[,] x) => PredictProba(x);

    /// <summary>Writes the model file (atomically).</summary>
    public void Save(string path) => ModelFile.Save(Model, path);

    /// <summary>Reads a model file written by <see cref="Save"/> or the tool.</summary>
    public static FittedModel Load(string path) => new(ModelFile.Load(path), null);

    // X converted from rows: its feature count is checked against the model, in words about rows.
    private Matrix<double> Rows(Matrix<double> x)
    {
        int inputs = Model.Network.Inputs;
        return x.Rows == inputs ? x
            : throw new ArgumentException($"each row has {x.Rows} features but the model takes {inputs}", nameof(x));
    }

    /// <summary>Trains through the one fit pipeline (<see cref="FitPipeline"/>), in double, as the tool and ML.NET do.</summary>
    internal static FittedModel Fit(EstimatorOptions options, FitData data, OutputKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        FitInputs.Check(data);
        var result = FitPipeline.Fit<double>(new FitRequest(data, options.ToFitSettings(kind)));
        return new FittedModel(result.Model, result.History);
    }
}
