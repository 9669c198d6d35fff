using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Serialization;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.MLNet.Tests;

/// <summary>
/// The trainers on ML.NET's catalogs (<c>mlContext.BinaryClassification.Trainers.ShallowNet(...)</c> and the others)
/// and the example weight column: the catalog gives the model the constructor gives, and weights flow into the fit
/// pipeline's sample weights exactly as the tool's <c>--weight-column</c> and the C# API's sample weights do.
/// </summary>
public sealed class CatalogAndWeightsTests : IDisposable
{
    private static readonly string[] BinaryTool = ["--label", "Label", "--hidden", "3", "--activation", "tanh", "--optimizer", "adam", "--learning-rate", "0.01",
        "--batch-size", "16", "--epochs", "120", "--log-every", "40", "--seed", "5", "--init", "small", "--init-scale", "0.3", "--standardize", "--threads", "1"];

    private static readonly ShallowNetTrainerOptions BinaryOptions = ShallowNetTrainerOptions.Lesson with
    {
        HiddenLayers = [3],
        Activation = "tanh",
        InitScale = 0.3,
        Seed = 5,
        Standardize = true,
        Training = new TrainingOptions { Epochs = 120, LearningRate = 0.01, Optimizer = new Adam(), BatchSize = 16, LogEvery = 40, Threads = 1 },
    };

    private readonly ToolFixture _tool = new();

    public void Dispose() => _tool.Dispose();

