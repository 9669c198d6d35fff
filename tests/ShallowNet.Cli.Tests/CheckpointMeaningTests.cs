using System.Text.Json.Nodes;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Checkpoints and models whose parts disagree, or that are not files of a sane size, are refused at load with exit 2
/// and one line naming the file and the JSON path, before any training.
/// </summary>
public sealed class CheckpointMeaningTests(InterruptedRunFixture interrupted) : IClassFixture<InterruptedRunFixture>
{
    /// <summary>A copy of the interrupted run's checkpoint, in a folder of its own, for one test to edit.</summary>
    private (TempFolder Dir, string Checkpoint) Trained()
    {
        var dir = new TempFolder();
        string checkpoint = dir.File("m.json.checkpoint.json");
        File.Copy(interrupted.Checkpoint, checkpoint);
        return (dir, checkpoint);
    }

    private static void AssertRefused(string checkpoint, string expected)
    {
        var r = CliRunner.Run("train", "--resume", checkpoint);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"shallownet: error: {checkpoint}: ", r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    private static void Edit(string checkpoint, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(checkpoint))!.AsObject();
        edit(root);
        File.WriteAllText(checkpoint, root.ToJsonString());
    }

    public static TheoryData<string, string> Edits => new()
    {
        { "hidden", "model.layers: the weights are a 2-4-1 network, but the recorded arguments make a 2-7-1 network" },
        { "negative_epoch", "epoch: is -1; must be 0 or more" },
        { "epoch_beyond_run", "epoch: is 2000000, beyond the run's 1000000 epochs" },
        { "short_key", "random.key: has 10 words" },
        { "position", "random.position: is -1" },
        { "empty_arguments", "model.training.arguments: is empty" },
        { "best_parameters", "best_parameters: has 1 tensors, but the model has 4 parameters" },
        { "best_parameters_shape", "best_parameters[0]: is 1×2, but the model's parameter 0 is 4×2" },
        { "slot_shape", "optimizer.slots." },
        { "activation", "model.layers[0].activation: is relu, but the recorded arguments make layer 1 tanh" },
        { "features", "model.features[0]: is 'x1', but the recorded arguments make 'x0' of" },
        { "negative_adam_v", "optimizer.slots.v[0]: value 1 is -0.5; adam's 'v' holds means of squares, never negative" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Inconsistent_checkpoint_is_refused_naming_the_json_path(string edit, string expected)
    {
        var (dir, checkpoint) = Trained();
        using (dir)
        {
            Edit(checkpoint, root =>
            {
                var args = root["model"]!["training"]!["arguments"]!.AsArray();
                switch (edit)
                {
                    case "hidden":
                        int at = args.Select(a => (string?)a).ToList().IndexOf("--hidden");
                        args[at + 1] = "7";
                        break;
                    case "negative_epoch":
                        root["epoch"] = -1;
                        break;
                    case "epoch_beyond_run":
                        root["epoch"] = 2000000;
                        break;
                    case "short_key":
                        root["random"]!["key"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)i)]);
                        break;
                    case "position":
                        root["random"]!["position"] = -1;
                        break;
                    case "empty_arguments":
                        args.Clear();
                        break;
                    case "best_parameters":
                        root["best_parameters"] = JsonNode.Parse("""[{"rows": 1, "cols": 1, "values": [0]}]""");
                        break;
                    case "best_parameters_shape":
                        root["best_parameters"] = JsonNode.Parse("""[{"rows": 1, "cols": 2, "values": [0, 0]}, {"rows": 4, "cols": 1, "values": [0, 0, 0, 0]}, {"rows": 1, "cols": 4, "values": [0, 0, 0, 0]}, {"rows": 1, "cols": 1, "values": [0]}]""");
                        break;
                    case "activation":
                        // before, the run went on with the arguments' tanh over weights the file says were relu
                        root["model"]!["layers"]![0]!["activation"] = "relu";
                        break;
                    case "features":
                        // before, the run resumed on swapped columns: cost 0.25 → 49, exit 0
                        root["model"]!["features"] = new JsonArray("x1", "x0");
                        var columns = root["model"]!["columns"]!.AsArray();
                        var first = columns[0]!.DeepClone();
                        columns[0] = columns[1]!.DeepClone();
                        columns[1] = first;
                        break;
                    case "negative_adam_v":
                        // before, the resumed run took √v of it and ended "training diverged" (exit 1) after the work
                        root["optimizer"]!["slots"]!["v"]!.AsArray()[0]!["values"]!.AsArray()[1] = -0.5;
                        break;
                    case "slot_shape":
                        var slots = root["optimizer"]!["slots"]!.AsObject();
                        slots[slots.First().Key]!.AsArray()[0] = JsonNode.Parse("""{"rows": 1, "cols": 1, "values": [0]}""");
                        break;
                }
            });
            AssertRefused(checkpoint, expected);
        }
    }

    [Fact]
    public void Duplicate_key_in_a_checkpoint_is_refused()
    {
        var (dir, checkpoint) = Trained();
        using (dir)
        {
            File.WriteAllText(checkpoint, "{\"epoch\": 5, " + File.ReadAllText(checkpoint)[1..]);
            AssertRefused(checkpoint, "epoch: duplicate key");
        }
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void A_device_as_model_or_checkpoint_is_refused_without_reading_it_all(string device)
    {
        if (!File.Exists(device))
        {
            return;
        }

        using var dir = new TempFolder();
        var resume = CliRunner.Run("train", "--resume", device);
        Assert.True(resume.ExitCode == 2, resume.ToString());
        Assert.Single(resume.Error.TrimEnd('\n').Split('\n'));
        var predict = CliRunner.Run("predict", "--model", device, "--data", CliRunner.BadInput("good.csv"), "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 2, predict.ToString());
        Assert.StartsWith($"shallownet: error: {device}: ", predict.Error, StringComparison.Ordinal);
        Assert.Single(predict.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_model_file_over_the_cap_is_refused()
    {
        using var dir = new TempFolder();
        string path = dir.File("huge.json");
        using (var file = File.Create(path))
        {
            file.Write("{\"format\": \"shallownet-model\", "u8);
            file.SetLength((1L << 30) + 1); // sparse: nothing is written
        }

        var r = CliRunner.Run("predict", "--model", path, "--data", CliRunner.BadInput("good.csv"), "--out", dir.File("p.csv"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("larger than 1024 MiB", r.Error, StringComparison.Ordinal);
    }
}
