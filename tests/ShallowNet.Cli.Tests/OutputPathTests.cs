namespace ShallowNet.Cli.Tests;

/// <summary>Where the tool writes: never over one of its inputs, and every output location checked before any work.</summary>
public class OutputPathTests
{
    [Theory]
    [InlineData("--model DATA", "--model", "--data")]
    [InlineData("--model m.json --metrics DATA", "--metrics", "--data")]
    [InlineData("--model m.json --checkpoint DATA", "--checkpoint", "--data")]
    [InlineData("--model m.json --metrics m.json", "--metrics", "--model")]
    [InlineData("--model m.json --checkpoint m.json", "--checkpoint", "--model")]
    [InlineData("--model DATA.checkpoint.json --checkpoint DATA.checkpoint.json", "--checkpoint", "--model")]
    public void An_output_that_is_an_input_or_another_output_is_refused_before_any_work(string options, string output, string other)
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);
        byte[] before = File.ReadAllBytes(data);
        var args = new List<string> { "train", "--data", data, "--epochs", "5", "--quiet" };
        args.AddRange(options.Split(' ').Select(a => a.Replace("DATA", data, StringComparison.Ordinal).Replace("m.json", dir.File("m.json"), StringComparison.Ordinal)));
        var r = CliRunner.Run([.. args]);
        AssertBadInput(r, output);
        Assert.Contains(other, r.Error, StringComparison.Ordinal);
        Assert.Contains("same file", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(data));
        Assert.Equal(["d.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--model out/m.json --plot out/m.json", "--plot out/m.json: is the path of --model out/m.json")]
    [InlineData("--model out/m.json --report out/m.json/", "--report out/m.json/: is the path of --model out/m.json")]
    [InlineData("--model m.json --metrics out/cost.png --plot out", "--metrics out/cost.png: lies in --plot out under a name written there")]
    public void A_plot_or_report_folder_that_meets_a_file_output_is_refused_before_any_work(string options, string expected)
    {
        // before, the model was written and then the folder could not be made: a stack trace (exit 134) after the work,
        // or the metrics file replaced by the cost plot
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("out"));
        Assert.Equal(0, CliRunner.RunProcess(dir.Path, "datasets", "moons", "--n", "40", "--out", "moons.csv").ExitCode);
        var r = CliRunner.RunProcess(dir.Path, ["train", "--data", "moons.csv", "--epochs", "3", "--quiet", .. options.Split(' ')]);
        AssertBadInput(r, expected);
        Assert.Empty(Directory.GetFiles(dir.File("out")));
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void Dash_writes_datasets_and_predictions_to_standard_output_and_no_file_named_dash()
    {
        // before, '--out -' created a file named "-" in the working folder
        using var dir = new TempFolder();
        var data = CliRunner.RunProcess(dir.Path, "datasets", "moons", "--n", "40", "--out", "-");
        Assert.True(data.ExitCode == 0, data.ToString());
        var rows = data.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("x0,x1,y", rows[0]);
        Assert.Equal(41, rows.Length);
        File.WriteAllText(dir.File("moons.csv"), data.Out);
        Assert.Equal(0, CliRunner.RunProcess(dir.Path, "train", "--data", "moons.csv", "--model", "m.json", "--epochs", "5", "--quiet").ExitCode);

        var predicted = CliRunner.RunProcess(dir.Path, "predict", "--model", "m.json", "--data", "moons.csv", "--out", "-");
        Assert.True(predicted.ExitCode == 0, predicted.ToString());
        Assert.Equal(41, predicted.Out.TrimEnd('\n').Split('\n').Length);
        Assert.False(File.Exists(dir.File("-")));
    }

    [Theory]
    [InlineData("train --data moons.csv --model -", "--model")]
    [InlineData("train --data moons.csv --model m.json --metrics -", "--metrics")]
    [InlineData("split --data moons.csv --train-out - --test-out te.csv", "--train-out")]
    public void Dash_for_an_output_that_cannot_be_standard_output_is_refused(string command, string option)
    {
        using var dir = new TempFolder();
        Assert.Equal(0, CliRunner.RunProcess(dir.Path, "datasets", "moons", "--n", "40", "--out", "moons.csv").ExitCode);
        var r = CliRunner.RunProcess(dir.Path, command.Split(' '));
        AssertBadInput(r, option + " -: give a file name");
        Assert.Equal(["moons.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Init_params_equal_to_the_model_is_refused_so_the_starting_model_is_kept()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string start = dir.File("start.json");
        File.Copy(CliRunner.Fixture("planar_init.json"), start);
        byte[] before = File.ReadAllBytes(start);
        var r = CliRunner.Run("train", "--data", data, "--init-params", start, "--model", start, "--epochs", "5", "--quiet");
        AssertBadInput(r, "--model");
        Assert.Contains("--init-params", r.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(start));
    }

    [Fact]
    public void The_same_file_through_a_linked_folder_or_a_relative_path_is_recognised()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("real"));
        string data = Path.Combine(dir.File("real"), "d.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        Directory.CreateSymbolicLink(dir.File("alias"), dir.File("real"));
        File.CreateSymbolicLink(dir.File("link.csv"), data);
        byte[] before = File.ReadAllBytes(data);

        var viaFolder = CliRunner.Run("train", "--data", data, "--model", Path.Combine(dir.File("alias"), "d.csv"), "--epochs", "5", "--quiet");
        AssertBadInput(viaFolder, "--model");
        var viaLink = CliRunner.Run("train", "--data", dir.File("link.csv"), "--model", data, "--epochs", "5", "--quiet");
        AssertBadInput(viaLink, "--model");
        var viaDots = CliRunner.Run("train", "--data", data, "--model", Path.Combine(dir.File("alias"), "..", "real", ".", "d.csv"), "--epochs", "5", "--quiet");
        AssertBadInput(viaDots, "--model");
        Assert.Equal(before, File.ReadAllBytes(data));
    }

    [Fact]
    public void Predict_and_export_refuse_to_write_over_their_inputs()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        string model = dir.File("m.json");
        CliRunner.Run("datasets", "planar", "--out", data);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "5", "--quiet").ExitCode);
        byte[] dataBefore = File.ReadAllBytes(data);
        byte[] modelBefore = File.ReadAllBytes(model);

        AssertBadInput(CliRunner.Run("predict", "--model", model, "--data", data, "--out", model), "--out");
        AssertBadInput(CliRunner.Run("predict", "--model", model, "--data", data, "--out", data), "--out");
        AssertBadInput(CliRunner.Run("export", "--model", model, "--onnx", model), "--onnx");
        Assert.Equal(dataBefore, File.ReadAllBytes(data));
        Assert.Equal(modelBefore, File.ReadAllBytes(model));
    }

    [Fact]
    public void The_other_commands_check_their_output_locations_first()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        string model = dir.File("m.json");
        CliRunner.Run("datasets", "planar", "--out", data);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "5", "--quiet").ExitCode);
        File.WriteAllText(dir.File("afile"), "mine");

        AssertBadInput(CliRunner.Run("plot", "--model", model, "--data", data, "--out", dir.File("afile")), "--out");
        AssertBadInput(CliRunner.Run("datasets", "planar", "--out", dir.Path), "--out");
        AssertBadInput(CliRunner.Run("predict", "--model", model, "--data", data, "--out", string.Empty), "--out");
        AssertBadInput(CliRunner.Run("predict", "--model", model, "--data", data, "--out", dir.File("missing/p.csv")), "--out");
        AssertBadInput(CliRunner.Run("export", "--model", model, "--onnx", string.Empty), "--onnx");
        Assert.Equal("mine", File.ReadAllText(dir.File("afile")));
    }

    [Theory]
    [InlineData("--metrics NOFOLDER/metrics.json", "--metrics")]
    [InlineData("--model NOFOLDER/m2.json", "--model")]
    [InlineData("--model FOLDER", "--model")]
    [InlineData("--metrics FOLDER", "--metrics")]
    [InlineData("--checkpoint NOFOLDER/c.json", "--checkpoint")]
    [InlineData("--plot FILE", "--plot")]
    [InlineData("--report FILE", "--report")]
    [InlineData("--plot FILE/sub", "--plot")]
    [InlineData("--model ", "--model")]
    public void Every_output_location_is_checked_before_training(string options, string option)
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string file = dir.File("existing.txt");
        File.WriteAllText(file, "mine");
        Directory.CreateDirectory(dir.File("folder"));
        var r = CliRunner.Run([.. TrainArguments(dir, data, options.Replace("NOFOLDER", dir.File("missing"), StringComparison.Ordinal)
            .Replace("FOLDER", dir.File("folder"), StringComparison.Ordinal)
            .Replace("FILE", file, StringComparison.Ordinal))]);
        AssertBadInput(r, option);
        Assert.False(File.Exists(dir.File("m.json")), "nothing may be written when an output location is bad");
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("folder")));
    }

    [SkippableTheory]
    [InlineData("--report READONLY/sub", "--report")]
    [InlineData("--plot READONLY", "--plot")]
    [InlineData("--model READONLY/m2.json", "--model")]
    [InlineData("--metrics READONLY/metrics.csv", "--metrics")]
    [InlineData("--checkpoint READONLY/c.json", "--checkpoint")]
    public void A_read_only_folder_is_refused_before_training(string options, string option)
    {
        // Root writes anywhere, so under root (CI) the tool runs as the unprivileged user 65534 through setpriv.
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("the read-only folder is made with Unix modes");
        }

        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string readOnly = dir.File("readonly");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var args = TrainArguments(dir, data, options.Replace("READONLY", readOnly, StringComparison.Ordinal));
            CliRunner.Result r;
            if (CanWrite(readOnly))
            {
                Skip.IfNot(File.Exists("/usr/bin/setpriv") && File.Exists("/usr/bin/chown"), "running as root without setpriv: nothing is read-only");
                Assert.Equal(0, CliRunner.RunTool("/usr/bin/chown", "-R", "65534:65534", dir.Path));
                r = CliRunner.RunProcess(dir.Path, new Dictionary<string, string> { ["HOME"] = dir.Path }, ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], [.. args]);
            }
            else
            {
                r = CliRunner.Run([.. args]);
            }

            AssertBadInput(r, option);
            Assert.Contains("permission denied", r.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(dir.File("m.json")), "nothing may be written when an output location is bad");
            Assert.Empty(Directory.GetFileSystemEntries(readOnly));
        }
        finally
        {
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static List<string> TrainArguments(TempFolder dir, string data, string options)
    {
        var args = new List<string> { "train", "--data", data, "--epochs", "5", "--quiet" };
        if (!options.StartsWith("--model", StringComparison.Ordinal))
        {
            args.AddRange(["--model", dir.File("m.json")]);
        }

        args.AddRange(options.Split(' ', 2));
        return args;
    }

    [Theory]
    [InlineData("train", "--model")]
    [InlineData("train", "--metrics")]
    [InlineData("predict", "--out")]
    public void An_output_that_is_a_symbolic_link_loop_is_refused_not_replaced(string command, string option)
    {
        // Before: the loop was silently replaced by a regular file with exit 0.
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        string model = dir.File("m.json");
        CliRunner.Run("datasets", "planar", "--out", data);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "5", "--quiet").ExitCode);
        File.CreateSymbolicLink(dir.File("loop1"), dir.File("loop2"));
        File.CreateSymbolicLink(dir.File("loop2"), dir.File("loop1"));

        string[] args = command == "train"
            ? ["train", "--data", data, "--epochs", "5", "--quiet", .. option == "--model" ? new[] { "--model", dir.File("loop1") } : ["--model", dir.File("m2.json"), option, dir.File("loop1")]]
            : ["predict", "--model", model, "--data", data, "--out", dir.File("loop1")];
        var r = CliRunner.Run(args);
        AssertBadInput(r, option);
        Assert.Contains("loops back on itself", r.Error, StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(dir.File("loop1")).LinkTarget);
        Assert.False(File.Exists(dir.File("m2.json")));
    }

    [Fact]
    public void Plot_and_report_folders_that_do_not_exist_yet_are_created()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", "--quiet", "--plot", dir.File("a/b"), "--report", dir.File("c"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(Path.Combine(dir.File("a/b"), "cost.png")));
        Assert.True(File.Exists(Path.Combine(dir.File("c"), "report.html")));
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), string.Empty);
            File.Delete(Path.Combine(folder, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static void AssertBadInput(CliRunner.Result r, string expected)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.StartsWith("shallownet", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_a_hard_link_to_the_input_replaces_the_link_not_the_inputs_bytes()
    {
        // Links by name are refused; a hard link cannot be told from the input by its path, but the model is written to a
        // temporary file and renamed over the name, so the input's bytes stay as they were.
        using var dir = new TempFolder();
        File.Copy(CliRunner.Fixture("planar_flower.csv"), dir.File("d.csv"));
        using (var ln = System.Diagnostics.Process.Start("ln", [dir.File("d.csv"), dir.File("m.json")]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        byte[] before = File.ReadAllBytes(dir.File("d.csv"));
        var r = CliRunner.Run("train", "--data", dir.File("d.csv"), "--model", dir.File("m.json"), "--epochs", "3", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(before, File.ReadAllBytes(dir.File("d.csv")));
        Assert.StartsWith("{", File.ReadAllText(dir.File("m.json")), StringComparison.Ordinal);
    }
}
