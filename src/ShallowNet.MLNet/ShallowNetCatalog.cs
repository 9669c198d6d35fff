using Microsoft.ML;

namespace ShallowNet.MLNet;

/// <summary>
/// The trainers on ML.NET's catalogs, as ML.NET's own are reached:
/// <code>
/// var binary = mlContext.BinaryClassification.Trainers.ShallowNet(labelColumnName: "Label", hiddenLayers: [8]);
/// var multiclass = mlContext.MulticlassClassification.Trainers.ShallowNet(new ShallowNetTrainerOptions { HiddenLayers = [8] });
/// var regression = mlContext.Regression.Trainers.ShallowNet(exampleWeightColumnName: "Weight");
/// </code>
/// Each returns the trainer its constructor makes (<see cref="ShallowNetTrainer"/>, <see cref="ShallowNetMulticlassTrainer"/>,
/// <see cref="ShallowNetRegressionTrainer"/>) with the same options, so it trains the same model. A parameter left null
/// keeps the default of <see cref="ShallowNetTrainerOptions"/>.
/// </summary>
/// <remarks>
/// ML.NET does not let a package outside it reach the context behind a catalog, so the trainers made here build their
/// scoring transforms in a context of their own; nothing of the model depends on it. Call
/// <see cref="ShallowNetTrainer.Register"/> on the context that loads a saved model, as for any ShallowNet model.
/// </remarks>
public static class ShallowNetCatalog
{
    /// <summary>A binary classifier (hidden layers, then one sigmoid unit) on a vector of Single and a Boolean (or 0/1) label.</summary>
    /// <param name="catalog">The binary classification trainers.</param>
    /// <param name="labelColumnName">The label column: Boolean, or Single or Double holding 0 and 1.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">The example weight column (Single or Double, each ≥ 0), or null for none.</param>
    /// <param name="hiddenLayers">The hidden layer sizes, or null for the default.</param>
    /// <param name="activation">The hidden activation (sigmoid, tanh, relu, leaky_relu, identity), or null for the default.</param>
    /// <param name="epochs">The number of epochs, or null for the default.</param>
    /// <param name="learningRate">The learning rate α, or null for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetTrainer ShallowNet(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, string? activation = null, int? epochs = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ShallowNetTrainer(new MLContext(), Options(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, epochs, learningRate));
    }

    /// <summary>A binary classifier with all of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetTrainer ShallowNet(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, ShallowNetTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ShallowNetTrainer(new MLContext(), options);
    }

    /// <summary>A k-class classifier (hidden layers, then softmax) on a vector of Single and a key-typed label (MapValueToKey).</summary>
    /// <param name="catalog">The multi-class classification trainers.</param>
    /// <param name="labelColumnName">The label column: a key, whose key values name the classes.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">The example weight column (Single or Double, each ≥ 0), or null for none.</param>
    /// <param name="hiddenLayers">The hidden layer sizes, or null for the default.</param>
    /// <param name="activation">The hidden activation (sigmoid, tanh, relu, leaky_relu, identity), or null for the default.</param>
    /// <param name="epochs">The number of epochs, or null for the default.</param>
    /// <param name="learningRate">The learning rate α, or null for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetMulticlassTrainer ShallowNet(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, string? activation = null, int? epochs = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ShallowNetMulticlassTrainer(new MLContext(), Options(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, epochs, learningRate));
    }

    /// <summary>A k-class classifier with all of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetMulticlassTrainer ShallowNet(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, ShallowNetTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ShallowNetMulticlassTrainer(new MLContext(), options);
    }

    /// <summary>A regressor (hidden layers, then one identity unit, mean squared error) on a vector of Single and a Single (or Double) label.</summary>
    /// <param name="catalog">The regression trainers.</param>
    /// <param name="labelColumnName">The label column: Single or Double.</param>
    /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">The example weight column (Single or Double, each ≥ 0), or null for none.</param>
    /// <param name="hiddenLayers">The hidden layer sizes, or null for the default.</param>
    /// <param name="activation">The hidden activation (sigmoid, tanh, relu, leaky_relu, identity), or null for the default.</param>
    /// <param name="epochs">The number of epochs, or null for the default.</param>
    /// <param name="learningRate">The learning rate α, or null for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetRegressionTrainer ShallowNet(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, string? activation = null, int? epochs = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ShallowNetRegressionTrainer(new MLContext(), Options(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, activation, epochs, learningRate));
    }

    /// <summary>A regressor with all of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the activation is unknown.</exception>
    public static ShallowNetRegressionTrainer ShallowNet(this RegressionCatalog.RegressionTrainers catalog, ShallowNetTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ShallowNetRegressionTrainer(new MLContext(), options);
    }

    // The options' own defaults for whatever the caller left null, so that the defaults live in one place.
    private static ShallowNetTrainerOptions Options(string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int[]? hiddenLayers, string? activation, int? epochs, double? learningRate)
    {
        ArgumentNullException.ThrowIfNull(labelColumnName);
        ArgumentNullException.ThrowIfNull(featureColumnName);
        var defaults = new ShallowNetTrainerOptions();
        return defaults with
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
            HiddenLayers = hiddenLayers ?? defaults.HiddenLayers,
            Activation = activation ?? defaults.Activation,
            Training = defaults.Training with
            {
                Epochs = epochs ?? defaults.Training.Epochs,
                LearningRate = learningRate ?? defaults.Training.LearningRate,
            },
        };
    }
}
