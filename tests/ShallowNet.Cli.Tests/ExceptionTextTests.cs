using System.Text.Json.Nodes;
using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>Messages built from an exception's text: no "(Parameter 'names')", no path cut short at a dot.</summary>
public class ExceptionTextTests
{
    [Fact]
    public void A_model_whose_classes_repeat_is_refused_without_the_parameter_name()
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", model, "--epochs", "2", "--quiet").ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(model))!;
        json["classes"] = new JsonArray(1, 1);
        File.WriteAllText(model, json.ToJsonString());
        var r = CliRunner.Run("predict", "--model", model, "--data", CliRunner.Fixture("planar_flower.csv"));
        AssertBadInput(r, "classes: class '1' appears twice");
        Assert.DoesNotContain("Parameter", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_metrics_file_is_named_whole_before_any_plotting()
    {
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", model, "--epochs", "2", "--quiet").ExitCode);
        string missing = dir.File("nonexist.json");
        var r = CliRunner.Run("plot", "--model", model, "--data", CliRunner.Fixture("planar_flower.csv"), "--out", dir.File("plots"), "--metrics", missing);
        AssertBadInput(r, $"{missing}: metrics file not found");
        Assert.DoesNotContain("Could not find", r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("plots")) && Directory.EnumerateFileSystemEntries(dir.File("plots")).Any(), "plot wrote pictures before refusing");
    }
}
