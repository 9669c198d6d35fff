using System.Globalization;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>The tool beyond the lesson: softmax classes, regression targets, mini-batches, optimizers, validation.</summary>
public class DeepAndMulticlassTests
{
    [Fact]
    public void Text_classes_get_a_softmax_output_and_per_class_probabilities()
    {
        using var dir = new TempFolder();
        string data = WriteBlobs(dir.File("blobs.csv"));
        var train = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--hidden", "8,6", "--activation", "relu,tanh",
            "--init", "he", "--optimizer", "adam", "--learning-rate", "0.02", "--batch-size", "16", "--epochs", "150", "--log-every", "50",
            "--validation", "0.25", "--metrics", dir.File("metrics.json"));
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("output: softmax over 3 classes", train.Out, StringComparison.Ordinal);

        using (var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json"))))
        {
            var last = metrics.RootElement.GetProperty("costs").EnumerateArray().Last();
            Assert.True(last.GetProperty("validation_accuracy").GetDouble() > 0.9, last.ToString());
            Assert.True(last.GetProperty("accuracy").GetDouble() > 0.9, last.ToString());
        }

        var predict = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", data, "--proba");
        var lines = predict.Out.TrimEnd().Split('\n');
        Assert.Equal("prediction,probability_lion,probability_tiger,probability_zebra", lines[0]);
        var first = lines[1].Split(',');
        double sum = first.Skip(1).Sum(v => double.Parse(v, CultureInfo.InvariantCulture));
        Assert.Equal(1.0, sum, 12);

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", data, "--json");
        using var report = JsonDocument.Parse(evaluate.Out);
        Assert.Equal(3, report.RootElement.GetProperty("confusion").GetArrayLength());
        Assert.True(report.RootElement.GetProperty("f1").GetDouble() > 0.9);

        // Gradient checks belong before convergence, where the gradient is not rounding noise: check a 2-epoch model.
        CliRunner.Run("train", "--data", data, "--model", dir.File("early.json"), "--hidden", "8,6", "--activation", "relu,tanh", "--init", "he", "--epochs", "2", "--quiet");
        var check = CliRunner.Run("gradcheck", "--model", dir.File("early.json"), "--data", data, "--examples", "20");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void Several_label_columns_train_a_multi_target_regression()
    {
        using var dir = new TempFolder();
        string data = dir.File("reg.csv");
        var lines = new List<string> { "a,b,sum,diff" };
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            double a = (random.NextDouble() * 2) - 1, b = (random.NextDouble() * 2) - 1;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{a + b:R},{a - (0.5 * b):R}"));
        }

        File.WriteAllLines(data, lines);
        var train = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--label", "sum,diff", "--hidden", "6",
            "--learning-rate", "0.1", "--epochs", "1500", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", data, "--json");
        using var report = JsonDocument.Parse(evaluate.Out);
        Assert.True(report.RootElement.GetProperty("r2").GetDouble() > 0.99, evaluate.Out);
        foreach (string measure in new[] { "rmse", "mae", "r2" })
        {
            // each target's own figure beside the average (the average alone hid a badly fitted target)
            double sum = report.RootElement.GetProperty($"{measure}[sum]").GetDouble(), diff = report.RootElement.GetProperty($"{measure}[diff]").GetDouble();
            Assert.Equal(report.RootElement.GetProperty(measure).GetDouble(), (sum + diff) / 2, 12);
        }

        var table = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", data);
        Assert.Contains("rmse[diff]", table.Out, StringComparison.Ordinal);
        var predict = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", data);
        Assert.StartsWith("prediction_sum,prediction_diff", predict.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Hidden_zero_is_the_lessons_logistic_regression_baseline()
    {
        // The course's comparison before the hidden layer: logistic regression reaches 47% on the flower.
        using var dir = new TempFolder();
        string data = dir.File("planar.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);
        var train = CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--hidden", "0", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("train accuracy 47.00%", train.Out, StringComparison.Ordinal);
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json")));
        Assert.Equal(1, model.RootElement.GetProperty("layers").GetArrayLength());
    }

    [Fact]
    public void Early_stopping_reports_the_epoch_it_kept()
    {
        using var dir = new TempFolder();
        string data = WriteBlobs(dir.File("blobs.csv"), spread: 4);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--hidden", "32", "--optimizer", "adam", "--learning-rate", "0.05",
            "--epochs", "3000", "--validation", "0.3", "--patience", "20", "--metrics", dir.File("metrics.json"), "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        Assert.True(metrics.RootElement.GetProperty("stopped_early").GetBoolean(), r.Out);
        Assert.Contains("stopped early after", r.Out, StringComparison.Ordinal);
        Assert.True(metrics.RootElement.GetProperty("epochs").GetInt32() < 3000);
    }

    [Fact]
    public void Weights_and_balanced_classes_are_accepted()
    {
        using var dir = new TempFolder();
        string data = dir.File("w.csv");
        File.WriteAllLines(data, ["x,w,y", "0.1,1,0", "0.2,2,0", "0.3,1,0", "0.9,3,1", "1.1,1,1"]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--weight-column", "w", "--class-weight", "balanced", "--epochs", "50", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json")));
        Assert.Equal(["x"], model.RootElement.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("--patience 5 --validation 0", "--patience: needs a validation set")]
    [InlineData("--validation 1.5", "--validation: must be a fraction in [0, 1)")]
    [InlineData("--optimizer momentum --beta2 0.9", "--beta2: applies to adam only")]
    [InlineData("--optimizer adagrad", "adagrad")]
    [InlineData("--dropout 0.2,0.3", "--dropout: give one drop probability")]
    [InlineData("--dropout 1", "--dropout: '1' is not a probability")]
    [InlineData("--lr-schedule wavy", "--lr-schedule: unknown schedule 'wavy'")]
    [InlineData("--batch-size -1", "--batch-size: must be 0")]
    [InlineData("--l2 -0.1", "--l2: must be 0 or more")]
    [InlineData("--clip-norm 0", "--clip-norm: must be a positive number")]
    [InlineData("--label y,x0 --output sigmoid", "several label columns are regression targets")]
    [InlineData("--weight-column nope", "no column 'nope'")]
    [InlineData("--output softmax --class-weight heavy", "heavy")]
    public void Bad_training_options_name_the_option(string options, string expected)
    {
        using var dir = new TempFolder();
        var args = new List<string> { "train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json") };
        args.AddRange(options.Split(' '));
        var r = CliRunner.Run([.. args]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("m.json")));
    }

    private static string WriteBlobs(string path, double spread = 1)
    {
        var random = new Random(3);
        var lines = new List<string> { "x0,x1,animal" };
        string[] names = ["lion", "tiger", "zebra"];
        (double, double)[] centres = [(0, 0), (3, 0), (0, 3)];
        for (int i = 0; i < 150; i++)
        {
            int c = i % 3;
            double x0 = centres[c].Item1 + (spread * (random.NextDouble() - 0.5)), x1 = centres[c].Item2 + (spread * (random.NextDouble() - 0.5));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x0:R},{x1:R},{names[c]}"));
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
