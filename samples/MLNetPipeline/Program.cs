using System.Globalization;
// ShallowNet inside an ML.NET pipeline: load a CSV with ML.NET, split it, train, evaluate with ML.NET's binary
// metrics, save the ML.NET model (the weights are inside the zip), load it in a fresh context and predict one row.
// The CSV (the course's planar flower) is written to a temporary folder first, so nothing outside the repository is read.
using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Data;
using ShallowNet.MLNet;

string folder = Directory.CreateTempSubdirectory("shallownet-mlnet-sample-").FullName;
string csv = Path.Combine(folder, "flower.csv");
var flower = SyntheticData.Planar(m: 400, seed: 1);
File.WriteAllLines(csv, ["x0,x1,label", .. Enumerable.Range(0, flower.Examples).Select(j =>
    string.Create(CultureInfo.InvariantCulture, $"{flower.X[0, j]:R},{flower.X[1, j]:R},{(flower.RequireLabels()[j] == "1" ? "true" : "false")}"))]);

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromTextFile<Flower>(csv, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

var pipeline = ml.Transforms.Concatenate("Features", nameof(Flower.X0), nameof(Flower.X1))
    .Append(new ShallowNetTrainer(ml, ShallowNetTrainerOptions.Lesson));   // the lesson's 2-4-1 network, on the raw coordinates
var model = pipeline.Fit(split.TrainSet);
Console.WriteLine(model.LastTransformer.Model.Network);

var trainMetrics = ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"train: accuracy {trainMetrics.Accuracy:P1}, AUC {trainMetrics.AreaUnderRocCurve:F3}");
Console.WriteLine($"test: accuracy {metrics.Accuracy:P1}, AUC {metrics.AreaUnderRocCurve:F3}, F1 {metrics.F1Score:F3}, log-loss {metrics.LogLoss:F3}");

string zip = Path.Combine(folder, "model.zip");
ml.Model.Save(model, data.Schema, zip);
Console.WriteLine($"saved {zip} ({new FileInfo(zip).Length} bytes)");

var fresh = new MLContext();
ShallowNetTrainer.Register(fresh);                                         // lets ML.NET find ShallowNet's mappings
var loaded = fresh.Model.Load(zip, out _);
var engine = fresh.Model.CreatePredictionEngine<Flower, FlowerPrediction>(loaded);
var row = new Flower { X0 = (float)flower.X[0, 0], X1 = (float)flower.X[1, 0] };
var prediction = engine.Predict(row);
Console.WriteLine($"loaded; ({row.X0:F3}, {row.X1:F3}) -> P(true) = {prediction.Probability:F3}, predicted {prediction.PredictedLabel}");

Directory.Delete(folder, recursive: true);                                 // the sample's files were temporary

/// <summary>A row of the CSV.</summary>
internal sealed class Flower
{
    [LoadColumn(0)]
    public float X0 { get; set; }

    [LoadColumn(1)]
    public float X1 { get; set; }

    [LoadColumn(2)]
    public bool Label { get; set; }
}

/// <summary>The columns the trainer adds.</summary>
internal sealed class FlowerPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
