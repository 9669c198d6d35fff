namespace ShallowNet.Cli.Tests;

/// <summary>
/// The fit pipeline's refusals, as the tool prints them: one line naming the flag as the tool spells it, exit code 2.
/// (The C# API gets the same checks with its own names; see ShallowNet.Tests' EstimatorTests.)
/// </summary>
public class FitPipelineMessagesTests
{
    [Theory]
    [InlineData("--validation 0.9", "--validation 0.9: holding out 3 of 3 examples leaves none to train on")]
    [InlineData("--output identity --class-weight balanced", "--class-weight balanced applies to classifiers, not regression")]
    [InlineData("--weight-column w", "line 3 ('w'): weight -1 is negative")]
    public void A_fit_the_data_cannot_support_names_the_flag(string options, string expected)
    {
        using var dir = new TempFolder();
        string data = dir.File("three.csv");
        File.WriteAllLines(data, ["x,w,y", "0.5,1,0", "1.5,-1,1", "2.5,1,0"]);
        var r = CliRunner.Run(["train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", .. options.Split(' ')]);
        AssertBadInput(r, expected);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_weight_column_of_zeros_is_refused_before_training()
    {
        // before, every example's share of the cost was 0 and the run wrote a model that had learned nothing
        using var dir = new TempFolder();
        string data = dir.File("zero.csv");
        File.WriteAllLines(data, ["x,w,y", "0.5,0,0", "1.5,0,1", "2.5,0.0,0"]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", "--weight-column", "w");
        AssertBadInput(r, "every weight in 'w' is 0");
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void Dropout_for_fewer_hidden_layers_than_the_start_model_has_names_the_flag()
    {
        using var dir = new TempFolder();
        string data = dir.File("three.csv");
        File.WriteAllLines(data, ["x,y", "0.5,0", "1.5,1", "2.5,0"]);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", dir.File("start.json"), "--hidden", "3,3", "--epochs", "1", "--quiet").ExitCode);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--init-params", dir.File("start.json"), "--dropout", "0.1", "--epochs", "5");
        AssertBadInput(r, "--dropout: the network has 2 hidden layers");
    }

    private static void AssertBadInput(CliRunner.Result r, string expected)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("shallownet: error: ", r.Error, StringComparison.Ordinal);
    }
}
