namespace ShallowNet.Cli.Tests;

/// <summary>A count of one reads "1 example", not "1 examples".</summary>
public class PluralTests
{
    [Fact]
    public void One_held_out_example_one_layer_and_one_configuration_are_singular()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        CliRunner.Run("datasets", "planar", "--out", data, "--n", "10");
        string model = dir.File("m.json");
        var train = CliRunner.Run("train", "--data", data, "--model", model, "--hidden", "0", "--validation", "0.1", "--epochs", "2");
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("validating on 1 held-out example", train.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("held-out examples", train.Out, StringComparison.Ordinal);

        var inspect = CliRunner.Run("inspect", "--model", model);
        Assert.Contains("1 layer (0 hidden)", inspect.Out, StringComparison.Ordinal);

        var tune = CliRunner.Run("tune", "--data", data, "--folds", "2", "--epochs", "2");
        Assert.True(tune.ExitCode == 0, tune.ToString());
        Assert.Contains("tune: 1 configuration,", tune.Out, StringComparison.Ordinal);
    }
}
