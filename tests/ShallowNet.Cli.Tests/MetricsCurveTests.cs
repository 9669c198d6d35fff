using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// <c>--metrics</c>' costs are a curve worth plotting: at least 100 points for a run of 100 epochs or more, each saying
/// whether it is exact J or the mean of an epoch's batch costs, while the printed log stays at <c>--log-every</c>.
/// </summary>
public class MetricsCurveTests
{
    [Fact]
    public void The_lesson_run_writes_about_a_hundred_exact_costs_and_prints_only_the_logged_ones()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--preset", "lesson", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--metrics", dir.File("metrics.json"),
            "--hidden", "4", "--learning-rate", "1.2", "--epochs", "10000", "--log-every", "1000");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(11, r.Out.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));   // 0, 1000, ..., 9000, 9999

        var costs = Costs(dir.File("metrics.json"));
        Assert.InRange(costs.Count, 100, 10000);
        Assert.Equal(costs.Select(c => c.Epoch).Order(), costs.Select(c => c.Epoch));
        Assert.All(costs, c => Assert.Equal("exact", c.Kind));
        Assert.Contains(costs, c => c.Epoch == 9999);
        Assert.Equal(0.693048020123982, costs[0].Cost, 12);                   // the course's J at epoch 0
    }

    [Fact]
    public void Mini_batches_write_every_epochs_batch_mean_and_exact_J_with_validation_at_logged_epochs()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--preset", "lesson", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--metrics", dir.File("metrics.json"),
            "--hidden", "4", "--batch-size", "32", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "150", "--log-every", "50",
            "--validation", "0.2", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var costs = Costs(dir.File("metrics.json"));
        Assert.Equal(Enumerable.Range(0, 150), costs.Select(c => c.Epoch));
        int[] logged = [0, 50, 100, 149];
        Assert.Equal(logged, costs.Where(c => c.Kind == "exact").Select(c => c.Epoch));
        Assert.All(costs.Where(c => c.Kind == "exact"), c => Assert.NotNull(c.BatchMean));
        Assert.All(costs.Where(c => c.Kind == "batch_mean"), c => Assert.Null(c.BatchMean));
        Assert.Equal(logged, costs.Where(c => c.Validation is not null).Select(c => c.Epoch));
    }

    private static List<(int Epoch, double Cost, string? Kind, double? BatchMean, double? Validation)> Costs(string metricsPath)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(metricsPath));
        static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : null;
        return [.. metrics.RootElement.GetProperty("costs").EnumerateArray().Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty("cost").GetDouble(),
            e.GetProperty("cost_kind").GetString(), Number(e, "batch_mean_cost"), Number(e, "validation_cost")))];
    }
}
