using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Numerics;
using ShallowNet.Training;

namespace ShallowNet.MLNet.Tests;

/// <summary>The multi-class and regression trainers inside ML.NET pipelines: fit, evaluate, compare with the library, save, load.</summary>
public sealed class MulticlassAndRegressionTests : IDisposable
{
    private static readonly string[] Colours = ["red", "green", "blue"];

    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-mlnet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class Blob
    {
        public float X0 { get; set; }

        public float X1 { get; set; }

        public string Label { get; set; } = string.Empty;
    }

    public sealed class BlobPrediction
    {
        [VectorType(3)]
        public float[] Score { get; set; } = [];

        public string PredictedColour { get; set; } = string.Empty;
    }

    public sealed class Point
    {
        public float X0 { get; set; }

        public float X1 { get; set; }

        public float Label { get; set; }
    }

    // Three Gaussian blobs; the first label seen is "blue", so MapValueToKey's key order (by occurrence) is not alphabetical.
    private static Blob[] Blobs(int m, int seed)
    {
        var random = new Random(seed);
        (double X, double Y)[] centres = [(0, 0), (3, 0), (0, 3)];
        return [.. Enumerable.Range(0, m).Select(j =>
        {
            int c = (j + 2) % 3;
            return new Blob
            {
                X0 = (float)(centres[c].X + (0.7 * Gaussian(random))),
                X1 = (float)(centres[c].Y + (0.7 * Gaussian(random))),
                Label = Colours[c],
            };
        })];
    }

