using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// A fresh train (no --resume) whose checkpoint path holds an interrupted run's checkpoint is refused before any work,
/// naming the file and both ways on. Before, the fresh run finished and left the old checkpoint, so a checkpoint on disk
/// no longer meant unfinished work, and resuming it later wrote over the new model.
/// </summary>
public sealed class StaleCheckpointTests(InterruptedRunFixture interrupted) : IClassFixture<InterruptedRunFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_fresh_run_over_an_interrupted_runs_checkpoint_is_refused(bool explicitPath)
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", data, "--n", "100").ExitCode);
        string model = dir.File("m.json");
        string checkpoint = explicitPath ? dir.File("c.json") : model + ".checkpoint.json";
        File.Copy(interrupted.Checkpoint, checkpoint);
        byte[] before = File.ReadAllBytes(checkpoint);
        string[] fresh = ["train", "--data", data, "--model", model, "--epochs", "3", "--quiet", .. explicitPath ? new[] { "--checkpoint", checkpoint } : []];

        var r = CliRunner.Run(fresh);
        string option = explicitPath ? $"--checkpoint {checkpoint}" : $"--model {model}";
        AssertBadInput(r, $"{option}: {checkpoint} holds an interrupted run; continue it with --resume {checkpoint}, or delete it to start over");
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        Assert.False(File.Exists(model), "the refused run wrote a model");

        File.Delete(checkpoint);
        var started = CliRunner.Run(fresh);
        Assert.True(started.ExitCode == 0, started.ToString());
    }

    [SkippableFact]
    public void A_device_as_the_checkpoint_path_does_not_stop_a_fresh_run()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/dev/null");
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", data, "--n", "100").ExitCode);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "3", "--quiet", "--checkpoint", "/dev/null");
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void A_file_of_other_content_at_the_checkpoint_path_is_refused_and_kept()
    {
        // before, the run wrote its checkpoints over notes.json and deleted it when it finished (exit 0, the file gone)
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", data, "--n", "100").ExitCode);
        File.WriteAllText(dir.File("notes.json"), "{\"hello\": 1}");
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", "--quiet", "--checkpoint", dir.File("notes.json"), "--checkpoint-every", "2");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: --checkpoint {dir.File("notes.json")}: {dir.File("notes.json")} exists and is not a checkpoint; the run would write its checkpoints over it and delete it at the end; give --checkpoint another name", r.Error.TrimEnd());
        Assert.Equal("{\"hello\": 1}", File.ReadAllText(dir.File("notes.json")));
        Assert.False(File.Exists(dir.File("m.json")));
    }
}
