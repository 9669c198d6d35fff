using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.MLNet.Mapping;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Serialization;
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
/// </summary>
public sealed class ShallowNetTrainer : IEstimator<ShallowNetBinaryModel>
{
    internal const string FeaturesColumn = "ShallowNetFeatures";
    internal const string KeyColumn = "ShallowNetModelKey";
    internal const string ModelColumn = "ShallowNetModel";

    private readonly MLContext _mlContext;

    /// <summary>Creates the trainer; <paramref name="options"/> default to the lesson's shallow network.</summary>
    public ShallowNetTrainer(MLContext mlContext, ShallowNetTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _mlContext = mlContext;
        Options = options ?? new ShallowNetTrainerOptions();
        Options.Training.Validate();
        _ = Hidden(Options);                                       // unknown activation names fail here, not after reading the data
        Register(mlContext);
    }

    /// <summary>The settings.</summary>
    public ShallowNetTrainerOptions Options { get; }

    /// <summary>
    /// Registers the custom mappings with <paramref name="mlContext"/>, which <c>mlContext.Model.Load</c> needs to read a
    /// saved ShallowNet model back (the trainer's constructor does it for its own context).
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
        var (x, y) = DataViewReader.ReadBinary(input, o.FeatureColumnName, o.LabelColumnName);
        var preprocessing = Preprocessing.Fit(x, o.InputScale, o.Standardize);
        int[] sizes = [x.Rows, .. o.HiddenLayers, 1];
        var network = Initializer.Create<double>(sizes, [.. Hidden(o), Sigmoid.Instance], new NumpyRandom(o.Seed), o.Init, o.InitScale);
        var history = Trainer.Train(network, preprocessing.Apply(x), y, o.Training);

        bool boolean = input.Schema[o.LabelColumnName].Type == BooleanDataViewType.Instance;
        var model = new TrainedModel(
            network,
            [.. Enumerable.Range(0, x.Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{o.FeatureColumnName}[{i}]"))],
            o.LabelColumnName,
            boolean ? new ClassLabels(["False", "True"], numeric: false) : new ClassLabels(["0", "1"], numeric: true),
            preprocessing);
        return new ShallowNetBinaryModel(Scoring(ToJson(model)).Fit(input), model, history);
    }

    /// <summary>The input schema plus Score (Single), Probability (Single) and PredictedLabel (Boolean).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = inputSchema.FirstOrDefault(c => c.Name == Options.FeatureColumnName);
        if (features.Name is null || features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"ShallowNetTrainer: feature column '{Options.FeatureColumnName}' must be a known-size vector of Single (use mlContext.Transforms.Concatenate)");
        }

        return Scoring("{}").GetOutputSchema(inputSchema);
    }

    // The saveable chain that scores with the model whose JSON it carries (see ShallowNetBinaryModel's remarks).
    private EstimatorChain<ColumnSelectingTransformer> Scoring(string modelJson)
    {
        var t = _mlContext.Transforms;
        return t.CopyColumns(FeaturesColumn, Options.FeatureColumnName)
            .Append(t.CustomMapping(new ModelKeyMapping().GetMapping(), ModelKeyMapping.ContractName))
            .Append(t.Conversion.MapValue(ModelColumn, [new KeyValuePair<float, string>(0, modelJson)], KeyColumn))
            .Append(t.CustomMapping(new BinaryScoreMapping().GetMapping(), BinaryScoreMapping.ContractName))
            .Append(t.DropColumns(FeaturesColumn, KeyColumn, ModelColumn));
    }

    private static string ToJson(TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static Activation[] Hidden(ShallowNetTrainerOptions o)
    {
        if (o.HiddenLayers.Any(n => n < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"ShallowNetTrainer: hidden layer sizes must be at least 1, got [{string.Join(", ", o.HiddenLayers)}]");
        }

        var g = Activation.FromName(o.Activation, o.Slope);
        if (g.Name is "softmax")
        {
            throw new ArgumentOutOfRangeException(nameof(o), "ShallowNetTrainer: softmax is an output activation; choose sigmoid, tanh, relu, leaky_relu or identity");
        }

        return [.. o.HiddenLayers.Select(_ => g)];
    }
}
