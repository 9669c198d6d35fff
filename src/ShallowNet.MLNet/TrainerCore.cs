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
using ShallowNet.Pipeline;
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

    /// <summary>
    /// Trains through the one fit pipeline (<see cref="FitPipeline"/>), in double, as the tool and the C# API do: the
    /// network [n_x, hidden.., outputs] with the output layer of <paramref name="kind"/>, preprocessing fitted on all the
    /// rows less the validation split, the generator of <see cref="ShallowNetTrainerOptions.Seed"/> for the weights and then
    /// the shuffles and dropout, and the example weights (<see cref="ShallowNetTrainerOptions.ExampleWeightColumnName"/>)
    /// as the pipeline's sample weights. The model records the feature slots as <c>Features[i]</c> and the label column's name.
    /// </summary>
    public static (TrainedModel Model, TrainingHistory History) Train(
        ShallowNetTrainerOptions o, string trainer, Matrix<double> x, Matrix<double> y, double[]? weights, OutputKind kind, ClassLabels? classes)
    {
        var features = Enumerable.Range(0, x.Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{o.FeatureColumnName}[{i}]")).ToArray();
        var data = new FitData(trainer, x, features)
        {
            LabelName = o.LabelColumnName,
            Y = y,
            Classes = classes,
            Weights = weights,
            WeightName = o.ExampleWeightColumnName ?? "weight",
        };
        var hidden = Hidden(o, trainer);
        var settings = new FitSettings
        {
            Output = kind,
            HiddenSizes = o.HiddenLayers,
            HiddenActivations = hidden,
            Init = o.Init ?? Preset.InitFor(hidden),
            ValidationFraction = o.ValidationFraction,
            InitScale = o.InitScale,
            Seed = o.Seed,
            InputScale = o.InputScale,
            Standardize = o.Standardize,
            Training = o.Training,
        };
        var result = FitPipeline.Fit<double>(new FitRequest(data, settings));
        return (result.Model, result.History);
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

    /// <summary>
    /// Throws when the feature column of <paramref name="inputSchema"/> is not a known-size vector of Single, or the
    /// example weight column (when one is named) is not a Single or Double scalar.
    /// </summary>
    public static void CheckFeatures(SchemaShape inputSchema, ShallowNetTrainerOptions o, string trainer)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = inputSchema.FirstOrDefault(c => c.Name == o.FeatureColumnName);
        if (features.Name is null || features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{trainer}: feature column '{o.FeatureColumnName}' must be a known-size vector of Single (use mlContext.Transforms.Concatenate)");
        }

        if (o.ExampleWeightColumnName is { } weightName)
        {
            var weight = inputSchema.FirstOrDefault(c => c.Name == weightName);
            if (weight.Name is null || weight.Kind != SchemaShape.Column.VectorKind.Scalar || (weight.ItemType != NumberDataViewType.Single && weight.ItemType != NumberDataViewType.Double))
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{trainer}: example weight column '{weightName}' must be a Single or Double column");
            }
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
