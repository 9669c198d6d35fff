using System.Globalization;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Cli.Experiments;

/// <summary>
/// The course's week-4 "cat vs non-cat" networks, reproduced from the course's data (the repository keeps a copy in
/// <c>data/catvnoncat</c>): the 2-layer 12288-7-1 (ReLU, W·0.01, seed 1) and the 4-layer 12288-20-7-5-1 (ReLU, W/√n[l-1], seed 1), both
/// with α = 0.0075 for 2500 epochs on pixels / 255, in float64; costs every 100 epochs and the accuracies are compared
/// with the course's (expected.json).
/// </summary>
internal static class CatExperiment
{
    /// <summary>One network of the experiment: its name in expected.json, layer sizes and init scheme.</summary>
    public sealed record Spec(string Name, int[] Sizes, InitScheme Init);

    /// <summary>What a run reached, beside what the course reached.</summary>
    public sealed record Result(Spec Spec, IReadOnlyList<(int Epoch, double Cost, double? Course)> Costs, double TrainAccuracy, double TestAccuracy, double CourseTrainAccuracy, double CourseTestAccuracy, double Seconds);

    public static readonly Spec TwoLayer = new("two_layer", [12288, 7, 1], InitScheme.Small);
    public static readonly Spec FourLayer = new("four_layer", [12288, 20, 7, 5, 1], InitScheme.Lecun);

    /// <summary>Where the data is: the given folder, or data/catvnoncat (the repository's copy) or shared/data/catvnoncat above the working folder or the tool.</summary>
    public static string FindData(string? folder)
    {
        if (folder is not null)
        {
            return File.Exists(Path.Combine(folder, "expected.json"))
                ? folder
                : throw new InvalidInputException($"{folder}: no expected.json, train.csv.gz and test.csv.gz here (the course's cat data)");
        }

        foreach (var root in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "catvnoncat"), Path.Combine(dir.FullName, "data", "catvnoncat") })
                {
                    if (File.Exists(Path.Combine(candidate, "expected.json")))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new InvalidInputException("the course's cat data (catvnoncat/expected.json, train.csv.gz, test.csv.gz) was not found above this folder; pass --data-dir");
    }

    /// <summary>Trains <paramref name="spec"/> for <paramref name="epochs"/> epochs and compares with expected.json.</summary>
    public static Result Run(string folder, Spec spec, int epochs, int threads, Action<int, double>? progress = null)
    {
        using var expectedJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var expected = expectedJson.RootElement.GetProperty(spec.Name);
        var courseCosts = expected.GetProperty("costs").EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetDouble());

        var train = CsvDataset.Read(Path.Combine(folder, "train.csv.gz"), "y");
        var test = CsvDataset.Read(Path.Combine(folder, "test.csv.gz"), "y");
        var pixels = new Preprocessing(InputScale: 255);
        var classes = ClassLabels.FromLabels(train.RequireLabels());
        var x = pixels.Apply(train.X);
        var y = classes.EncodeBinary<double>(train.RequireLabels(), train.Source);

        var activations = Enumerable.Repeat<Activation>(Relu.Instance, spec.Sizes.Length - 2).Append(Sigmoid.Instance).ToArray();
        var network = Initializer.Create<double>(spec.Sizes, activations, new NumpyRandom(1), spec.Init);
        var options = new TrainingOptions { Epochs = epochs, LearningRate = 0.0075, LogEvery = 100, Threads = threads };
        var history = Trainer.Train(network, x, y, options, p => progress?.Invoke(p.Epoch, p.Cost));

        var costs = history.Points.Select(c => (c.Epoch, c.Cost, courseCosts.TryGetValue(c.Epoch, out double v) ? v : (double?)null)).ToList();
        double trainAccuracy = Metrics.Accuracy(network.Predict(x), classes.Encode(train.RequireLabels(), train.Source));
        double testAccuracy = Metrics.Accuracy(network.Predict(pixels.Apply(test.X)), classes.Encode(test.RequireLabels(), test.Source));
        return new Result(spec, costs, trainAccuracy, testAccuracy, expected.GetProperty("train_accuracy").GetDouble(), expected.GetProperty("test_accuracy").GetDouble(), history.TrainSeconds);
    }
}
