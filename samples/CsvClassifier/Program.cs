// A classifier from a CSV file: read, standardise, train, measure on held-out rows, save the model (JSON) and export
// it to ONNX, read the model back and predict. The CSV is written first to a temporary folder (the course's planar
// data, with class names as text), so the sample needs no file outside the repository; pass a CSV path to use yours
// (header row, numeric features, label in the last column).
using System.Globalization;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Export;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;

string folder = Directory.CreateTempSubdirectory("shallownet-csv-sample-").FullName;
string csv = args.Length > 0 ? args[0] : WritePlanarCsv(Path.Combine(folder, "flower.csv"));

var all = CsvDataset.Read(csv);                                           // X (n_x, m), labels as written
var (train, test) = Split(all, testEvery: 5);                             // every 5th row held out
var classes = ClassLabels.FromLabels(train.RequireLabels());
var y = classes.EncodeBinary<double>(train.RequireLabels(), train.Source);
var preprocessing = Preprocessing.Fit(train.X, inputScale: 1, standardize: true);

var network = Initializer.Create<double>([train.X.Rows, 8, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Lecun);
var history = Trainer.Train(network, preprocessing.Apply(train.X), y, new TrainingOptions { Epochs = 3000, LearningRate = 0.5 });
var model = new TrainedModel(network, train.FeatureNames, train.LabelName, classes, preprocessing);
Console.WriteLine($"{network}\nfinal cost {history.FinalCost:F4} after {history.Epochs} epochs");
Console.WriteLine($"train accuracy {Accuracy(model, train):P1}, test accuracy {Accuracy(model, test):P1} ({test.Examples} held-out rows)");

string modelPath = Path.Combine(folder, "model.json"), onnxPath = Path.Combine(folder, "model.onnx");
ModelFile.Save(model, modelPath);
OnnxExport.Save(model, onnxPath);
Console.WriteLine($"saved {modelPath}\nexported {onnxPath}: {OnnxExport.Describe(model)}");

var loaded = ModelFile.Load(modelPath);
var p = loaded.Network.PredictProbabilities(loaded.Prepare(test.X));
for (int j = 0; j < 3; j++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  row {j}: P({loaded.ClassName(1)}) = {p[0, j]:F3} -> {loaded.ClassName(p[0, j] > 0.5 ? 1 : 0)} (true: {test.RequireLabels()[j]})"));
}

Directory.Delete(folder, recursive: true);                                 // the sample's files were temporary

static double Accuracy(TrainedModel model, Dataset data)
{
    var p = model.Network.PredictProbabilities(model.Prepare(data.X));
    var labels = data.RequireLabels();
    int right = Enumerable.Range(0, data.Examples).Count(j => model.ClassName(p[0, j] > 0.5 ? 1 : 0) == labels[j]);
    return right / (double)data.Examples;
}

static (Dataset Train, Dataset Test) Split(Dataset data, int testEvery)
{
    var testColumns = Enumerable.Range(0, data.Examples).Where(j => j % testEvery == 0).ToArray();
    var trainColumns = Enumerable.Range(0, data.Examples).Where(j => j % testEvery != 0).ToArray();
    return (Take(data, trainColumns), Take(data, testColumns));
}

static Dataset Take(Dataset data, int[] columns)
{
    var x = new Matrix<double>(data.X.Rows, columns.Length);
    for (int i = 0; i < x.Rows; i++)
    {
        for (int k = 0; k < columns.Length; k++)
        {
            x[i, k] = data.X[i, columns[k]];
        }
    }

    return data with { X = x, Labels = [.. columns.Select(j => data.RequireLabels()[j])] };
}

static string WritePlanarCsv(string path)
{
    var flower = SyntheticData.Planar(m: 400, seed: 1);
    var lines = new List<string> { "x0,x1,colour" };
    for (int j = 0; j < flower.Examples; j++)
    {
        string colour = flower.RequireLabels()[j] == "1" ? "blue" : "red";
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{flower.X[0, j]:R},{flower.X[1, j]:R},{colour}"));
    }

    File.WriteAllLines(path, lines);
    return path;
}
