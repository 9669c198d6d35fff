using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ShallowNet.Data;
using ShallowNet.MLNet.Mapping;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// An ML.NET estimator that trains a ShallowNet regressor (hidden layers, then one identity unit, mean squared error)
/// on a feature vector column and a Single (or Double) label column:
/// <code>
/// var pipeline = mlContext.Transforms.Concatenate("Features", "x0", "x1")
///     .Append(new ShallowNetRegressionTrainer(mlContext, new ShallowNetTrainerOptions { HiddenLayers = [16], Activation = "tanh" }));
/// var metrics = mlContext.Regression.Evaluate(pipeline.Fit(train).Transform(test));
/// </code>
/// The fitted transformer adds Score (Single, the predicted value A[L] = Z[L]). Standardising the target is up to the
/// pipeline (the network predicts it as given); <see cref="ShallowNetTrainerOptions.Training"/> sets the epochs and the
/// learning rate (by default Adam with α = 0.001; the lesson's 1.2 is often too large for squared error).
/// </summary>
public sealed class ShallowNetRegressionTrainer : IEstimator<ShallowNetRegressionModel>
{
    private const string Name = nameof(ShallowNetRegressionTrainer);
    private readonly MLContext _mlContext;

    /// <summary>Creates the trainer; <paramref name="options"/> default to one hidden layer of 4 tanh units.</summary>
    public ShallowNetRegressionTrainer(MLContext mlContext, ShallowNetTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _mlContext = mlContext;
        Options = options ?? new ShallowNetTrainerOptions();
        TrainerCore.Validate(Options, Name);
        ShallowNetTrainer.Register(mlContext);
    }

    /// <summary>The settings.</summary>
    public ShallowNetTrainerOptions Options { get; }

    /// <summary>Reads the training rows, trains the network and returns the scoring transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature or label column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidInputException">A label is not a finite number, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public ShallowNetRegressionModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = Options;
        var (x, y, weights) = DataViewReader.ReadRegression(input, o.FeatureColumnName, o.LabelColumnName, o.ExampleWeightColumnName);
        var (model, history) = TrainerCore.Train(o, Name, x, y, weights, OutputKind.Regression, classes: null);
        return new ShallowNetRegressionModel(Scoring(TrainerCore.ToJson(model)).Fit(input), model, history);
    }

    /// <summary>The input schema plus Score (Single).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TrainerCore.CheckFeatures(inputSchema, Options, Name);
        return Scoring("{}").GetOutputSchema(inputSchema);
    }

    private EstimatorChain<ColumnSelectingTransformer> Scoring(string modelJson) =>
        TrainerCore.Scoring(_mlContext, Options.FeatureColumnName, modelJson, new RegressionScoreMapping(), RegressionScoreMapping.ContractName)
            .Append(_mlContext.Transforms.DropColumns(TrainerCore.FeaturesColumn, TrainerCore.KeyColumn, TrainerCore.ModelColumn));
}
