using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Activations;
using ShallowNet.Api;
using ShallowNet.Cli;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.MLNet.Tests;

/// <summary>
/// The tool's <c>train</c>, <see cref="ShallowNetClassifier"/> and <see cref="ShallowNetTrainer"/> are thin callers of one
/// fit pipeline: the same data and settings give the same model file, byte for byte.
/// </summary>
/// <remarks>
/// The metadata is made equal, not stripped: the CSV's columns are named as ML.NET names its feature slots and label
/// (<c>Features[0]</c>, <c>Features[1]</c>, <c>Label</c>), and the classifier reads that CSV, so all three record the same
/// names. Only the tool writes the <c>training</c> record (its version, arguments and the data's SHA-256); the test
/// copies the tool's record onto the other two models before writing them, so the whole files compare.
/// </remarks>
public sealed class SameFitEverywhereTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-samefit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    [Fact]
    public void The_tool_the_csharp_api_and_mlnet_write_the_same_model_file()
    {
        // Mini-batches of Adam shuffle from the generator after the initial weights, a non-default init scale and
        // standardisation: every step of the pipeline shows in the bytes.
        var (x, labels) = TwoBlobs(90, seed: 11, classes: 2);
        string csv = WriteCsv("data.csv", x, labels, weights: null);
        var training = new TrainingOptions { Epochs = 120, LearningRate = 0.01, Optimizer = new Adam(), BatchSize = 16, LogEvery = 40, Threads = 1 };

        string cliPath = Path.Combine(_folder, "cli.json");
        Train(csv, cliPath, "--preset", "lesson", "--label", "Label", "--hidden", "3", "--activation", "tanh", "--optimizer", "adam", "--learning-rate", "0.01",
            "--batch-size", "16", "--epochs", "120", "--log-every", "40", "--seed", "5", "--init", "small", "--init-scale", "0.3", "--standardize", "--threads", "1");
        var record = ModelFile.Load(cliPath).Training;
        Assert.NotNull(record);

        var options = EstimatorOptions.Lesson with { Hidden = [3], Activation = Tanh.Instance, InitScale = 0.3, Seed = 5, Standardize = true, Training = training };
        var api = new ShallowNetClassifier(options).Fit(CsvDataset.Read(csv, "Label"));
        string apiPath = Save(api.Model with { Training = record }, "api.json");

        var ml = new MLContext(seed: 0);
        var rows = ml.Data.LoadFromEnumerable(Enumerable.Range(0, x.Cols).Select(j => new Row { Features = [(float)x[0, j], (float)x[1, j]], Label = float.Parse(labels[j], CultureInfo.InvariantCulture) }));
        var trainer = new ShallowNetTrainer(ml, ShallowNetTrainerOptions.Lesson with { HiddenLayers = [3], Activation = "tanh", InitScale = 0.3, Seed = 5, Standardize = true, Training = training });
        string mlPath = Save(trainer.Fit(rows).Model with { Training = record }, "mlnet.json");

        byte[] expected = File.ReadAllBytes(cliPath);
        Assert.Equal(expected, File.ReadAllBytes(apiPath));
        Assert.Equal(expected, File.ReadAllBytes(mlPath));
    }

    [Fact]
    public void The_tool_and_the_csharp_api_agree_with_a_validation_split_sample_weights_and_balanced_classes()
    {
        // Three classes (softmax), a held-out quarter drawn after the weights, a weight column times balanced weights.
        var (x, labels) = TwoBlobs(80, seed: 12, classes: 3);
        double[] weights = [.. Enumerable.Range(0, 80).Select(j => 0.5 + (j % 4 * 0.25))];
        string csv = WriteCsv("data.csv", x, labels, weights);

        string cliPath = Path.Combine(_folder, "cli.json");
        Train(csv, cliPath, "--preset", "lesson", "--label", "Label", "--hidden", "5", "--activation", "relu", "--init", "he", "--learning-rate", "0.1", "--epochs", "60",
            "--log-every", "20", "--seed", "3", "--validation", "0.25", "--patience", "30", "--weight-column", "w", "--class-weight", "balanced", "--threads", "1");

        var data = CsvDataset.Read(csv, "Label", extraColumns: ["w"]);
        var options = EstimatorOptions.Lesson with
        {
            Hidden = [5],
            Activation = Relu.Instance,
            Init = InitScheme.He,
            Seed = 3,
            ValidationFraction = 0.25,
            BalancedClassWeights = true,
            Training = new TrainingOptions { Epochs = 60, LearningRate = 0.1, LogEvery = 20, Patience = 30, Threads = 1 },
        };
        var api = new ShallowNetClassifier(options).Fit(data, data.ExtraColumn("w"));
        string apiPath = Save(api.Model with { Training = ModelFile.Load(cliPath).Training }, "api.json");

        Assert.Equal(File.ReadAllBytes(cliPath), File.ReadAllBytes(apiPath));
        Assert.All(api.History!.Points, p => Assert.NotNull(p.ValidationCost));
    }

    [Fact]
    public void The_defaults_without_options_are_the_same_fit_in_the_tool_the_csharp_api_and_mlnet()
    {
        // Each entry point starts from Preset.Default: standardised inputs, ReLU with He weights, Adam on mini-batches,
        // a validation split with early stopping. One that drifted would draw, split or step differently.
        var (x, labels) = TwoBlobs(90, seed: 13, classes: 2);
        string csv = WriteCsv("data.csv", x, labels, weights: null);
        string cliPath = Path.Combine(_folder, "cli.json");
        Train(csv, cliPath, "--label", "Label");
        var record = ModelFile.Load(cliPath).Training;

        var api = new ShallowNetClassifier().Fit(CsvDataset.Read(csv, "Label"));
        string apiPath = Save(api.Model with { Training = record }, "api.json");

        var ml = new MLContext(seed: 0);
        var rows = ml.Data.LoadFromEnumerable(Enumerable.Range(0, x.Cols).Select(j => new Row { Features = [(float)x[0, j], (float)x[1, j]], Label = float.Parse(labels[j], CultureInfo.InvariantCulture) }));
        string mlPath = Save(new ShallowNetTrainer(ml).Fit(rows).Model with { Training = record }, "mlnet.json");

        byte[] expected = File.ReadAllBytes(cliPath);
        Assert.Equal(expected, File.ReadAllBytes(apiPath));
        Assert.Equal(expected, File.ReadAllBytes(mlPath));
        Assert.Equal(100, ModelFile.Load(cliPath).Network.Layers[0].Units);
    }

    // Two features (float-exact, so ML.NET's Single columns hold the same numbers as the CSV) around `classes` centres.
    private static (ShallowNet.Numerics.Matrix<double> X, string[] Labels) TwoBlobs(int m, uint seed, int classes)
    {
        var random = new NumpyRandom(seed);
        var x = new ShallowNet.Numerics.Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            int c = j % classes;
            x[0, j] = (float)((c == 1 ? 2.0 : 0.0) + random.NextGaussian());
            x[1, j] = (float)((c == 2 ? 2.0 : 0.0) + random.NextGaussian() + 3);
            labels[j] = c.ToString(CultureInfo.InvariantCulture);
        }

        return (x, labels);
    }

    private string WriteCsv(string name, ShallowNet.Numerics.Matrix<double> x, string[] labels, double[]? weights)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { "Features[0],Features[1]" + (weights is null ? string.Empty : ",w") + ",Label" };
        for (int j = 0; j < x.Cols; j++)
        {
            lines.Add(string.Create(inv, $"{x[0, j]:R},{x[1, j]:R}") + (weights is null ? string.Empty : string.Create(inv, $",{weights[j]:R}")) + "," + labels[j]);
        }

        string path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string Save(TrainedModel model, string name)
    {
        string path = Path.Combine(_folder, name);
        ModelFile.Save(model, path);
        return path;
    }

    private static void Train(string csv, string modelPath, params string[] options)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["train", "--data", csv, "--model", modelPath, "--quiet", .. options], stdout, stderr);
        Assert.True(code == 0, $"exit {code}: {stderr}");
    }
}
