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
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>What the three trainers share: the options' checks, the training run and the first links of the saved chain.</summary>
internal static class TrainerCore
{
    public const string FeaturesColumn = "ShallowNetFeatures";
    public const string KeyColumn = "ShallowNetModelKey";
    public const string ModelColumn = "ShallowNetModel";

    /// <summary>Checks the options that can fail before any data is read.</summary>
    public static void Validate(ShallowNetTrainerOptions o, string trainer)
    {
        o.Training.Validate();
        _ = Hidden(o, trainer);
    }

    /// <summary>Standardises (as configured), builds [n_x, hidden.., outputs] with <paramref name="output"/> and trains.</summary>
    public static (TrainedModel Model, TrainingHistory History) Train(
        ShallowNetTrainerOptions o, string trainer, Matrix<double> x, Matrix<double> y, Activation output, ClassLabels? classes)
    {
        var preprocessing = Preprocessing.Fit(x, o.InputScale, o.Standardize);
        int[] sizes = [x.Rows, .. o.HiddenLayers, y.Rows];
        var network = Initializer.Create<double>(sizes, [.. Hidden(o, trainer), output], new NumpyRandom(o.Seed), o.Init, o.InitScale);
        var history = Trainer.Train(network, new TrainingSet<double>(preprocessing.Apply(x), y), o.Training);
        var model = new TrainedModel(
            network,
            [.. Enumerable.Range(0, x.Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{o.FeatureColumnName}[{i}]"))],
            o.LabelColumnName,
            classes,
            preprocessing);
        return (model, history);
    }

    /// <summary>
    /// The saved chain's first links: copy the features, add the constant key, and map it to the model's JSON
    /// (the weights are in this value map), then the registered scoring mapping <paramref name="scoring"/>.
    /// </summary>
    public static EstimatorChain<CustomMappingTransformer<TSrc, TDst>> Scoring<TSrc, TDst>(
        MLContext ml, string featureColumn, string modelJson, CustomMappingFactory<TSrc, TDst> scoring, string contractName)
        where TSrc : class, new()
        where TDst : class, new()
    {
        var t = ml.Transforms;
        return t.CopyColumns(FeaturesColumn, featureColumn)
            .Append(t.CustomMapping(new ModelKeyMapping().GetMapping(), ModelKeyMapping.ContractName))
            .Append(t.Conversion.MapValue(ModelColumn, [new KeyValuePair<float, string>(0, modelJson)], KeyColumn))
            .Append(t.CustomMapping(scoring.GetMapping(), contractName));
    }

    /// <summary>The model file's JSON, as stored in the value map.</summary>
    public static string ToJson(TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Throws when the feature column of <paramref name="inputSchema"/> is not a known-size vector of Single.</summary>
    public static void CheckFeatures(SchemaShape inputSchema, string featureColumn, string trainer)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = inputSchema.FirstOrDefault(c => c.Name == featureColumn);
        if (features.Name is null || features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{trainer}: feature column '{featureColumn}' must be a known-size vector of Single (use mlContext.Transforms.Concatenate)");
        }
    }

    /// <summary>The hidden layers' activations.</summary>
    public static Activation[] Hidden(ShallowNetTrainerOptions o, string trainer)
    {
        if (o.HiddenLayers.Any(n => n < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"{trainer}: hidden layer sizes must be at least 1, got [{string.Join(", ", o.HiddenLayers)}]");
        }

        var g = Activation.FromName(o.Activation, o.Slope);
        if (g.Name is "softmax")
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"{trainer}: softmax is an output activation; choose sigmoid, tanh, relu, leaky_relu or identity");
        }

        return [.. o.HiddenLayers.Select(_ => g)];
    }
}
