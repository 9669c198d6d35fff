using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary><c>train --test FILE</c>: held-out rows scored after training, as <c>evaluate</c> scores them.</summary>
public class TrainTestRowsTests
{
    private static (string Train, string Test) Split(TempFolder dir)
    {
        var lines = File.ReadAllLines(CliRunner.Fixture("planar_flower.csv"));
        File.WriteAllLines(dir.File("train.csv"), lines.Take(301));
        File.WriteAllLines(dir.File("test.csv"), [lines[0], .. lines.Skip(301)]);
        return (dir.File("train.csv"), dir.File("test.csv"));
    }

    [Fact]
    public void The_test_rows_get_the_measures_evaluate_gives_them_in_the_summary_metrics_plots_and_report()
    {
        using var dir = new TempFolder();
        var (train, test) = Split(dir);
        var r = CliRunner.Run("train", "--data", train, "--test", test, "--model", dir.File("m.json"), "--epochs", "60",
            "--metrics", dir.File("metrics.json"), "--plot", dir.File("plots"), "--report", dir.File("report"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", test, "--json");
        using var expected = JsonDocument.Parse(evaluate.Out);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        var written = metrics.RootElement.GetProperty("test");
        var numbers = expected.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToList();
        Assert.Contains(numbers, p => p.Name == "accuracy");
        Assert.All(numbers, p => Assert.Equal(p.Value.GetDouble(), written.GetProperty(p.Name).GetDouble()));

        double accuracy = expected.RootElement.GetProperty("accuracy").GetDouble();
        Assert.Contains($"test accuracy {accuracy * 100:F2}% on 100 rows of {test}", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.File("plots"), "confusion_test.png")));
        Assert.Contains("Test: 100 rows of test.csv", File.ReadAllText(Path.Combine(dir.File("report"), "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_file_that_cannot_be_scored_is_refused_before_training()
    {
        using var dir = new TempFolder();
        var (train, _) = Split(dir);
        File.WriteAllText(dir.File("bad.csv"), "x0,x1,y\n1,2,0\n3,4,7\n");
        var r = CliRunner.Run("train", "--data", train, "--test", dir.File("bad.csv"), "--model", dir.File("m.json"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("bad.csv", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", r.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));

        var same = CliRunner.Run("train", "--data", train, "--test", train, "--model", train);
        Assert.True(same.ExitCode == 2, same.ToString());
    }
}
