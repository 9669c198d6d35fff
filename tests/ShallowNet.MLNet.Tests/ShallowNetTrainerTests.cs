using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Data;
using ShallowNet.Training;

namespace ShallowNet.MLNet.Tests;

/// <summary>The trainer inside an ML.NET pipeline: fit, evaluate with ML.NET's metrics, save, load and predict.</summary>
public sealed class ShallowNetTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-mlnet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class Point
    {
        public float X0 { get; set; }

        public float X1 { get; set; }

        public bool Label { get; set; }
    }

    public sealed class Prediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private static Point[] Planar(int m, uint seed)
    {
        var data = SyntheticData.Planar(m, seed);
        var labels = data.RequireLabels();
        return [.. Enumerable.Range(0, m).Select(j => new Point { X0 = (float)data.X[0, j], X1 = (float)data.X[1, j], Label = labels[j] == "1" })];
    }

    private static ShallowNetTrainerOptions Options => new()
    {
        HiddenLayers = [4],
        Activation = "tanh",
        Standardize = false,
        Training = new TrainingOptions { Epochs = 3000, LearningRate = 1.2 },
    };

    [Fact]
    public void Pipeline_trains_evaluates_saves_loads_and_predicts()
    {
        var ml = new MLContext(seed: 0);
        var train = ml.Data.LoadFromEnumerable(Planar(400, 1));
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Point.X0), nameof(Point.X1))
            .Append(new ShallowNetTrainer(ml, Options));

        var model = pipeline.Fit(train);
        var scored = model.Transform(train);
        var metrics = ml.BinaryClassification.Evaluate(scored);

        Assert.InRange(metrics.Accuracy, 0.85, 1.0);                 // the lesson's planar flower reaches ~0.9 with 4 tanh units
        Assert.InRange(metrics.AreaUnderRocCurve, 0.85, 1.0);
        Assert.Equal(["X0", "X1", "Label", "Features", "Score", "Probability", "PredictedLabel"], scored.Schema.Select(c => c.Name));

        // The ML.NET columns agree with the library's own forward pass.
        var net = model.LastTransformer;
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var ours = net.Model.Network.PredictProbabilities(net.Model.Prepare(SyntheticData.Planar(400, 1).X));
        Assert.All(Enumerable.Range(0, 400), j => Assert.Equal(ours[0, j], probabilities[j], 1e-6));

        string path = Path.Combine(_folder, "model.zip");
        ml.Model.Save(model, train.Schema, path);

        var fresh = new MLContext();
        ShallowNetTrainer.Register(fresh);
        var loaded = fresh.Model.Load(path, out var schema);
        Assert.Equal(train.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var reloaded = fresh.BinaryClassification.Evaluate(loaded.Transform(fresh.Data.LoadFromEnumerable(Planar(400, 1))));
        Assert.Equal(metrics.Accuracy, reloaded.Accuracy);
        Assert.Equal(metrics.LogLoss, reloaded.LogLoss, 1e-12);

        var engine = fresh.Model.CreatePredictionEngine<Point, Prediction>(loaded);
        var first = Planar(400, 1)[0];
        var p = engine.Predict(first);
        Assert.Equal(probabilities[0], p.Probability);
        Assert.Equal(p.Probability > 0.5f, p.PredictedLabel);
        Assert.Equal(1 / (1 + Math.Exp(-p.Score)), p.Probability, 1e-6);
    }

    [Fact]
    public void Standardisation_and_a_float_label_and_other_column_names()
    {
        var ml = new MLContext(seed: 0);
        var rows = Planar(200, 3).Select(r => new { r.X0, Scaled = (r.X1 * 1000) + 5000, Y = r.Label ? 1f : 0f }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = Options with { FeatureColumnName = "F", LabelColumnName = "Y", Standardize = true, HiddenLayers = [5, 3], Activation = "relu", Init = Model.InitScheme.He };
        var model = ml.Transforms.Concatenate("F", "X0", "Scaled").Append(new ShallowNetTrainer(ml, options)).Fit(data);

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data), labelColumnName: "Y");

        Assert.InRange(metrics.Accuracy, 0.75, 1.0);
        var trained = model.LastTransformer.Model;
        Assert.NotNull(trained.Preprocessing.Mean);
        Assert.Equal([2, 5, 3, 1], trained.Network.Sizes);
        Assert.Equal(["0", "1"], trained.Classes!.Names);
        Assert.True(model.LastTransformer.History.FinalCost < model.LastTransformer.History.Points[0].Cost);
    }

    [Fact]
    public void Get_output_schema_adds_the_binary_columns()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(Planar(10, 1));
        var estimator = ml.Transforms.Concatenate("Features", "X0", "X1").Append(new ShallowNetTrainer(ml, Options));
        // SchemaShape.Create(DataViewSchema) is internal to ML.NET (its pipelines call it); the test reaches it by reflection.
        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var shape = estimator.GetOutputSchema((SchemaShape)create.Invoke(null, [data.Schema])!);
        Assert.Equal(NumberDataViewType.Single, shape.Single(c => c.Name == "Score").ItemType);
        Assert.Equal(NumberDataViewType.Single, shape.Single(c => c.Name == "Probability").ItemType);
        Assert.Equal(BooleanDataViewType.Instance, shape.Single(c => c.Name == "PredictedLabel").ItemType);
        Assert.DoesNotContain(shape, c => c.Name.StartsWith("ShallowNet", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_columns_are_reported_by_name()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(Planar(10, 1));
        var noFeatures = Assert.Throws<ArgumentOutOfRangeException>(() => new ShallowNetTrainer(ml, Options).Fit(data));
        Assert.Contains("'Features'", noFeatures.Message, StringComparison.Ordinal);

        var features = ml.Transforms.Concatenate("Features", "X0", "X1").Fit(data).Transform(data);
        var noLabel = Assert.Throws<ArgumentOutOfRangeException>(() => new ShallowNetTrainer(ml, Options with { LabelColumnName = "Nope" }).Fit(features));
        Assert.Contains("'Nope'", noLabel.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new ShallowNetTrainer(ml, Options with { Activation = "swish" }));
    }
}
