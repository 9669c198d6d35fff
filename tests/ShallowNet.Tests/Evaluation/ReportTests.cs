using System.Text.Json;
using ShallowNet.Evaluation;

namespace ShallowNet.Tests.Evaluation;

/// <summary>Our metrics against scikit-learn's on the same inputs (Fixtures/scripts/metrics.py → Fixtures/metrics.json).</summary>
public class ReportTests
{
    private static readonly Lazy<JsonDocument> s_metrics = new(() => JsonDocument.Parse(File.ReadAllText(TestData.FixturePath("metrics.json"))));

    [Fact]
    public void Binary_report_matches_scikit_learn()
    {
        var c = s_metrics.Value.RootElement.GetProperty("binary");
        int[] y = [.. c.GetProperty("y").EnumerateArray().Select(v => v.GetInt32())];
        double[] p = TestData.Doubles(c.GetProperty("p"));
        var r = BinaryReport.Compute(p, y);
        Assert.Equal(c.GetProperty("accuracy").GetDouble(), r.Accuracy, 14);
        Assert.Equal(c.GetProperty("precision").GetDouble(), r.Precision, 14);
        Assert.Equal(c.GetProperty("recall").GetDouble(), r.Recall, 14);
        Assert.Equal(c.GetProperty("f1").GetDouble(), r.F1, 14);
        Assert.Equal(c.GetProperty("log_loss").GetDouble(), r.LogLoss, 12);
        Assert.Equal(c.GetProperty("auc").GetDouble(), r.Auc, 14);   // the scores have ties: they count 1/2
        AssertConfusion(c, r.Confusion);
    }

    [Fact]
    public void Multiclass_report_matches_scikit_learn_macro_averages()
    {
        var c = s_metrics.Value.RootElement.GetProperty("multiclass");
        int[] y = [.. c.GetProperty("y").EnumerateArray().Select(v => v.GetInt32())];
        var probabilities = TestData.Mat(c, "P");
        var r = ClassificationReport.Compute((i, j) => probabilities[i, j], probabilities.Rows, y);
        Assert.Equal(c.GetProperty("accuracy").GetDouble(), r.Accuracy, 14);
        Assert.Equal(c.GetProperty("precision").GetDouble(), r.Precision, 14);
        Assert.Equal(c.GetProperty("recall").GetDouble(), r.Recall, 14);
        Assert.Equal(c.GetProperty("f1").GetDouble(), r.F1, 14);
        Assert.Equal(c.GetProperty("log_loss").GetDouble(), r.LogLoss, 12);
        AssertConfusion(c, r.Confusion);
    }

    [Fact]
    public void Regression_report_matches_scikit_learn()
    {
        var c = s_metrics.Value.RootElement.GetProperty("regression");
        var r = RegressionReport.Compute(TestData.Mat(c, "Yhat"), TestData.Mat(c, "Y"));
        Assert.Equal(c.GetProperty("rmse").GetDouble(), r.Rmse, 13);
        Assert.Equal(c.GetProperty("mae").GetDouble(), r.Mae, 13);
        Assert.Equal(c.GetProperty("r2").GetDouble(), r.R2, 13);
    }

    private static void AssertConfusion(JsonElement c, int[][] confusion)
    {
        var expected = c.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(expected, confusion);
    }
}
