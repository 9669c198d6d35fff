namespace ShallowNet.Cli.Tests;

/// <summary>
/// <c>train --kernels reference</c> runs the lesson's equations as written and <c>--kernels auto</c> (the default) the
/// fused paths: on the lesson's planar run both write the same model file, byte for byte.
/// </summary>
public class KernelsOptionTests
{
    [Fact]
    public void Reference_and_auto_kernels_write_byte_identical_models_for_the_lesson()
    {
        using var dir = new TempFolder();
        string data = CliRunner.Fixture("planar_flower.csv");
        var auto = CliRunner.Run("train", "--data", data, "--model", dir.File("auto.json"), "--kernels", "auto", "--quiet");
        var reference = CliRunner.Run("train", "--data", data, "--model", dir.File("reference.json"), "--kernels", "reference", "--quiet");
        var implicitAuto = CliRunner.Run("train", "--data", data, "--model", dir.File("default.json"), "--quiet");
        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(implicitAuto.ExitCode == 0, implicitAuto.ToString());
        Assert.Equal(File.ReadAllBytes(dir.File("reference.json")), File.ReadAllBytes(dir.File("auto.json")));
        Assert.Equal(File.ReadAllBytes(dir.File("default.json")), File.ReadAllBytes(dir.File("auto.json")));
    }

    [Fact]
    public void Reference_and_auto_kernels_write_byte_identical_models_with_mini_batches_and_adam()
    {
        using var dir = new TempFolder();
        string data = CliRunner.Fixture("planar_flower.csv");
        string[] options = ["--hidden", "6", "--activation", "relu", "--batch-size", "64", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "300", "--l2", "0.1", "--quiet"];
        var auto = CliRunner.Run(["train", "--data", data, "--model", dir.File("auto.json"), .. options]);
        var reference = CliRunner.Run(["train", "--data", data, "--model", dir.File("reference.json"), "--kernels", "reference", .. options]);
        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(File.ReadAllBytes(dir.File("reference.json")), File.ReadAllBytes(dir.File("auto.json")));
    }

    [Fact]
    public void A_bad_kernels_value_exits_2_with_one_line()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--kernels", "fast");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("fast", r.Error, StringComparison.Ordinal);
        Assert.Contains("--kernels", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }
}
