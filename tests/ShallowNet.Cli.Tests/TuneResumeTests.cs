using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>tune's results file, --resume, --budget, --json and --metric; a search on a real table.</summary>
public class TuneResumeTests
{
    private static readonly string[] Fixed = ["--epochs", "25", "--seed", "4", "--folds", "3"];

    private static CliRunner.Result Tune(string hidden, params string[] more) =>
        CliRunner.Run(["tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", hidden, .. Fixed, .. more]);

    private static string[] Trials(CliRunner.Result r) => [.. r.Out.Split('\n').Where(l => l.StartsWith("trial ", StringComparison.Ordinal))];

    [Fact]
    public void A_resumed_search_runs_only_the_missing_trials_and_ends_as_one_uninterrupted_run()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Tune("2,5", "--results", dir.File("r.csv")).ExitCode);
        var resumed = Tune("2,5,8", "--results", dir.File("r.csv"), "--resume", "--json");
        var whole = Tune("2,5,8", "--results", dir.File("whole.csv"), "--json");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        Assert.Contains("; 2 taken from the earlier run", resumed.Error, StringComparison.Ordinal);
        Assert.Single(resumed.Error.Split('\n'), l => l.StartsWith("trial ", StringComparison.Ordinal));   // only --hidden 8 ran
        Assert.StartsWith("trial 3/3  --hidden 8  ", resumed.Error.Split('\n').Single(l => l.StartsWith("trial ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var a = JsonDocument.Parse(resumed.Out).RootElement;
        var b = JsonDocument.Parse(whole.Out).RootElement;
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(b.GetProperty("trials")[t].GetProperty("accuracy").GetRawText(), a.GetProperty("trials")[t].GetProperty("accuracy").GetRawText());
            Assert.Equal(b.GetProperty("trials")[t].GetProperty("log_loss").GetRawText(), a.GetProperty("trials")[t].GetProperty("log_loss").GetRawText());
        }

        Assert.Equal(b.GetProperty("best").GetRawText(), a.GetProperty("best").GetRawText());
        Assert.Equal(4, File.ReadAllLines(dir.File("r.csv")).Length);
    }

    [Fact]
    public async Task A_search_stopped_by_SIGTERM_keeps_its_finished_trials_and_resumes_to_the_same_ranking()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        File.Copy(CliRunner.Fixture("planar_flower.csv"), data);
        // trials of ~0.1-0.2 s (no validation set, so no early stop): the signal lands well before the search ends even
        // on a loaded machine (with 400 epochs and early stopping, all eight finished within ~0.1 s and the test lost the race)
        string[] args = ["tune", "--data", data, "--hidden", "1,2,3,4,5,6,7,8", "--epochs", "1500", "--validation", "0", "--seed", "4", "--folds", "3", "--threads", "1", "--results", dir.File("r.json")];
        var (code, output) = await CliRunner.RunUntilLine(dir.Path, "-TERM", l => l.StartsWith("trial ", StringComparison.Ordinal), args);
        Assert.True(code == 130, output);
        Assert.Contains("run the same command with --resume to continue from", output, StringComparison.Ordinal);
        int kept = JsonDocument.Parse(File.ReadAllText(dir.File("r.json"))).RootElement.GetProperty("trials").GetArrayLength();
        Assert.InRange(kept, 1, 7);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*").Concat(Directory.GetFiles(dir.Path, ".*")));

        var resumed = CliRunner.Run([.. args, "--resume", "--json"]);
        var whole = CliRunner.Run([.. args[..^1], dir.File("whole.json"), "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"; {kept} taken from the earlier run", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(8 - kept, resumed.Error.Split('\n').Count(l => l.StartsWith("trial ", StringComparison.Ordinal)));
        var a = JsonDocument.Parse(resumed.Out).RootElement;
        var b = JsonDocument.Parse(whole.Out).RootElement;
        Assert.Equal(b.GetProperty("best").GetRawText(), a.GetProperty("best").GetRawText());
        Assert.Equal(
            b.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("accuracy").GetRawText()),
            a.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("accuracy").GetRawText()));
    }

    [Fact]
    public void Json_lists_every_trial_the_best_and_how_they_were_scored()
    {
        var r = Tune("2,5", "--json", "--metric", "log_loss");
        Assert.True(r.ExitCode == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("log_loss", root.GetProperty("metric").GetString());
        Assert.True(root.GetProperty("lower_is_better").GetBoolean());
        Assert.Equal("3-fold x1 seed 4", root.GetProperty("scored_by").GetString());
        Assert.Equal(64, root.GetProperty("data_sha256").GetString()!.Length);
        var losses = root.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("log_loss").GetProperty("mean").GetDouble()).ToList();
        Assert.Equal(losses.IndexOf(losses.Min()) + 1, root.GetProperty("best").GetProperty("trial").GetInt32());
        Assert.Equal(0, root.GetProperty("not_run").GetArrayLength());
        Assert.Equal(2, Trials(new CliRunner.Result(0, r.Error, string.Empty)).Length);
    }

    [Fact]
    public void A_budget_too_short_for_any_trial_says_so_and_writes_no_model()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", "2,5", "--epochs", "5000", "--budget", "0.001s", "--model", dir.File("best.json"), "--results", dir.File("r.csv"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("budget 0.001s spent: 2 of 2 trials not run (run the same command with --resume", r.Out, StringComparison.Ordinal);
        Assert.Contains("no trial finished within --budget 0.001s", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("best.json")));
        Assert.Single(File.ReadAllLines(dir.File("r.csv")));                 // the header: nothing finished
    }

    [Theory]
    [InlineData(new[] { "--metric", "r2" }, "--metric: metric 'r2' is not a measure of a binary task")]
    [InlineData(new[] { "--budget", "ten minutes" }, "--budget: 'ten minutes' is not a time")]
    [InlineData(new[] { "--resume" }, "--resume: reads the trials of --results FILE")]
    [InlineData(new[] { "--folds", "0", "--folds-file", "f.csv" }, "--folds-file: gives folds to cross-validate on")]
    public void Contradictory_or_bad_search_options_are_refused(string[] more, string expected)
    {
        var r = CliRunner.Run(["tune", "--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", "2,5", "--epochs", "25", .. more]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Empty(Trials(r));
    }

    [Fact]
    public void Resuming_from_another_search_or_other_data_is_refused_before_training()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Tune("2,5", "--results", dir.File("r.csv")).ExitCode);
        var other = Tune("3,4", "--results", dir.File("r.csv"), "--resume");
        Assert.True(other.ExitCode == 2, other.ToString());
        Assert.Contains("is not a configuration of this search; resume with the options it was started with", other.Error, StringComparison.Ordinal);

        File.WriteAllLines(dir.File("less.csv"), File.ReadAllLines(CliRunner.Fixture("planar_flower.csv"))[..300]);
        var data = CliRunner.Run(["tune", "--data", dir.File("less.csv"), "--hidden", "2,5", .. Fixed, "--results", dir.File("r.csv"), "--resume"]);
        Assert.True(data.ExitCode == 2, data.ToString());
        Assert.Contains("was from other data (its SHA-256 differs)", data.Error, StringComparison.Ordinal);
        Assert.Empty(Trials(other).Concat(Trials(data)));
    }

    [Fact]
    public void On_a_real_table_the_searched_best_scores_at_least_the_defaults_on_held_out_rows()
    {
        // titanic: 891 passengers, text columns and missing ages; 'alive' repeats the label and is ignored. The grid
        // contains the defaults (100 units, L2 1e-4), so cross-validation may keep them; held-out rows judge the choice.
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.Run("split", "--data", CliRunner.Fixture("titanic.csv"), "--label", "survived", "--test", "0.25", "--seed", "0", "--train-out", dir.File("train.csv"), "--test-out", dir.File("test.csv")).ExitCode);
        string[] columns = ["--label", "survived", "--ignore", "alive"];
        var tune = CliRunner.Run(["tune", "--data", dir.File("train.csv"), .. columns, "--hidden", "100,20", "--l2", "1e-4,1e-2", "--folds", "3", "--model", dir.File("best.json")]);
        Assert.True(tune.ExitCode == 0, tune.ToString());
        Assert.True(CliRunner.Run(["train", "--data", dir.File("train.csv"), .. columns, "--model", dir.File("defaults.json"), "--quiet"]).ExitCode == 0);

        double HeldOut(string model) => JsonDocument.Parse(CliRunner.Run("evaluate", "--model", dir.File(model), "--data", dir.File("test.csv"), "--json").Out).RootElement.GetProperty("accuracy").GetDouble();
        Assert.True(HeldOut("best.json") >= HeldOut("defaults.json"), $"tuned {HeldOut("best.json")} < defaults {HeldOut("defaults.json")}\n{tune.Out}");
    }
}
