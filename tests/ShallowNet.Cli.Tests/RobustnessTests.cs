using System.Diagnostics;
using System.Text.Json;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Tests;

/// <summary>No lost work and reproducible results: checkpoints, resume, kills during saves, thread counts.</summary>
public class RobustnessTests
{
    private static readonly string[] Training =
        ["--preset", "lesson", "--epochs", "900", "--log-every", "300", "--batch-size", "64", "--optimizer", "adam", "--learning-rate", "0.01", "--dropout", "0.1", "--validation", "0.2", "--checkpoint-every", "300"];

    // Long enough (seconds) that SIGTERM, sent at its first progress line, finds it still training.
    private static readonly string[] LongTraining = [.. Training.Select(a => a == "900" ? "30000" : a)];

    [Fact]
    public void A_finished_run_removes_its_checkpoint_once_the_model_is_written()
    {
        // Left behind, the last checkpoint (after epoch 600) looked like an unfinished run that --resume would redo.
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);
        var full = CliRunner.Run(["train", "--data", data, "--model", dir.File("m.json"), .. Training, "--quiet"]);
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.NotNull(FittedModelFile(dir.File("m.json")));
        Assert.False(File.Exists(dir.File("m.json.checkpoint.json")), "the finished run left its checkpoint behind");
        Assert.Equal([dir.File("flower.csv"), dir.File("m.json")], Directory.GetFiles(dir.Path).Order());
    }

    [Fact]
    public async Task Resuming_a_checkpoint_gives_the_uninterrupted_model_bit_for_bit()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "planar", "--out", data).ExitCode);

        // An uninterrupted run; it finishes, so its checkpoint is gone once its model is written.
        var full = CliRunner.Run(["train", "--data", data, "--model", dir.File("full.json"), "--metrics", dir.File("full-metrics.json"), .. LongTraining, "--quiet"]);
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.False(File.Exists(dir.File("full.json.checkpoint.json")));
        var expected = Layers(dir.File("full.json"));

        // The same run stopped by SIGTERM, then resumed: it must end where the uninterrupted run ended, and, finished,
        // remove the checkpoint it resumed from.
        var (code, output) = await CliRunner.RunUntilSignal(dir.Path, "-TERM", ["train", "--data", data, "--model", dir.File("cut.json"), "--metrics", dir.File("cut-metrics.json"), .. LongTraining]);
        Assert.True(code == 130, $"exit {code}\n{output}");
        string checkpoint = dir.File("cut.json.checkpoint.json");
        int epoch = CheckpointFile.Load(checkpoint).Epoch;
        Assert.InRange(epoch, 1, 29999);
        var resumed = CliRunner.Run("train", "--resume", checkpoint);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resuming at epoch {epoch} of 30000", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(expected, Layers(dir.File("cut.json")));
        Assert.False(File.Exists(checkpoint), "the resumed run finished but left its checkpoint behind");

        // the cost curve went through the checkpoint file and came back with every point and bit
        Assert.Equal(Costs(dir.File("full-metrics.json")), Costs(dir.File("cut-metrics.json")));
    }

    [Fact]
    public async Task Resume_refuses_changed_data_and_new_options()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var (code, output) = await CliRunner.RunUntilSignal(dir.Path, "-TERM", ["train", "--data", data, "--model", dir.File("m.json"), .. LongTraining]);
        Assert.True(code == 130, $"exit {code}\n{output}");
        string checkpoint = dir.File("m.json.checkpoint.json");

        var conflicting = CliRunner.Run("train", "--resume", checkpoint, "--epochs", "5000");
        Assert.Equal(2, conflicting.ExitCode);
        Assert.Contains("--epochs conflicts with --resume", conflicting.Error, StringComparison.Ordinal);

        File.AppendAllText(data, "0.5,0.5,1\n");
        var changed = CliRunner.Run("train", "--resume", checkpoint);
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("has changed since the checkpoint was written", changed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_from_another_folder_writes_where_the_original_run_wrote()
    {
        // The run starts in run/ with relative paths and is interrupted; it is resumed from elsewhere/, which holds the
        // same data and a model of its own under the same relative name. That model must be left alone.
        using var dir = new TempFolder();
        string run = dir.File("run");
        string elsewhere = dir.File("elsewhere");
        Directory.CreateDirectory(Path.Combine(run, "out"));
        Directory.CreateDirectory(Path.Combine(elsewhere, "out"));
        CliRunner.Run("datasets", "planar", "--out", Path.Combine(run, "flower.csv"));
        File.Copy(Path.Combine(run, "flower.csv"), Path.Combine(elsewhere, "flower.csv"));
        File.WriteAllText(Path.Combine(elsewhere, "out", "m.json"), "not yours");

        var (code, output) = await CliRunner.RunUntilSignal(run, "-TERM", ["train", "--data", "flower.csv", "--model", "out/m.json", .. LongTraining]);
        Assert.True(code == 130, $"exit {code}\n{output}");
        string checkpoint = Path.Combine(run, "out", "m.json.checkpoint.json");
        File.Delete(Path.Combine(run, "out", "m.json"));

        var resumed = CliRunner.RunProcess(elsewhere, "train", "--resume", checkpoint);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("not yours", File.ReadAllText(Path.Combine(elsewhere, "out", "m.json")));
        Assert.NotNull(FittedModelFile(Path.Combine(run, "out", "m.json")));
        Assert.Contains($"the model will be written to {Path.Combine(run, "out", "m.json")}", resumed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_records_the_tool_the_arguments_and_the_data_hash()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "10", "--seed", "7", "--quiet");
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json")));
        var training = model.RootElement.GetProperty("training");
        Assert.StartsWith("shallownet ", training.GetProperty("tool").GetString(), StringComparison.Ordinal);
        Assert.Contains("7", training.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(data)));
        Assert.Equal(hash, training.GetProperty("data_sha256").GetString());
    }

    [Fact]
    public void One_and_two_threads_give_the_same_model_bit_for_bit()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data, "--n", "3000");
        string[] common = ["--data", data, "--hidden", "256,64", "--activation", "relu", "--init", "he", "--learning-rate", "0.05", "--epochs", "20", "--quiet"];
        Assert.Equal(0, CliRunner.Run(["train", .. common, "--model", dir.File("one.json"), "--threads", "1"]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["train", .. common, "--model", dir.File("two.json"), "--threads", "2"]).ExitCode);
        Assert.Equal(Layers(dir.File("one.json")), Layers(dir.File("two.json")));
    }

    [Fact]
    public void Killing_the_process_while_it_saves_never_leaves_a_torn_file()
    {
        // A network big enough that each checkpoint takes a while to write, saved after every epoch; the process is
        // killed at several moments. Every file left behind must read back whole (old or new, never torn).
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string checkpoint = dir.File("m.json.checkpoint.json");
        int killedWhileRunning = 0;
        foreach (int delay in new[] { 0, 37, 111, 173, 251, 307 })
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
            // The first run starts fresh; each later one resumes the checkpoint left behind (a fresh run is refused
            // over it), and so replaces an existing checkpoint as it saves.
            string[] run = File.Exists(checkpoint)
                ? ["train", "--resume", checkpoint, "--quiet"]
                : ["train", "--data", data, "--model", dir.File("m.json"), "--hidden", "400,400", "--epochs", "100000", "--checkpoint-every", "1", "--quiet"];
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "shallownet.dll"), .. run])
            {
                start.ArgumentList.Add(a);
            }

            // Wait until this process has written a checkpoint (a loaded machine may start slowly), then kill it a
            // little later: it is then saving again, or between saves.
            DateTime before = File.Exists(checkpoint) ? File.GetLastWriteTimeUtc(checkpoint) : DateTime.MinValue;
            using var process = Process.Start(start)!;
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)
                && (!File.Exists(checkpoint) || File.GetLastWriteTimeUtc(checkpoint) == before))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(delay);
            bool killed = !process.HasExited;
            if (killed)
            {
                process.Kill(entireProcessTree: true);
                killedWhileRunning++;
            }

            process.WaitForExit();
            Assert.True(killed || process.ExitCode != 2, $"refused: {process.StandardError.ReadToEnd()}");
            Assert.True(File.Exists(checkpoint), "no checkpoint was written within a minute");
            var saved = CheckpointFile.Load(checkpoint);   // throws on a torn or corrupt file
            Assert.True(saved.Epoch >= 1);
            Assert.False(File.Exists(dir.File("m.json")), "the model is written only at the end");
        }

        Assert.True(killedWhileRunning > 0, "the process always finished before it could be killed");
    }

    [Fact]
    public async Task Ctrl_c_stops_after_the_current_epoch_and_saves_the_model_and_a_checkpoint()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "shallownet.dll"), "train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--epochs", "100000000", "--log-every", "1000", "--checkpoint-every", "0" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;

        // Interrupt once training has visibly started (its first progress line), not after a fixed delay: on a loaded
        // machine start-up alone can take longer than any delay, and a SIGINT before the handler exists kills the
        // process outright.
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("epoch", StringComparison.Ordinal))
            {
                break;
            }
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        string output = seen + await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the process did not stop after SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted after", output, StringComparison.Ordinal);
        Assert.Contains("--resume", output, StringComparison.Ordinal);
        Assert.NotNull(FittedModelFile(dir.File("m.json")));
        Assert.True(CheckpointFile.Load(dir.File("m.json.checkpoint.json")).Epoch > 0);
    }

    [Fact]
    public async Task Sigterm_ends_a_run_like_ctrl_c_with_a_checkpoint_that_resumes()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string checkpoint = dir.File("m.json.checkpoint.json");

        var (code, output) = await CliRunner.RunUntilSignal(dir.Path, "-TERM", "train", "--preset", "lesson", "--data", data, "--model", dir.File("m.json"), "--epochs", "100000000", "--log-every", "1000");
        Assert.True(code == 130, $"exit {code}\n{output}");
        Assert.Contains("interrupted after", output, StringComparison.Ordinal);
        Assert.Contains("--resume", output, StringComparison.Ordinal);
        Assert.NotNull(FittedModelFile(dir.File("m.json")));
        int epoch = CheckpointFile.Load(checkpoint).Epoch;
        Assert.True(epoch > 0);

        // The checkpoint resumes (and a second SIGTERM saves it again, further on).
        var (again, resumed) = await CliRunner.RunUntilSignal(dir.Path, "-TERM", "train", "--resume", checkpoint);
        Assert.True(again == 130, $"exit {again}\n{resumed}");
        Assert.Contains($"resuming at epoch {epoch} of 100000000", resumed, StringComparison.Ordinal);
        Assert.True(CheckpointFile.Load(checkpoint).Epoch > epoch);
    }

    [Fact]
    public void Temporary_files_left_by_a_killed_write_are_removed_by_the_next_write_of_the_same_file()
    {
        using var dir = new TempFolder();
        string data = dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        string guid() => Guid.NewGuid().ToString("N");
        string[] stale = [dir.File($".m.json.{guid()}.tmp"), dir.File($".m.json.{guid()}.tmp")];
        string[] others =
        [
            dir.File($".other.json.{guid()}.tmp"),                // another target's
            dir.File($"m.json.{guid()}.tmp"),                     // not hidden: not ours
            dir.File(".m.json.notaguid.tmp"),
            dir.File($".m.json.{guid()}.tmp.keep"),
            dir.File($".m.json.{guid().ToUpperInvariant()}.tmp"),
        ];
        foreach (var f in stale.Concat(others))
        {
            File.WriteAllText(f, "partial");
        }

        // One still being written (held open by its writer) is not stale.
        string live = dir.File($".m.json.{guid()}.tmp");
        using (var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", "--quiet");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.True(File.Exists(live), "a temporary file in use was removed");
        }

        Assert.All(stale, f => Assert.False(File.Exists(f), f));
        Assert.All(others, f => Assert.True(File.Exists(f), f));
        Assert.True(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void Data_too_large_for_memory_gets_a_clear_error_not_a_crash()
    {
        // 55 MB of CSV (12 million values, 96 MB as doubles) under a 128 MB GC heap limit: refused while reading.
        using var dir = new TempFolder();
        string data = dir.File("big.csv");
        using (var writer = new StreamWriter(data))
        {
            writer.Write("a,b,c,d,e,f,g,h,y\n");
            for (int i = 0; i < 1_500_000; i++)
            {
                writer.Write("0.125,0.25,0.5,1.5,2.5,3.5,4.5,5.5,1\n");
            }
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x8000000";
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "shallownet.dll"), "train", "--data", data, "--model", dir.File("m.json") })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {error}");
        Assert.Contains("too large to hold in memory", error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    private static ShallowNet.Model.TrainedModel FittedModelFile(string path) => ModelFile.Load(path);

    /// <summary>A metrics file's costs as text, one entry per line.</summary>
    private static string[] Costs(string metricsPath)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(metricsPath));
        return [.. metrics.RootElement.GetProperty("costs").EnumerateArray().Select(e => e.GetRawText())];
    }

    private static string Layers(string modelPath)
    {
        using var model = JsonDocument.Parse(File.ReadAllText(modelPath));
        return model.RootElement.GetProperty("layers").GetRawText();
    }
}
