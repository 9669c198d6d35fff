namespace ShallowNet.Cli.Tests;

/// <summary>
/// <c>train --kernels reference</c> runs the lesson's equations as written and <c>--kernels auto</c> (the default) the
/// fused paths: both write the same model file, byte for byte (the file records the arguments, less --kernels, so
/// each run writes to the same path in turn).
/// </summary>
public class KernelsOptionTests
{
    [Fact]
    public void Reference_and_auto_kernels_write_byte_identical_models_for_the_lesson()
    {
        using var dir = new TempFolder();
        string[] lesson = ["--data", CliRunner.Fixture("planar_flower.csv"), "--quiet"];
        byte[] auto = Train(dir, [.. lesson, "--kernels", "auto"]);
        Assert.Equal(auto, Train(dir, [.. lesson, "--kernels", "reference"]));
        Assert.Equal(auto, Train(dir, lesson));                                      // auto is the default
    }

    [Fact]
    public void Reference_and_auto_kernels_write_byte_identical_models_with_mini_batches_and_adam()
    {
        using var dir = new TempFolder();
        string[] options = ["--data", CliRunner.Fixture("planar_flower.csv"), "--hidden", "6", "--activation", "relu", "--batch-size", "64",
            "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "300", "--l2", "0.1", "--quiet"];
        Assert.Equal(Train(dir, options), Train(dir, [.. options, "--kernels", "reference"]));
    }

    [Fact]
    public void Reference_and_auto_kernels_write_byte_identical_models_for_the_cat_network()
    {
        // the course's 4-layer cat network, whose wide X (12288 pixels) Auto sweeps where the CPU has AVX-512
        using var dir = new TempFolder();
        string data = Path.Combine(Experiments.CatExperiment.FindData(null), "train.csv.gz");
        string[] options = ["--data", data, "--label", "y", "--hidden", "20,7,5", "--activation", "relu", "--init", "lecun", "--seed", "1",
            "--learning-rate", "0.0075", "--input-scale", "255", "--epochs", "25", "--quiet"];
        Assert.Equal(Train(dir, options), Train(dir, [.. options, "--kernels", "reference"]));
    }

    [Fact]
    public async Task A_run_resumed_with_the_reference_kernels_ends_where_the_uninterrupted_fused_run_ended()
    {
        // A million epochs of the fused 2-4-1 step (seconds): long enough that SIGTERM, sent at the first progress line,
        // finds the run still training. A finished run removes its checkpoint, so the run to resume is a stopped one.
        using var dir = new TempFolder();
        string model = dir.File("m.json");
        string[] options = ["train", "--preset", "lesson", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", model, "--epochs", "1000000", "--log-every", "100000"];
        var full = CliRunner.Run(options);                                // not --quiet: the model records the arguments
        Assert.True(full.ExitCode == 0, full.ToString());
        byte[] expected = File.ReadAllBytes(model);
        File.Delete(model);

        var (code, output) = await CliRunner.RunUntilSignal(dir.Path, "-TERM", options);
        Assert.True(code == 130, $"exit {code}\n{output}");

        // --kernels changes how a run trains, not its bits: a resumed run may change it (as --threads)
        var resumed = CliRunner.Run("train", "--resume", model + ".checkpoint.json", "--kernels", "reference", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(expected, File.ReadAllBytes(model));
    }

    [Fact]
    public void A_bad_kernels_value_exits_2_with_one_line()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--kernels", "fast");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("--kernels: 'fast' is neither auto nor reference", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    /// <summary>Trains with these options into the folder's m.json and returns the file's bytes (then removes it).</summary>
    private static byte[] Train(TempFolder dir, string[] options)
    {
        string model = dir.File("m.json");
        var r = CliRunner.Run(["train", "--model", model, .. options]);
        Assert.True(r.ExitCode == 0, r.ToString());
        byte[] bytes = File.ReadAllBytes(model);
        File.Delete(model);
        return bytes;
    }
}