    public sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public float Weight { get; set; }
    }

    public sealed class Scored
    {
        public float Score { get; set; }
    }

    [Fact]
    public void The_catalog_extensions_make_the_model_the_constructors_make()
    {
        var ml = new MLContext(seed: 0);
        var (rows, labels) = ToolFixture.Examples(90, seed: 11, classes: 2);
        var data = Load(ml, rows, labels, weights: null);
        var direct = new ShallowNetTrainer(ml, BinaryOptions).Fit(data).Model;
        Assert.Equal(Bytes(direct), Bytes(ml.BinaryClassification.Trainers.ShallowNet(BinaryOptions).Fit(data).Model));

        // The parameters' overload: what it names, with the options' defaults for the rest.
        var named = ml.BinaryClassification.Trainers.ShallowNet(hiddenLayers: [5], activation: "relu", epochs: 40, learningRate: 0.1);
        var defaults = new ShallowNetTrainerOptions();
        var expected = defaults with { HiddenLayers = [5], Activation = "relu", Training = defaults.Training with { Epochs = 40, LearningRate = 0.1 } };
        Assert.Equal(expected, named.Options with { HiddenLayers = expected.HiddenLayers });
        Assert.Equal([5], named.Options.HiddenLayers);
        Assert.Equal(Bytes(new ShallowNetTrainer(ml, expected).Fit(data).Model), Bytes(named.Fit(data).Model));

        var three = Load(ml, ToolFixture.Examples(90, seed: 12, classes: 3));
        var multiclass = ml.Transforms.Conversion.MapValueToKey("Label").Fit(three).Transform(three);
        Assert.Equal(Bytes(new ShallowNetMulticlassTrainer(ml, BinaryOptions).Fit(multiclass).Model),
            Bytes(ml.MulticlassClassification.Trainers.ShallowNet(BinaryOptions).Fit(multiclass).Model));

        var regression = Load(ml, ToolFixture.Examples(60, seed: 13, classes: 0));
        var regressionOptions = defaults with { HiddenLayers = [4], Training = defaults.Training with { Epochs = 50, LearningRate = 0.05 } };
        Assert.Equal(Bytes(new ShallowNetRegressionTrainer(ml, regressionOptions).Fit(regression).Model),
            Bytes(ml.Regression.Trainers.ShallowNet(hiddenLayers: [4], epochs: 50, learningRate: 0.05).Fit(regression).Model));
    }

    [Fact]
    public void A_model_trained_from_the_catalog_saves_and_loads_in_a_fresh_context()
    {
        var ml = new MLContext(seed: 0);
        var (rows, labels) = ToolFixture.Examples(60, seed: 14, classes: 0);
        var data = Load(ml, rows, labels, ToolFixture.Weights(60));
        var model = ml.Regression.Trainers.ShallowNet(exampleWeightColumnName: "Weight", hiddenLayers: [4], epochs: 50, learningRate: 0.05).Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"shallownet-catalog-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext();
            ShallowNetTrainer.Register(fresh);
            var loaded = fresh.Model.Load(path, out _);
            float[] Scores(ITransformer t) => [.. ml.Data.CreateEnumerable<Scored>(t.Transform(data), reuseRowObject: false).Select(s => s.Score)];
            Assert.Equal(Scores(model), Scores(loaded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_weighted_binary_fit_differs_from_the_unweighted_and_equals_the_tools_weight_column_fit()
    {
        var (rows, labels) = ToolFixture.Examples(90, seed: 11, classes: 2);
        float[] weights = ToolFixture.Weights(90);
        string csv = _tool.WriteCsv("weighted.csv", rows, labels, weights);
        string tool = _tool.Train(csv, "tool.json", [.. BinaryTool, "--weight-column", "w"]);

        var ml = new MLContext(seed: 0);
        var data = Load(ml, rows, labels, weights);
        var weighted = ml.BinaryClassification.Trainers.ShallowNet(BinaryOptions with { ExampleWeightColumnName = "Weight" }).Fit(data).Model;
        var unweighted = ml.BinaryClassification.Trainers.ShallowNet(BinaryOptions).Fit(data).Model;
        Assert.NotEqual(unweighted.Network.Layers[0].W.Data, weighted.Network.Layers[0].W.Data);

        byte[] expected = File.ReadAllBytes(tool);
        Assert.Equal(expected, _tool.BytesWithRecordOf(weighted, tool));

        // The C# API's sample weights: the same file again.
        var apiOptions = EstimatorOptions.Lesson with { Hidden = [3], Activation = ShallowNet.Activations.Tanh.Instance, InitScale = 0.3, Seed = 5, Standardize = true, Training = BinaryOptions.Training };
        var table = CsvDataset.Read(csv, "Label", extraColumns: ["w"]);
        var api = new ShallowNetClassifier(apiOptions).Fit(table, table.ExtraColumn("w"));
        Assert.Equal(expected, _tool.BytesWithRecordOf(api.Model, tool));
    }

    [Fact]
    public void A_weighted_regression_equals_the_tools_weight_column_fit()
    {
        var (rows, targets) = ToolFixture.Examples(80, seed: 15, classes: 0);
        float[] weights = ToolFixture.Weights(80);
        string csv = _tool.WriteCsv("regression.csv", rows, targets, weights);
        string tool = _tool.Train(csv, "tool.json", "--label", "Label", "--weight-column", "w", "--hidden", "4", "--activation", "tanh", "--optimizer", "gd",
            "--learning-rate", "0.05", "--batch-size", "0", "--epochs", "200", "--log-every", "50", "--seed", "2", "--init", "small", "--init-scale", "0.5",
            "--standardize", "--threads", "1");

        var ml = new MLContext(seed: 0);
        var options = ShallowNetTrainerOptions.Lesson with
        {
            HiddenLayers = [4],
            InitScale = 0.5,
            Standardize = true,
            ExampleWeightColumnName = "Weight",
            Training = new TrainingOptions { Epochs = 200, LearningRate = 0.05, LogEvery = 50, Threads = 1 },
        };
        var weighted = ml.Regression.Trainers.ShallowNet(options).Fit(Load(ml, rows, targets, weights)).Model;
        Assert.Equal(File.ReadAllBytes(tool), _tool.BytesWithRecordOf(weighted, tool));
    }

    [Fact]
    public void A_weighted_multiclass_fit_equals_the_tools_weight_column_fit()
    {
        // Labels 0, 1, 2 first seen in that order: the key values name the classes as the tool sorts them.
        var (rows, labels) = ToolFixture.Examples(90, seed: 17, classes: 3);
        float[] weights = ToolFixture.Weights(90);
        string csv = _tool.WriteCsv("three.csv", rows, labels, weights);
        string tool = _tool.Train(csv, "tool.json", [.. BinaryTool, "--weight-column", "w"]);

        var ml = new MLContext(seed: 0);
        var data = Load(ml, rows, labels, weights);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var weighted = ml.MulticlassClassification.Trainers.ShallowNet(BinaryOptions with { ExampleWeightColumnName = "Weight" }).Fit(keyed).Model;
        var unweighted = ml.MulticlassClassification.Trainers.ShallowNet(BinaryOptions).Fit(keyed).Model;
        Assert.NotEqual(unweighted.Network.Layers[0].W.Data, weighted.Network.Layers[0].W.Data);
        Assert.Equal(File.ReadAllBytes(tool), _tool.BytesWithRecordOf(weighted, tool));
    }

    [Fact]
    public void Bad_example_weights_are_refused_naming_the_row_or_the_column()
    {
        var ml = new MLContext(seed: 0);
        var (rows, labels) = ToolFixture.Examples(20, seed: 16, classes: 2);
        float[] weights = ToolFixture.Weights(20);
        weights[2] = -1;
        var trainer = ml.BinaryClassification.Trainers.ShallowNet(exampleWeightColumnName: "Weight", epochs: 5);
        var e = Assert.Throws<InvalidInputException>(() => trainer.Fit(Load(ml, rows, labels, weights)));
        Assert.Contains("row 3: example weight -1 in column 'Weight' is negative", e.Message, StringComparison.Ordinal);

        weights[2] = float.NaN;
        e = Assert.Throws<InvalidInputException>(() => trainer.Fit(Load(ml, rows, labels, weights)));
        Assert.Contains("is not a finite number", e.Message, StringComparison.Ordinal);

        var missing = ml.BinaryClassification.Trainers.ShallowNet(exampleWeightColumnName: "w", epochs: 5);
        var data = Load(ml, rows, labels, weights);
        Assert.Contains("no example weight column 'w'", Assert.Throws<ArgumentOutOfRangeException>(() => missing.Fit(data)).Message, StringComparison.Ordinal);
        Assert.Contains("example weight column 'w'", Assert.Throws<ArgumentOutOfRangeException>(() => missing.GetOutputSchema(Shape(data.Schema))).Message, StringComparison.Ordinal);
        var features = ml.MulticlassClassification.Trainers.ShallowNet(exampleWeightColumnName: "Features", epochs: 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => features.GetOutputSchema(Shape(data.Schema)));
    }

    private static IDataView Load(MLContext ml, (float[][] Rows, string[] Labels) examples) => Load(ml, examples.Rows, examples.Labels, weights: null);

    // SchemaShape.Create(DataViewSchema) is internal to ML.NET (its pipelines call it); reached by reflection, as in ShallowNetTrainerTests.
    private static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, [typeof(DataViewSchema)])!
            .Invoke(null, [schema])!;

    private static IDataView Load(MLContext ml, float[][] rows, string[] labels, float[]? weights) =>
        ml.Data.LoadFromEnumerable(rows.Select((r, j) => new Row
        {
            Features = r,
            Label = float.Parse(labels[j], System.Globalization.CultureInfo.InvariantCulture),
            Weight = weights?[j] ?? 1,
        }));

    private static byte[] Bytes(ShallowNet.Model.TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return stream.ToArray();
    }
}
