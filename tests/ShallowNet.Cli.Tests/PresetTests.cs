using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// The defaults without options (made for a user's own table) against <c>--preset lesson</c> (the lesson's run,
/// number for number), options beside a preset, and names it does not know.
/// </summary>
public class PresetTests
{
    /// <summary>What `train --preset lesson` stood for before the defaults changed, every lesson setting spelled out.</summary>
    private static readonly string[] LessonFlags =
        ["--hidden", "4", "--activation", "tanh", "--init", "small", "--init-scale", "0.01", "--seed", "2", "--optimizer", "gd", "--batch-size", "0",
         "--learning-rate", "1.2", "--epochs", "10000", "--input-scale", "1", "--standardize", "false", "--validation", "0", "--l2", "0", "--log-every", "1000"];

    [Fact]
    public void The_defaults_learn_a_table_whose_features_differ_in_scale_where_the_lesson_fails()
    {
        // Moons with one feature in thousands and the other in thousandths: raw inputs saturate the lesson's tanh units.
        using var dir = new TempFolder();
        string train = Rescaled(dir, "train", seed: 1);
        string test = Rescaled(dir, "test", seed: 7);

        Assert.Equal(0, CliRunner.Run("train", "--data", train, "--model", dir.File("default.json"), "--quiet").ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--preset", "lesson", "--data", train, "--model", dir.File("lesson.json"), "--quiet").ExitCode);

        double withDefaults = TestAccuracy(dir.File("default.json"), test);
        double withLesson = TestAccuracy(dir.File("lesson.json"), test);
        Assert.True(withDefaults >= 0.95, $"defaults: {withDefaults}");
        Assert.True(withLesson < 0.9, $"lesson: {withLesson}");
    }

    [Fact]
    public void The_lesson_preset_writes_the_model_of_the_lessons_flags_spelled_out()
    {
        using var dir = new TempFolder();
        string data = CliRunner.Fixture("planar_flower.csv");
        var preset = CliRunner.Run("train", "--preset", "lesson", "--data", data, "--model", dir.File("preset.json"), "--metrics", dir.File("preset-metrics.json"), "--quiet");
        var spelled = CliRunner.Run(["train", "--data", data, "--model", dir.File("spelled.json"), "--metrics", dir.File("spelled-metrics.json"), .. LessonFlags, "--quiet"]);
        Assert.True(preset.ExitCode == 0, preset.ToString());
        Assert.True(spelled.ExitCode == 0, spelled.ToString());

        // Byte for byte but for the arguments each file records.
        Assert.Equal(WithoutArguments(dir.File("spelled.json")), WithoutArguments(dir.File("preset.json")));
        Assert.Contains("train accuracy 90.75%", preset.Out, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("preset-metrics.json")));
        Assert.Equal(10000, metrics.RootElement.GetProperty("epochs").GetInt32());
        Assert.InRange(metrics.RootElement.GetProperty("costs").GetArrayLength(), 100, 10001);  // the curve: at least 100 points
    }

    [Fact]
    public void An_option_beside_the_preset_overrides_it()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--preset", "lesson", "--hidden", "5", "--epochs", "30", "--data", CliRunner.Fixture("planar_flower.csv"),
            "--model", dir.File("m.json"), "--metrics", dir.File("metrics.json"), "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json")));
        Assert.Equal(5, model.RootElement.GetProperty("layers")[0].GetProperty("units").GetInt32());
        Assert.Equal("tanh", model.RootElement.GetProperty("layers")[0].GetProperty("activation").GetString());
        using var metrics = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        Assert.Equal(30, metrics.RootElement.GetProperty("epochs").GetInt32());
    }

    [Theory]
    [InlineData(new string[0], "he")]
    [InlineData(new[] { "--activation", "tanh" }, "glorot")]
    [InlineData(new[] { "--activation", "leaky_relu" }, "he")]
    [InlineData(new[] { "--preset", "lesson", "--activation", "relu" }, "small")]
    public void Without_init_the_initial_weights_follow_the_activation(string[] options, string expected)
    {
        using var dir = new TempFolder();
        string data = CliRunner.Fixture("planar_flower.csv");
        string[] common = ["train", "--data", data, "--epochs", "0", "--quiet", .. options];
        Assert.Equal(0, CliRunner.Run([.. common, "--model", dir.File("chosen.json")]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "--init", expected, "--model", dir.File("named.json")]).ExitCode);
        Assert.Equal(WithoutArguments(dir.File("named.json")), WithoutArguments(dir.File("chosen.json")));
    }

    [Fact]
    public void An_unknown_preset_is_refused_in_one_line()
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--preset", "fancy", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--preset: unknown preset 'fancy' (expected one of: default, lesson)", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void The_demo_still_runs_the_lesson()
    {
        var r = CliRunner.Run("demo");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("train accuracy: 90.75% (course: 90.75%)", r.Out, StringComparison.Ordinal);
    }

    private static string Rescaled(TempFolder dir, string name, int seed)
    {
        string raw = dir.File(name + "-raw.csv");
        Assert.Equal(0, CliRunner.Run("datasets", "moons", "--out", raw, "--n", "600", "--seed", seed.ToString(CultureInfo.InvariantCulture)).ExitCode);
        var lines = File.ReadAllLines(raw);
        var rescaled = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            double x0 = double.Parse(cells[0], CultureInfo.InvariantCulture) * 1000;
            double x1 = double.Parse(cells[1], CultureInfo.InvariantCulture) / 1000;
            rescaled.Add(string.Join(',', x0.ToString("R", CultureInfo.InvariantCulture), x1.ToString("R", CultureInfo.InvariantCulture), cells[2]));
        }

        string path = dir.File(name + ".csv");
        File.WriteAllLines(path, rescaled);
        return path;
    }

    private static double TestAccuracy(string model, string data)
    {
        var r = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var json = JsonDocument.Parse(r.Out);
        return json.RootElement.GetProperty("accuracy").GetDouble();
    }

    private static string WithoutArguments(string modelPath)
    {
        var model = JsonNode.Parse(File.ReadAllText(modelPath))!.AsObject();
        model["training"]!.AsObject().Remove("arguments");
        return model.ToJsonString();
    }
}
