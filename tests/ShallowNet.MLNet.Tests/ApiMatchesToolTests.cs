using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Training;

namespace ShallowNet.MLNet.Tests;

/// <summary>
/// The C# API beside the tool on the same CSV: <see cref="FittedModel.Evaluate(Dataset)"/> gives the numbers of
/// <c>shallownet evaluate --json</c>, <see cref="FittedModel.Score(Dataset)"/> its accuracy or r2, and the regressor's
/// and classifier's fits on a data set or on rows × features write the tool's model file byte for byte.
/// </summary>
public sealed class ApiMatchesToolTests : IDisposable
{
    private static readonly string[] Settings = ["--label", "Label", "--hidden", "4", "--activation", "tanh", "--optimizer", "gd", "--learning-rate", "0.1",
        "--batch-size", "0", "--epochs", "150", "--log-every", "50", "--seed", "3", "--init", "small", "--init-scale", "0.5", "--standardize", "--threads", "1"];

    private static readonly EstimatorOptions Options = EstimatorOptions.Lesson with
    {
        Hidden = [4],
        Activation = Tanh.Instance,
        InitScale = 0.5,
        Seed = 3,
        Standardize = true,
        Training = new TrainingOptions { Epochs = 150, LearningRate = 0.1, LogEvery = 50, Threads = 1 },
    };

    private readonly ToolFixture _tool = new();

    public void Dispose() => _tool.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_classifier_fitted_on_rows_is_the_tools_model_and_evaluates_as_the_tool(int classes)
    {
        var (rows, labels) = ToolFixture.Examples(90, seed: 21, classes);
        string train = _tool.WriteCsv("train.csv", rows, labels);
        var (testRows, testLabels) = ToolFixture.Examples(60, seed: 22, classes);
        string test = _tool.WriteCsv("test.csv", testRows, testLabels);
        string tool = _tool.Train(train, "tool.json", Settings);

        double[][] x = [.. rows.Select(r => r.Select(v => (double)v).ToArray())];
        var model = new ShallowNetClassifier(Options).Fit(x, labels, ["Features[0]", "Features[1]"]);
        Assert.Equal(File.ReadAllBytes(tool), _tool.BytesWithRecordOf(model.Model with { Label = "Label" }, tool));

        var expected = ToolFixture.Evaluate(tool, test);
        var data = CsvDataset.Read(test, "Label");
        var report = FittedModel.Load(tool).Evaluate(data);
        AssertSameMeasures(expected, report);
        Assert.Equal(expected.GetProperty("accuracy").GetDouble(), model.Score(data));
        var confusion = report.Binary?.Confusion ?? report.Multiclass!.Confusion;
        Assert.Equal(expected.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray(), confusion);
    }

    [Fact]
    public void A_regressor_fitted_on_a_data_set_is_the_tools_model_and_evaluates_as_the_tool()
    {
        var (rows, targets) = ToolFixture.Examples(90, seed: 23, classes: 0);
        string train = _tool.WriteCsv("train.csv", rows, targets);
        var (testRows, testTargets) = ToolFixture.Examples(60, seed: 24, classes: 0);
        string test = _tool.WriteCsv("test.csv", testRows, testTargets);
        string tool = _tool.Train(train, "tool.json", Settings);

        var model = new ShallowNetRegressor(Options).Fit(CsvDataset.Read(train, "Label"));
        Assert.Equal(File.ReadAllBytes(tool), _tool.BytesWithRecordOf(model.Model, tool));

        var expected = ToolFixture.Evaluate(tool, test);
        var data = CsvDataset.Read(test, "Label");
        AssertSameMeasures(expected, model.Evaluate(data));
        Assert.Equal(expected.GetProperty("r2").GetDouble(), model.Score(data));

        // The rows overload against numbers gives the same score.
        double[][] x = [.. testRows.Select(r => r.Select(v => (double)v).ToArray())];
        Assert.Equal(model.Score(data), model.Score(x, [.. data.RequireLabels().Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture))]));
    }

    // Every number the tool printed (the confusion matrix apart) equals the API's measure of the same name.
    private static void AssertSameMeasures(JsonElement expected, EvaluationReport report)
    {
        var names = expected.EnumerateObject().Where(p => p.Name != "confusion").Select(p => p.Name).ToArray();
        Assert.Equal(names.Order(), report.Measures.Keys.Order());
        foreach (string name in names)
        {
            Assert.Equal(expected.GetProperty(name).GetDouble(), report.Measures[name]);
        }
    }
}
