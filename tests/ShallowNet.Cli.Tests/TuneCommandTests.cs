using System.Globalization;

namespace ShallowNet.Cli.Tests;

public class TuneCommandTests
{
    [Fact]
    public void The_lessons_hidden_size_sweep_as_a_search_gives_the_courses_accuracies()
    {
        // The course trained the flower with 1, 2, 3, 4, 5, 20 and 50 tanh units for 5000 iterations and reported the
        // training accuracy; --folds 0 scores on the rows trained on, as it did.
        using var dir = new TempFolder();
        var r = CliRunner.Run("tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", "1,2,3,4,5,20,50", "--preset", "lesson", "--epochs", "5000", "--folds", "0", "--plot", dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var course = new Dictionary<int, (double Lo, double Hi)>
        {
            [1] = (67.5, 67.5),
            [2] = (67.25, 67.25),
            [3] = (90.75, 90.75),
            [4] = (90.5, 90.5),
            [5] = (91.25, 91.25),
            [20] = (90.0, 91.0),
            [50] = (90.25, 90.75),
        };
        foreach (var (hidden, (lo, hi)) in course)
        {
            var line = r.Out.Split('\n').Single(l => l.StartsWith("trial ", StringComparison.Ordinal) && l.Contains($"  --hidden {hidden}  ", StringComparison.Ordinal));
            double accuracy = double.Parse(line.Split("accuracy ")[1].Split(' ')[0], CultureInfo.InvariantCulture) * 100;
            Assert.InRange(accuracy, lo - 1e-9, hi + 1e-9);
        }

        Assert.Contains("best: --hidden 5 (trial 5)", r.Out, StringComparison.Ordinal);
        PlottingTests.AssertPng(Path.Combine(dir.Path, "tune_hidden.png"));          // the lesson's hidden-size figure
    }

    [Fact]
    public void A_grid_is_cross_validated_ranked_written_and_its_best_retrained_as_train_would()
    {
        using var dir = new TempFolder();
        string[] options = ["--hidden", "3,8x4", "--learning-rate", "0.01,0.05", "--epochs", "30", "--seed", "4"];
        var r = CliRunner.Run(["tune", "--data", CliRunner.Fixture("planar_flower.csv"), .. options, "--folds", "3", "--model", dir.File("best.json"), "--results", dir.File("trials.csv")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(4, r.Out.Split('\n').Count(l => l.StartsWith("trial ", StringComparison.Ordinal)));
        var rows = File.ReadAllLines(dir.File("trials.csv"));
        Assert.Equal("trial,options,accuracy_mean,accuracy_std,precision_mean,precision_std,recall_mean,recall_std,f1_mean,f1_std,log_loss_mean,log_loss_std,auc_mean,auc_std,seconds,scored_by,data_sha256", rows[0]);
        Assert.Equal(5, rows.Length);

        // Each trial's score is what cv gives for its options; the best is retrained as train would train it.
        var bestLine = r.Out.Split('\n').Single(l => l.StartsWith("best: ", StringComparison.Ordinal));
        string bestOptions = bestLine["best: ".Length..bestLine.IndexOf(" (trial", StringComparison.Ordinal)];
        int trial = int.Parse(bestLine.Split("(trial ")[1].TrimEnd(')', '\r'), CultureInfo.InvariantCulture);
        string[][] grid = [["3", "0.01"], ["3", "0.05"], ["8,4", "0.01"], ["8,4", "0.05"]];      // the first option slowest
        string[] bestArgs = ["--hidden", grid[trial - 1][0], "--learning-rate", grid[trial - 1][1], "--epochs", "30", "--seed", "4"];
        var cv = CliRunner.Run(["cv", "--data", CliRunner.Fixture("planar_flower.csv"), .. bestArgs, "--folds", "3", "--json"]);
        double cvMean = System.Text.Json.JsonDocument.Parse(cv.Out).RootElement.GetProperty("accuracy").GetProperty("mean").GetDouble();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"accuracy {cvMean:F4}"), r.Out.Split('\n')[trial - 1 + Array.FindIndex(r.Out.Split('\n'), l => l.StartsWith("trial 1/", StringComparison.Ordinal))], StringComparison.Ordinal);
        Assert.True(CliRunner.Run(["train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("again.json"), .. bestArgs, "--quiet"]).ExitCode == 0);
        Assert.Equal(Layers(dir.File("again.json")), Layers(dir.File("best.json")));
        Assert.NotEmpty(bestOptions);
    }

    [Theory]
    [InlineData("--learning-rate", "0.1,abc", "tune: ")]
    [InlineData("--hidden", "3,,4", "--hidden: '3,,4' has an empty candidate")]
    [InlineData("--folds", "1", "--folds: needs 0")]
    public void A_bad_candidate_is_refused_before_any_training(string option, string value, string expected)
    {
        var r = CliRunner.Run("tune", "--data", CliRunner.Fixture("planar_flower.csv"), option, value);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("trial 1", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_too_large_to_list_is_refused_at_once()
    {
        // 30 candidates of four options: the grid was listed in full before anything ran (2·10¹⁰ of them hung the tool)
        string many = string.Join(",", Enumerable.Range(1, 30));
        var r = CliRunner.Run("tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", many, "--learning-rate", many, "--l2", many, "--seed", many, "--search", "random", "--trials", "3");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal("shallownet: error: tune: 30 --hidden × 30 --learning-rate × 30 --l2 × 30 --seed make 810,000 configurations; at most 100,000 (list fewer candidates)", r.Error.TrimEnd());
    }

    [Theory]
    [InlineData("tune", "100000x100000,3")]
    [InlineData("cv", "100000,100000")]
    [InlineData("curve", "100000,100000")]
    public void A_configuration_too_large_for_memory_is_refused_before_any_fold(string command, string hidden)
    {
        // train refused it with an estimate; cv, curve and tune allocated until an overflow crashed them (exit 134)
        var r = CliRunner.Run(command, "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", hidden, "--threads", "2");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("shallownet: error: --hidden 100000,100000: training a 2-100000-100000-1 network (10,000,500,001 parameters)", r.Error, StringComparison.Ordinal);
        Assert.Contains("2 such trainings at once (one per thread)", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--results out/r.json --plot out/r.json", "--plot out/r.json: is the path of --results out/r.json")]
    [InlineData("--model out/b.json --plot out/b.json", "--plot out/b.json: is the path of --model out/b.json")]
    [InlineData("--results r.parquet", "--results r.parquet: tune writes CSV, or JSON for a .json name, not Parquet")]
    public void Outputs_that_cannot_be_written_as_asked_are_refused_before_any_trial(string options, string expected)
    {
        // before: a stack trace after the search (exit 134), a folder left named b.json, CSV text under a .parquet name
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("out"));
        File.Copy(CliRunner.Fixture("planar_flower.csv"), dir.File("d.csv"));
        var r = CliRunner.RunProcess(dir.Path, ["tune", "--data", "d.csv", "--hidden", "2,3", "--epochs", "2", .. options.Split(' ')]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("shallownet: error: " + expected, r.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("out")));
        Assert.Equal(["d.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    // The model file without its training record (which names the command line).
    private static string Layers(string path)
    {
        string text = File.ReadAllText(path);
        return text[text.IndexOf("\"preprocessing\"", StringComparison.Ordinal)..];
    }

    [Theory]
    [InlineData(0.0042, "4 ms")]
    [InlineData(0.0004, "0 ms")]
    [InlineData(0.099, "99 ms")]
    [InlineData(0.5, "0.50 s")]
    [InlineData(12.345, "12.35 s")]
    public void A_trials_time_reads_in_milliseconds_under_a_tenth_of_a_second(double seconds, string expected)
    {
        // before, every trial of a small table after the first read "(0.00 s)"
        Assert.Equal(expected, ShallowNet.Cli.Commands.TuneView.Duration(seconds));
    }
}
