namespace ShallowNet.Cli.Tests;

public class CurveCommandTests
{
    [Fact]
    public void Curve_prints_one_row_per_size_and_draws_the_plot()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("curve", "--data", CliRunner.Fixture("planar_flower.csv"), "--sizes", "0.2,1", "--folds", "3", "--epochs", "20", "--plot", dir.File("plots"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("learning curve, 3-fold, accuracy on the training rows and on the held-out fold:", r.Out, StringComparison.Ordinal);
        Assert.Equal(2, r.Out.Split('\n').Count(l => l.TrimStart().StartsWith("0.2 ", StringComparison.Ordinal) || l.TrimStart().StartsWith("1 ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(dir.File("plots"), "learning_curve.png")));
    }

    [Theory]
    [InlineData("--sizes", "0,1", "--sizes: '0' is not a fraction in (0, 1]")]
    [InlineData("--sizes", "a", "--sizes: 'a' is not a fraction in (0, 1]")]
    [InlineData("--folds", "1", "--folds: needs at least 2 folds")]
    public void Bad_curve_options_name_the_option(string option, string value, string expected)
    {
        var r = CliRunner.Run("curve", "--data", CliRunner.Fixture("planar_flower.csv"), option, value);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
    }
}
