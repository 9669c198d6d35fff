using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>Options that contradict each other are refused in one line naming both, before any work (not silently ignored).</summary>
public class ContradictionTests
{
    [Theory]
    [InlineData("--init he --init-scale 0.5", "--init-scale: scales the small init only, not he")]
    [InlineData("--init glorot --init-scale 0.5", "--init-scale: scales the small init only, not glorot")]
    [InlineData("--activation relu --init-scale 0.5", "--init-scale: scales the small init only, not he (add --init small)")]
    [InlineData("--label y --ignore y", "--ignore: 'y' is also the label")]
    [InlineData("--ignore y", "--ignore: 'y' is also the label")]
    public void Train_refuses_options_that_contradict(string options, string expected)
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        var r = CliRunner.Run(["train", "--data", CliRunner.BadInput("good.csv"), "--model", model, .. options.Split(' ')]);
        AssertBadInput(r, expected);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void The_small_init_still_takes_a_scale()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json"), "--init", "small", "--init-scale", "0.5", "--epochs", "2", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void Tune_trials_without_a_random_search_is_refused()
    {
        var r = CliRunner.Run("tune", "--data", CliRunner.BadInput("good.csv"), "--trials", "3", "--hidden", "2,3");
        AssertBadInput(r, "--trials: applies to --search random only");
    }

    [Fact]
    public void Predict_proba_on_a_regression_model_is_refused()
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", CliRunner.BadInput("good.csv"), "--model", model, "--output", "identity", "--epochs", "2", "--quiet").ExitCode);
        string output = dir.File("p.csv");
        var r = CliRunner.Run("predict", "--model", model, "--data", CliRunner.BadInput("good.csv"), "--proba", "--out", output);
        AssertBadInput(r, "--proba: ");
        Assert.Contains("regression", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_help_says_what_zero_means_for_threads_and_checkpoints()
    {
        var r = CliRunner.Run("train", "--help");
        Assert.Contains("0 = all cores", r.Out, StringComparison.Ordinal);
        Assert.Contains("0 = only on Ctrl+C", r.Out, StringComparison.Ordinal);
    }
}
