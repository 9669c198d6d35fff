namespace ShallowNet.Cli.Tests;

/// <summary>
/// A checkpoint to resume from: a finished run removes its checkpoint, so one is left only by a run that was stopped.
/// This run (2-4-1, Adam, a checkpoint every 10 epochs) is stopped by SIGTERM at its first progress line, once per
/// test class; each test edits a copy.
/// </summary>
public sealed class InterruptedRunFixture : IDisposable
{
    private readonly TempFolder _dir = new();

    public InterruptedRunFixture()
    {
        string data = _dir.File("flower.csv");
        CliRunner.Run("datasets", "planar", "--out", data);
        var (code, output) = CliRunner.RunUntilSignal(_dir.Path, "-TERM", "train", "--preset", "lesson", "--data", data, "--model", _dir.File("m.json"), "--hidden", "4",
            "--epochs", "1000000", "--checkpoint-every", "10", "--optimizer", "adam").GetAwaiter().GetResult();
        Checkpoint = _dir.File("m.json.checkpoint.json");
        if (code != 130 || !File.Exists(Checkpoint))
        {
            throw new InvalidOperationException($"the run was not interrupted with a checkpoint: exit {code}\n{output}");
        }
    }

    /// <summary>The stopped run's checkpoint (its data and model path stay in this fixture's folder).</summary>
    public string Checkpoint { get; }

    public void Dispose() => _dir.Dispose();
}