    private static Point[] Curve(int m, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, m).Select(_ =>
        {
            double x0 = (random.NextDouble() * 6) - 3, x1 = (random.NextDouble() * 4) - 2;
            return new Point { X0 = (float)x0, X1 = (float)x1, Label = (float)(Math.Sin(x0) + (0.5 * x1) + (0.05 * Gaussian(random))) };
        })];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Matrix<double> X(IReadOnlyList<(float X0, float X1)> rows)
    {
        var x = new Matrix<double>(2, rows.Count);
        for (int j = 0; j < rows.Count; j++)
        {
            x[0, j] = rows[j].X0;
            x[1, j] = rows[j].X1;
        }

        return x;
    }

    private static ShallowNetTrainerOptions ClassifierOptions => new()
    {
        HiddenLayers = [6],
        Activation = "tanh",
        Training = new TrainingOptions { Epochs = 2000, LearningRate = 0.5 },
    };

    [Fact]
    public void Multiclass_trains_evaluates_saves_loads_and_predicts()
    {
        var ml = new MLContext(seed: 0);
        var rows = Blobs(300, 1);
        var train = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Concatenate("Features", nameof(Blob.X0), nameof(Blob.X1)))
            .Append(new ShallowNetMulticlassTrainer(ml, ClassifierOptions));

        var model = pipeline.Fit(train);
        var scored = model.Transform(train);
        var metrics = ml.MulticlassClassification.Evaluate(scored);

        Assert.InRange(metrics.MacroAccuracy, 0.95, 1.0);
        Assert.InRange(metrics.MicroAccuracy, 0.95, 1.0);
        Assert.Equal(["X0", "X1", "Label", "Features", "Score", "PredictedLabel"], scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), scored.Schema["Score"].Type);
        Assert.Equal(scored.Schema["Label"].Type, scored.Schema["PredictedLabel"].Type);     // Key<UInt32, 0-2>
        VBuffer<ReadOnlyMemory<char>> labelKeys = default, predictedKeys = default;
        scored.Schema["Label"].GetKeyValues(ref labelKeys);
        scored.Schema["PredictedLabel"].GetKeyValues(ref predictedKeys);
        Assert.Equal(["blue", "red", "green"], labelKeys.DenseValues().Select(v => v.ToString()));
        Assert.Equal(labelKeys.DenseValues().Select(v => v.ToString()), predictedKeys.DenseValues().Select(v => v.ToString()));

        // Score is the library's forward pass, in the label's key order; PredictedLabel its arg-max.
        var net = model.LastTransformer;
        Assert.Equal(["blue", "red", "green"], net.Model.Classes!.Names);
        Assert.Equal([2, 6, 3], net.Model.Network.Sizes);
        var ours = net.Model.Predict(X([.. rows.Select(r => (r.X0, r.X1))]));
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        for (int j = 0; j < rows.Length; j++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(ours[c, j], scores[j][c], 1e-6);
            }

            Assert.Equal((uint)Array.IndexOf(scores[j], scores[j].Max()) + 1, predicted[j]);
        }

        // MapKeyToValue turns PredictedLabel back into the original strings.
        var colours = ml.Transforms.Conversion.MapKeyToValue("PredictedColour", "PredictedLabel").Fit(scored).Transform(scored)
            .GetColumn<string>("PredictedColour").ToArray();
        Assert.True(colours.Zip(rows).Count(p => p.First == p.Second.Label) >= 0.95 * rows.Length);

        string path = Path.Combine(_folder, "multiclass.zip");
        ml.Model.Save(model, train.Schema, path);
        var fresh = new MLContext();
        ShallowNetTrainer.Register(fresh);
        var loaded = fresh.Model.Load(path, out var schema);
        Assert.Equal(train.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var rescored = loaded.Transform(fresh.Data.LoadFromEnumerable(Blobs(300, 1)));
        var reloaded = fresh.MulticlassClassification.Evaluate(rescored);
        Assert.Equal(metrics.MacroAccuracy, reloaded.MacroAccuracy);
        Assert.Equal(metrics.MicroAccuracy, reloaded.MicroAccuracy);
        Assert.Equal(metrics.LogLoss, reloaded.LogLoss, 1e-12);
        Assert.Equal(scores, rescored.GetColumn<float[]>("Score").ToArray());
        Assert.Equal(predicted, rescored.GetColumn<uint>("PredictedLabel").ToArray());

        var withColour = loaded.Append(fresh.Transforms.Conversion.MapKeyToValue("PredictedColour", "PredictedLabel").Fit(rescored));
        var engine = fresh.Model.CreatePredictionEngine<Blob, BlobPrediction>(withColour);
        var p = engine.Predict(rows[0]);
        Assert.Equal(scores[0], p.Score);
        Assert.Equal(colours[0], p.PredictedColour);
    }

    [Fact]
    public void Multiclass_numeric_key_values_and_get_output_schema()
    {
        var ml = new MLContext(seed: 0);
        var rows = Blobs(150, 2).Select(r => new { r.X0, r.X1, Species = (float)(Array.IndexOf(Colours, r.Label) * 10) }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = ClassifierOptions with { LabelColumnName = "Species", FeatureColumnName = "F" };
        var estimator = ml.Transforms.Conversion.MapValueToKey("Species", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Concatenate("F", "X0", "X1"))
            .Append(new ShallowNetMulticlassTrainer(ml, options));

        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var shape = estimator.GetOutputSchema((SchemaShape)create.Invoke(null, [data.Schema])!);
        var score = shape.Single(c => c.Name == "Score");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, score.Kind);
        Assert.Equal(NumberDataViewType.Single, score.ItemType);
        var label = shape.Single(c => c.Name == "PredictedLabel");
        Assert.True(label.IsKey);
        Assert.Contains(label.Annotations, a => a.Name == "KeyValues" && a.ItemType == NumberDataViewType.Single);
        Assert.DoesNotContain(shape, c => c.Name.StartsWith("ShallowNet", StringComparison.Ordinal));

        var model = estimator.Fit(data);
        var scored = model.Transform(data);
        var metrics = ml.MulticlassClassification.Evaluate(scored, labelColumnName: "Species");
        Assert.InRange(metrics.MacroAccuracy, 0.9, 1.0);
        Assert.Equal(["0", "10", "20"], model.LastTransformer.Model.Classes!.Names);
        var back = ml.Transforms.Conversion.MapKeyToValue("P", "PredictedLabel").Fit(scored).Transform(scored).GetColumn<float>("P").ToArray();
        Assert.True(back.Zip(rows).Count(p => p.First == p.Second.Species) >= 0.9 * rows.Length);
    }

    [Fact]
    public void Multiclass_needs_a_key_label()
    {
        var ml = new MLContext();
        var data = ml.Transforms.Concatenate("Features", "X0", "X1").Fit(ml.Data.LoadFromEnumerable(Blobs(30, 1))).Transform(ml.Data.LoadFromEnumerable(Blobs(30, 1)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ShallowNetMulticlassTrainer(ml, ClassifierOptions).Fit(data));
        Assert.Contains("MapValueToKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_trains_evaluates_saves_loads_and_predicts()
    {
        var ml = new MLContext(seed: 0);
        var rows = Curve(300, 3);
        var train = ml.Data.LoadFromEnumerable(rows);
        var options = new ShallowNetTrainerOptions
        {
            HiddenLayers = [8],
            Activation = "tanh",
            Init = Model.InitScheme.Glorot,
            Training = new TrainingOptions { Epochs = 3000, LearningRate = 0.1 },
        };
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Point.X0), nameof(Point.X1))
            .Append(new ShallowNetRegressionTrainer(ml, options));

        var model = pipeline.Fit(train);
        var scored = model.Transform(train);
        var metrics = ml.Regression.Evaluate(scored);

        Assert.InRange(metrics.RSquared, 0.95, 1.0);
        Assert.Equal(["X0", "X1", "Label", "Features", "Score"], scored.Schema.Select(c => c.Name));
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);

        var net = model.LastTransformer;
        Assert.Equal([2, 8, 1], net.Model.Network.Sizes);
        var ours = net.Model.Predict(X([.. rows.Select(r => (r.X0, r.X1))]));
        var score = scored.GetColumn<float>("Score").ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), j => Assert.Equal(ours[0, j], score[j], 1e-6));

        string path = Path.Combine(_folder, "regression.zip");
        ml.Model.Save(model, train.Schema, path);
        var fresh = new MLContext();
        ShallowNetTrainer.Register(fresh);
        var loaded = fresh.Model.Load(path, out _);
        var rescored = loaded.Transform(fresh.Data.LoadFromEnumerable(Curve(300, 3)));
        var reloaded = fresh.Regression.Evaluate(rescored);
        Assert.Equal(metrics.RSquared, reloaded.RSquared);
        Assert.Equal(metrics.MeanSquaredError, reloaded.MeanSquaredError);
        Assert.Equal(score, rescored.GetColumn<float>("Score").ToArray());
    }
}
