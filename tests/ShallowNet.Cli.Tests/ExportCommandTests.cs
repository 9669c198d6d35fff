namespace ShallowNet.Cli.Tests;

/// <summary>The export command's refusals: one line and exit code 2, nothing written.</summary>
public class ExportCommandTests
{
    [Theory]
    [InlineData("label")]
    [InlineData("probabilities")]
    [InlineData("class")]
    [InlineData("prediction")]
    public void A_text_column_named_as_an_onnx_output_is_refused_with_one_line(string name)
    {
        // A text column makes one ONNX input per column, named as the column, and inputs share the outputs' names:
        // before, train worked and export ended in a NotSupportedException's stack trace (exit 134).
        using var dir = new TempFolder();
        File.WriteAllLines(dir.File("clash.csv"), [$"{name},x,y", .. Enumerable.Range(0, 20).Select(i => $"{(i % 3 == 0 ? "red" : "blue")},{i},{i % 2}")]);
        var train = CliRunner.Run("train", "--data", dir.File("clash.csv"), "--model", dir.File("clash.json"), "--epochs", "2", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());

        var r = CliRunner.Run("export", "--model", dir.File("clash.json"), "--onnx", dir.File("clash.onnx"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: {dir.File("clash.json")}: column '{name}' has the name of an ONNX output (probabilities, label, class, prediction); rename it to export the model", r.Error.TrimEnd());
        Assert.False(File.Exists(dir.File("clash.onnx")));
        Assert.Equal(["clash.csv", "clash.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }
}
