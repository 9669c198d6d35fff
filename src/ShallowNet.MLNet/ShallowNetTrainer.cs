using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Data;
using ShallowNet.MLNet.Mapping;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// An ML.NET estimator that trains a ShallowNet binary classifier (hidden layers, then one sigmoid unit) on a feature
/// vector column and a Boolean (or 0/1) label column:
/// <code>
/// var pipeline = mlContext.Transforms.Concatenate("Features", "x0", "x1")
///     .Append(new ShallowNetTrainer(mlContext, new ShallowNetTrainerOptions { HiddenLayers = [8], Activation = "relu" }));
/// var model = pipeline.Fit(train);
/// var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(test));
/// mlContext.Model.Save(model, train.Schema, "model.zip");
/// </code>
/// The fitted transformer adds Score (the logit Z[L]), Probability (A[L] = σ(Z[L])) and PredictedLabel (A[L] &gt; 0.5).
/// Training runs the library's <see cref="Trainer"/> in float64 with <see cref="ShallowNetTrainerOptions.Training"/>, on the rows read into memory.
/// For more than two classes see <see cref="ShallowNetMulticlassTrainer"/>, for a numeric target <see cref="ShallowNetRegressionTrainer"/>.
/// </summary>
public sealed class ShallowNetTrainer : IEstimator<ShallowNetBinaryModel>
{
    private const string Name = nameof(ShallowNetTrainer);
    private readonly MLContext _mlContext;

    /// <summary>Creates the trainer; <paramref name="options"/> default to <see cref="ShallowNetTrainerOptions"/>'s defaults (<see cref="ShallowNetTrainerOptions.Lesson"/> for the lesson's network).</summary>
    public ShallowNetTrainer(MLContext mlContext, ShallowNetTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _mlContext = mlContext;
        Options = options ?? new ShallowNetTrainerOptions();
        TrainerCore.Validate(Options, Name);                           // unknown activation names fail here, not after reading the data
        Register(mlContext);
    }

    /// <summary>The settings.</summary>
    public ShallowNetTrainerOptions Options { get; }

    /// <summary>
    /// Registers the custom mappings with <paramref name="mlContext"/>, which <c>mlContext.Model.Load</c> needs to read a
    /// saved ShallowNet model back (binary, multi-class or regression; the trainers' constructors do it for their own context).
    /// </summary>
    public static void Register(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(ShallowNetTrainer).Assembly);
    }

    /// <summary>Reads the training rows, trains the network and returns the scoring transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature or label column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidInputException">A label is not 0/1, or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public ShallowNetBinaryModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = Options;
        var (x, y, weights) = DataViewReader.ReadBinary(input, o.FeatureColumnName, o.LabelColumnName, o.ExampleWeightColumnName);
        bool boolean = input.Schema[o.LabelColumnName].Type == BooleanDataViewType.Instance;
        var classes = boolean ? new ClassLabels(["False", "True"], numeric: false) : new ClassLabels(["0", "1"], numeric: true);
        var (model, history) = TrainerCore.Train(o, Name, x, y, weights, OutputKind.Binary, classes);
        return new ShallowNetBinaryModel(Scoring(TrainerCore.ToJson(model)).Fit(input), model, history);
    }

    /// <summary>The input schema plus Score (Single), Probability (Single) and PredictedLabel (Boolean).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TrainerCore.CheckFeatures(inputSchema, Options, Name);
        return Scoring("{}").GetOutputSchema(inputSchema);
    }

    // The saveable chain that scores with the model whose JSON it carries (see ShallowNetTransformer's remarks).
    private EstimatorChain<Microsoft.ML.Transforms.ColumnSelectingTransformer> Scoring(string modelJson) =>
        TrainerCore.Scoring(_mlContext, Options.FeatureColumnName, modelJson, new BinaryScoreMapping(), BinaryScoreMapping.ContractName)
            .Append(_mlContext.Transforms.DropColumns(TrainerCore.FeaturesColumn, TrainerCore.KeyColumn, TrainerCore.ModelColumn));
}
