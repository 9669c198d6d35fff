using System.Diagnostics;
using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// What an output path is on disk: a link is written through and kept, a pipe is written into and kept, a read-only
/// file is refused, a replaced file keeps its permissions, "link/.." goes where the system says, and inputs lying in a
/// plot or report folder under the names written there are refused. Before, every output was a new file renamed over
/// the path, which replaced links, pipes and devices (/dev/null as root) and read-only files alike.
/// </summary>
public class OutputFileKindTests
{
    [Fact]
    public void An_output_that_is_a_symbolic_link_writes_its_target_and_keeps_the_link()
    {
        using var dir = new TempFolder();
        string data = Data(dir);
        Directory.CreateDirectory(dir.File("elsewhere"));
        File.CreateSymbolicLink(dir.File("link.json"), Path.Combine("elsewhere", "model.json"));   // relative, target not there yet

        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("link.json"), "--epochs", "3", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(Path.Combine("elsewhere", "model.json"), new FileInfo(dir.File("link.json")).LinkTarget);
        Assert.StartsWith("{", File.ReadAllText(dir.File("elsewhere/model.json")), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("inspect", "--model", dir.File("link.json")).ExitCode);
    }

    [SkippableFact]
    public async Task An_output_that_is_a_named_pipe_is_written_into_not_replaced()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mkfifo is POSIX; the CI runs Linux");
        using var dir = new TempFolder();
        string data = Data(dir);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "3", "--quiet").ExitCode);
        string fifo = dir.File("out.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        var predict = Task.Run(() => CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", data, "--out", fifo));
        if (await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(60))) != reader)
        {
            using (File.OpenWrite(fifo))
            {
                // the pipe was replaced (the bug): open it once so the reader ends
            }

            Assert.Fail("nothing was written into the pipe");
        }

        var r = await predict;
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(201, (await reader).TrimEnd('\n').Split('\n').Length);      // a header and 200 predictions
        Assert.Null(new FileInfo(fifo).LinkTarget);
        Assert.True(ShallowNet.Serialization.FilePaths.IsSpecialFile(fifo), "the pipe is still a pipe");
    }

    [Fact]
    public void Dot_dot_after_a_linked_folder_is_taken_from_the_links_target()
    {
        using var dir = new TempFolder();
        string data = Data(dir);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "3", "--quiet").ExitCode);
        Directory.CreateDirectory(dir.File("sub/deeper"));
        Directory.CreateSymbolicLink(dir.File("s"), Path.Combine("sub", "deeper"));

        // s/../p.csv is sub/p.csv for the system (and for `cat`); as text it would be p.csv beside s
        var r = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", data, "--out", Path.Combine(dir.File("s"), "..", "p.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(dir.File("sub/p.csv")));
        Assert.False(File.Exists(dir.File("p.csv")));

        // and an input reached that way is recognised as the same file
        var over = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", dir.File("sub/p.csv"), "--out", Path.Combine(dir.File("s"), "..", "p.csv"));
        AssertBadInput(over, "--out");
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_output_is_refused_and_a_replaced_file_keeps_its_permissions()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix permissions");
        using var dir = new TempFolder();
        string data = Data(dir);
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "3", "--quiet").ExitCode);

        File.SetUnixFileMode(model, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "4", "--quiet").ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(model));

        File.Copy(data, dir.File("kept.csv"));
        File.SetUnixFileMode(dir.File("kept.csv"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        byte[] before = File.ReadAllBytes(dir.File("kept.csv"));
        var r = CliRunner.Run("predict", "--model", model, "--data", data, "--out", dir.File("kept.csv"));
        AssertBadInput(r, "--out");
        Assert.Contains("read-only", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(dir.File("kept.csv")));
    }

    [Theory]
    [InlineData("train", "report.html", "--report")]
    [InlineData("train", "cost.png", "--plot")]
    [InlineData("plot", "confusion.png", "--out")]
    [InlineData("plot-metrics", "cost.png", "--out")]
    public void An_input_in_a_plot_or_report_folder_under_a_name_written_there_is_refused(string command, string name, string folderOption)
    {
        using var dir = new TempFolder();
        string data = Data(dir);
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--metrics", dir.File("metrics.json"), "--epochs", "3", "--quiet").ExitCode);
        string folder = dir.File("out");
        Directory.CreateDirectory(folder);
        string input = Path.Combine(folder, name);
        File.Copy(command == "plot-metrics" ? dir.File("metrics.json") : data, input);
        byte[] before = File.ReadAllBytes(input);

        string[] args = command switch
        {
            "train" => ["train", "--data", input, "--model", dir.File("m2.json"), "--epochs", "3", "--quiet", folderOption, folder],
            "plot" => ["plot", "--model", model, "--data", input, "--out", folder],
            _ => ["plot", "--model", model, "--data", data, "--metrics", input, "--out", folder],
        };
        var r = CliRunner.Run(args);
        AssertBadInput(r, folderOption);
        Assert.Contains("destroy the input", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.False(File.Exists(dir.File("m2.json")));
    }

    private static string Data(TempFolder dir)
    {
        string data = dir.File("d.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", data, "--n", "200").ExitCode);
        return data;
    }
}
