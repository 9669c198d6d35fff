using System.Diagnostics;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Ctrl+C or SIGTERM while a command writes a large file: exit 130 with one line, no file, and no hidden temporary
/// file left behind. Before, the runtime's default exit left `.NAME.GUID.tmp` (gigabytes for a large data set) until
/// the next write of the same name.
/// </summary>
public class InterruptedWriteTests
{
    [SkippableTheory]
    [InlineData("-TERM")]
    [InlineData("-INT")]
    public async Task A_signal_while_datasets_writes_leaves_no_file_and_no_temporary_file(string signal)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals through kill(1); the CI runs Linux");
        using var dir = new TempFolder();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "shallownet.dll"), "datasets", "blobs", "--n", "30000000", "--out", dir.File("big.csv") })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && Directory.GetFiles(dir.Path, ".big.csv.*.tmp").Length == 0 && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(20);
        }

        Skip.If(process.HasExited, "the data set was written before the signal could be sent");
        Assert.NotEmpty(Directory.GetFiles(dir.Path, ".big.csv.*.tmp"));
        using (var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"datasets did not stop after {signal}");
        }

        string error = await errors;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await output}{error}");
        Assert.StartsWith("shallownet: interrupted", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }
}
