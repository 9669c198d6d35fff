namespace ShallowNet.Cli.Tests;

/// <summary>
/// Ctrl+C or SIGTERM while `cv` or `curve` trains its folds: exit 130 and one line saying why there is no score.
/// Before, the runtime's default exit printed nothing (exit 130 or 143), after the header line had already promised a
/// table.
/// </summary>
public class InterruptedSelectionTests
{
    [SkippableTheory]
    [InlineData("cv", "-TERM")]
    [InlineData("cv", "-INT")]
    [InlineData("curve", "-TERM")]
    public async Task A_signal_while_the_folds_train_stops_with_one_line(string command, string signal)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals through kill(1); the CI runs Linux");
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);

        // the header line is printed before the folds start: the signal then meets the training, which cannot end first
        // (no validation set: no early stopping)
        var (code, output) = await CliRunner.RunUntilLine(dir.Path, signal, line => line.Contains("-fold", StringComparison.Ordinal),
            command, "--data", data, "--epochs", "100000000", "--validation", "0", "--threads", "1");

        Assert.True(code == 130, $"exit {code}: {output}");
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);                  // the header, then the one line on stderr
        Assert.StartsWith("shallownet: interrupted", lines[1], StringComparison.Ordinal);
        Assert.Equal(["flower.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
