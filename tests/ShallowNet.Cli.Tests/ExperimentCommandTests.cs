using System.Globalization;

namespace ShallowNet.Cli.Tests;

/// <summary>The lesson's experiments, train --plot/--report, plot, inspect and datasets, end to end with redirected output.</summary>
public class ExperimentCommandTests
{
    [Fact]
    public void Demo_sweep_reproduces_the_courses_accuracies_and_draws_the_grid()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("demo", "sweep", "--plot", dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var expected = new Dictionary<int, (double Lo, double Hi)>
        {
            [1] = (67.5, 67.5),
            [2] = (67.25, 67.25),
            [3] = (90.75, 90.75),
            [4] = (90.5, 90.5),
            [5] = (91.25, 91.25),
            [20] = (90.0, 91.0),
            [50] = (90.25, 90.75),
        };
        foreach (var (hidden, (lo, hi)) in expected)
        {
            var row = r.Out.Split('\n').Single(l => l.StartsWith('|') && l.Split('|', StringSplitOptions.TrimEntries)[1] == hidden.ToString(CultureInfo.InvariantCulture));
            double accuracy = double.Parse(row.Split('|', StringSplitOptions.TrimEntries)[2].TrimEnd('%'), CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, lo, hi);
        }

        PlottingTests.AssertPng(Path.Combine(dir.Path, "sweep_boundaries.png"), 50_000);
    }

    [Fact]
    public void Demo_baseline_puts_logistic_regression_near_47_and_the_network_near_90()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("demo", "baseline", "--plot", dir.Path, "--report", dir.File("report"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("| logistic regression (w = 0) |          3 |", r.Out, StringComparison.Ordinal);
        Assert.Contains("47.00%", r.Out, StringComparison.Ordinal);
        Assert.Contains("90.75%", r.Out, StringComparison.Ordinal);
        PlottingTests.AssertPng(Path.Combine(dir.Path, "baseline_boundaries.png"), 30_000);
        PlottingTests.AssertPng(Path.Combine(dir.Path, "baseline_cost.png"));
        Assert.Contains("data:image/png;base64,", File.ReadAllText(dir.File("report/report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("activations", "identity")]
    [InlineData("init", "W = 0, sigmoid hidden")]
    [InlineData("datasets", "gaussian quantiles")]
    public void Other_experiments_run_without_arguments_but_a_shorter_run(string experiment, string expected)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("demo", experiment, "--epochs", "300", "--plot", dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(expected, r.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path, "*.png"));
    }

    [Fact]
    public void Train_plot_and_report_write_their_files_and_keep_the_plain_lines()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);
        var r = CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--epochs", "2000", "--validation", "0.2",
            "--plot", dir.File("plots"), "--report", dir.File("report"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("epoch    0/2000  cost 0.69", r.Out, StringComparison.Ordinal);
        Assert.StartsWith("final cost ", r.Out.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", r.Out, StringComparison.Ordinal);          // no ANSI codes when redirected
        // with --validation, the training rows and the held-out rows each get their boundary and confusion matrix
        foreach (var png in new[] { "cost.png", "boundary.png", "confusion.png", "boundary_validation.png", "confusion_validation.png" })
        {
            PlottingTests.AssertPng(Path.Combine(dir.File("plots"), png));
        }

        string html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Equal(5, html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("Logged epochs", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_command_draws_a_saved_model_on_data_with_the_metrics_cost_curve()
    {
        using var dir = new TempFolder();
        string data = dir.File("moons.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", data, "--n", "200").ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "500", "--metrics", dir.File("metrics.json"), "--quiet").ExitCode);
        var r = CliRunner.Run("plot", "--model", dir.File("m.json"), "--data", data, "--out", dir.File("out"), "--metrics", dir.File("metrics.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["boundary.png", "confusion.png", "cost.png"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Plot_command_rejects_a_file_that_is_not_metrics()
    {
        using var dir = new TempFolder();
        string data = dir.File("xor.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "xor", "--out", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "10", "--quiet").ExitCode);
        var r = CliRunner.Run("plot", "--model", dir.File("m.json"), "--data", data, "--out", dir.File("out"), "--metrics", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a train --metrics file", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("blobs")]
    [InlineData("quantiles")]
    [InlineData("xor")]
    public void Datasets_writes_each_built_in_set(string name)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("datasets", name, "--out", dir.File("d.csv"), "--n", "120");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadAllLines(dir.File("d.csv"));
        Assert.Equal("x0,x1,y", lines[0]);
        Assert.Equal(121, lines.Length);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1")]
    [InlineData("nan")]
    public void Datasets_refuses_noise_whose_points_are_not_finite_numbers(string noise)
    {
        // before, --noise 1e308 wrote -Infinity into the file, which train then refused
        using var dir = new TempFolder();
        var r = CliRunner.Run("datasets", "moons", "--out", dir.File("d.csv"), "--noise", noise);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("shallownet: error: --noise", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("d.csv")));
    }

    [Fact]
    public void Datasets_refuses_more_examples_than_it_can_make()
    {
        // before, --n 2000000000 overflowed (OverflowException, a stack trace, exit 134)
        using var dir = new TempFolder();
        var r = CliRunner.Run("datasets", "moons", "--out", dir.File("d.csv"), "--n", "2000000000");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("shallownet: error: --n: at most 100,000,000", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("d.csv")));
    }

    [Fact]
    public void Datasets_with_the_largest_noise_writes_numbers_train_reads()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("datasets", "moons", "--out", dir.File("d.csv"), "--noise", "1e307", "--n", "200");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("Infinity", File.ReadAllText(dir.File("d.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_prints_layers_shapes_parameters_and_preprocessing()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--epochs", "10", "--standardize", "--quiet").ExitCode);
        var r = CliRunner.Run("inspect", "--model", dir.File("m.json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Dense(2 => 4, tanh)  # 12 parameters", r.Out, StringComparison.Ordinal);
        Assert.Contains("| 1 | Dense(2 => 4, tanh)    | 4×2  | 4×1  |         12 |", r.Out, StringComparison.Ordinal);
        Assert.Contains("17 parameters", r.Out, StringComparison.Ordinal);
        Assert.Contains("(x - mean) / std", r.Out, StringComparison.Ordinal);
        Assert.Contains("x0: mean ", r.Out, StringComparison.Ordinal);
    }
}
