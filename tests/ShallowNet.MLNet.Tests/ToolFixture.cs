using System.Globalization;
using System.Text.Json;
using ShallowNet.Cli;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.MLNet.Tests;

/// <summary>
/// A temporary folder with what the tests that compare against the tool need: float-exact CSV tables whose columns are
/// named as ML.NET names its feature slots (<c>Features[0]</c>, ...), the tool's <c>train</c> and <c>evaluate --json</c>
/// run in-process, and model files written with the tool's training record (so whole files compare, byte for byte).
/// </summary>
public sealed class ToolFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>m examples of two float-exact features around <paramref name="classes"/> centres; labels 0..k−1, or a smooth target when <paramref name="classes"/> is 0.</summary>
    public static (float[][] Rows, string[] Labels) Examples(int m, uint seed, int classes)
    {
        var random = new NumpyRandom(seed);
        var rows = new float[m][];
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            int c = classes == 0 ? 0 : j % classes;
            rows[j] = [(float)((c == 1 ? 2.0 : 0.0) + random.NextGaussian()), (float)((c == 2 ? 2.0 : 0.0) + random.NextGaussian() + 3)];
            labels[j] = classes == 0
                ? ((double)(float)(Math.Sin(rows[j][0]) + (0.5 * rows[j][1]))).ToString("R", CultureInfo.InvariantCulture)
                : c.ToString(CultureInfo.InvariantCulture);
        }

        return (rows, labels);
    }

    /// <summary>Float-exact weights 0.5, 0.75, 1, 1.25, 0.5, ...: every example's term of the cost scaled differently.</summary>
    public static float[] Weights(int m) => [.. Enumerable.Range(0, m).Select(j => 0.5f + (j % 4 * 0.25f))];

    /// <summary>Writes <c>Features[0],Features[1][,w],Label</c>.</summary>
    public string WriteCsv(string name, float[][] rows, string[] labels, float[]? weights = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { "Features[0],Features[1]" + (weights is null ? string.Empty : ",w") + ",Label" };
        for (int j = 0; j < rows.Length; j++)
        {
            // Each float written as the double it widens to, so the tool reads exactly what ML.NET's Single columns hold.
            lines.Add(string.Create(inv, $"{(double)rows[j][0]:R},{(double)rows[j][1]:R}") + (weights is null ? string.Empty : string.Create(inv, $",{(double)weights[j]:R}")) + "," + labels[j]);
        }

        string path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Runs <c>shallownet train --data csv --model (name) --quiet</c> with <paramref name="options"/>; returns the model's path.</summary>
    public string Train(string csv, string name, params string[] options)
    {
        string model = Path.Combine(_folder, name);
        Run(["train", "--data", csv, "--model", model, "--quiet", "--preset", "lesson", .. options]); // the tests name every setting beside the lesson's
        return model;
    }

    /// <summary>The object <c>shallownet evaluate --model --data --json</c> prints.</summary>
    public static JsonElement Evaluate(string model, string csv)
    {
        using var json = JsonDocument.Parse(Run(["evaluate", "--model", model, "--data", csv, "--json"]));
        return json.RootElement.Clone();
    }

    /// <summary>The bytes of <paramref name="model"/>'s file when it carries the tool's training record from <paramref name="toolModel"/>.</summary>
    public byte[] BytesWithRecordOf(TrainedModel model, string toolModel)
    {
        var record = ModelFile.Load(toolModel).Training;
        Assert.NotNull(record);
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        ModelFile.Save(model with { Training = record }, path);
        return File.ReadAllBytes(path);
    }

    private static string Run(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        Assert.True(code == 0, $"shallownet {args[0]}: exit {code}: {stderr}");
        return stdout.ToString();
    }
}
