using System.Globalization;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Cells that training read as missing through <c>--na</c> (a sentinel such as -999) are read as missing by predict and
/// evaluate too: the model file records the words. Before, predict read the default words only, so -999 reached the
/// network as a number and the prediction was silently wrong.
/// </summary>
public class MissingWordsTests
{
    // x with the sentinel -999 in every fifth row; the label depends on x and z
    private static string Table(int rows, Func<int, string>? x = null) => string.Concat(Enumerable.Range(0, rows)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"{(x is null ? (i % 5 == 2 ? "-999" : ((i % 13) / 13.0).ToString("R", CultureInfo.InvariantCulture)) : x(i))},{(i % 7) / 7.0:R},{(((i % 13) + (i % 7)) > 9 ? 1 : 0)}\n"))
        .Prepend("x,z,y\n"));

    [Fact]
    public void Predict_reads_the_training_sentinel_as_missing_so_it_equals_an_empty_cell()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("train.csv"), Table(200));
        var train = CliRunner.Run("train", "--data", dir.File("train.csv"), "--model", dir.File("m.json"), "--na", "-999", "--epochs", "30", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        using (var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json"))))
        {
            Assert.Equal(["-999"], model.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        }

        // the same rows with the sentinel, and with the cell left empty (a default missing word): the same predictions
        File.WriteAllText(dir.File("sentinel.csv"), Table(20, i => i % 2 == 0 ? "-999" : "0.25"));
        File.WriteAllText(dir.File("empty.csv"), Table(20, i => i % 2 == 0 ? string.Empty : "0.25"));
        string Predict(string file)
        {
            var r = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", dir.File(file), "--proba");
            Assert.True(r.ExitCode == 0, r.ToString());
            return r.Out;
        }

        Assert.Equal(Predict("empty.csv"), Predict("sentinel.csv"));

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", dir.File("sentinel.csv"), "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
    }

    [Fact]
    public void A_model_trained_with_the_default_words_has_no_missing_list()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("train.csv"), Table(60, i => i % 5 == 2 ? "NA" : "0.5"));
        Assert.Equal(0, CliRunner.Run("train", "--data", dir.File("train.csv"), "--model", dir.File("m.json"), "--epochs", "3", "--quiet").ExitCode);
        using var model = JsonDocument.Parse(File.ReadAllText(dir.File("m.json")));
        Assert.False(model.RootElement.TryGetProperty("missing", out _));
    }

    [Fact]
    public void A_hand_written_missing_list_without_columns_is_refused()
    {
        using var dir = new TempFolder();
        var model = JsonDocument.Parse(File.ReadAllText(CliRunner.Fixture("planar_init.json"))).RootElement;
        var edited = new Dictionary<string, JsonElement>(model.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)))
        {
            ["missing"] = JsonDocument.Parse("[\"-999\"]").RootElement,
        };
        File.WriteAllText(dir.File("m.json"), JsonSerializer.Serialize(edited));
        var r = CliRunner.Run("inspect", "--model", dir.File("m.json"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("missing", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }
}
