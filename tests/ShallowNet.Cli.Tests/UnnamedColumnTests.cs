using System.Globalization;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Headers with empty names: pandas' <c>df.to_csv()</c> writes its index under an empty name, and a trailing comma on
/// every line adds an empty, unnamed last column. Both were refused ("empty column name in the header") with no way
/// around it; they now read as pandas reads them (<c>Unnamed: N</c>).
/// </summary>
public class UnnamedColumnTests
{
    // The repro: what df.to_csv() writes for a table of age, income and y with the default index.
    private static string PandasTable(int rows, int offset = 0) =>
        string.Concat(Enumerable.Range(offset, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{20 + (i % 50)},{1000 + (i * 7)},{i % 2}\n")).Prepend(",age,income,y\n"));

    // A trailing comma on every line, the header's too: an all-empty fourth column with no name.
    private static string TrailingCommaTable(int rows, int offset = 0) =>
        string.Concat(Enumerable.Range(offset, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 7},{(i * 3) % 11},{i % 2},\n")).Prepend("a,b,y,\n"));

    private static string Write(TempFolder dir, string name, string text)
    {
        File.WriteAllText(dir.File(name), text);
        return dir.File(name);
    }

    private static string[] Features(string model) =>
        [.. JsonDocument.Parse(File.ReadAllText(model)).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)];

    [Fact]
    public void A_pandas_file_trains_with_defaults_its_index_left_out_as_an_id_and_y_the_label()
    {
        using var dir = new TempFolder();
        string data = Write(dir, "pandas.csv", PandasTable(100));
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("label: 'y', the last column (name another with --label)", r.Out, StringComparison.Ordinal);
        Assert.Contains("features: 2 numeric, 0 missing cells imputed; 2 inputs", r.Out, StringComparison.Ordinal);
        Assert.Contains($"shallownet: warning: {data}: column 'Unnamed: 0' looks like an id (named like one, with 100 distinct whole numbers in 100 rows): ignored", r.Error, StringComparison.Ordinal);
        Assert.Equal(["age", "income"], Features(dir.File("m.json")));
    }

    [Theory]
    [InlineData("--features", "Unnamed: 0,age", new[] { "Unnamed: 0", "age" })]
    [InlineData("--ignore", "Unnamed: 0", new[] { "age", "income" })]
    [InlineData("--label", "Unnamed: 0", new[] { "age", "income", "y" })]
    public void The_unnamed_index_column_can_be_named_in_column_options(string option, string value, string[] features)
    {
        using var dir = new TempFolder();
        string data = Write(dir, "pandas.csv", PandasTable(100));
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5", option, value);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("looks like an id", r.Error, StringComparison.Ordinal);
        Assert.Equal(features, Features(dir.File("m.json")));
    }

    [Fact]
    public void A_trailing_comma_on_every_line_trains_with_defaults_and_the_last_named_column_as_the_label()
    {
        using var dir = new TempFolder();
        string data = Write(dir, "trailing.csv", TrailingCommaTable(60));
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("label: 'y', the last named column (name another with --label)", r.Out, StringComparison.Ordinal);
        Assert.Contains($"shallownet: warning: {data}: column 'Unnamed: 3' has no values (every cell is missing): ignored", r.Error, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], Features(dir.File("m.json")));
    }

    [Theory]
    [InlineData("pandas")]
    [InlineData("trailing")]
    public void A_model_trained_on_such_a_file_predicts_and_evaluates_another_of_the_same_layout(string layout)
    {
        using var dir = new TempFolder();
        Func<int, int, string> table = layout == "pandas" ? PandasTable : TrailingCommaTable;
        string train = Write(dir, "train.csv", table(100, 0));
        string test = Write(dir, "test.csv", table(30, 100));
        string[] id = layout == "pandas" ? ["--id", "Unnamed: 0"] : [];
        var r = CliRunner.Run(["train", "--data", train, "--model", dir.File("m.json"), "--epochs", "5", .. id]);
        Assert.True(r.ExitCode == 0, r.ToString());

        var predict = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", test, "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = File.ReadAllLines(dir.File("p.csv"));
        Assert.Equal(31, lines.Length);
        Assert.Equal(layout == "pandas" ? "Unnamed: 0,prediction" : "prediction", lines[0]);
        if (layout == "pandas")
        {
            Assert.Equal("100", lines[1].Split(',')[0]);             // the index copied as the id
        }

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", test, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Equal(30, JsonDocument.Parse(evaluate.Out).RootElement.GetProperty("examples").GetInt32());
    }

    [Theory]
    [InlineData("pandas")]
    [InlineData("trailing")]
    public void Split_copies_the_header_unchanged_and_stratifies_by_the_last_named_column(string layout)
    {
        using var dir = new TempFolder();
        string text = layout == "pandas" ? PandasTable(100) : TrailingCommaTable(100);
        string data = Write(dir, "data.csv", text);
        var r = CliRunner.Run("split", "--data", data, "--test", "0.2", "--train-out", dir.File("train.csv"), "--test-out", dir.File("test.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("stratified by 'y'", r.Out, StringComparison.Ordinal);
        string header = text[..(text.IndexOf('\n', StringComparison.Ordinal) + 1)];
        Assert.StartsWith(header, File.ReadAllText(dir.File("train.csv")), StringComparison.Ordinal);
        Assert.StartsWith(header, File.ReadAllText(dir.File("test.csv")), StringComparison.Ordinal);
        Assert.Equal(101, File.ReadAllLines(dir.File("train.csv")).Length + File.ReadAllLines(dir.File("test.csv")).Length - 1);
    }

    [Fact]
    public void A_pandas_file_saved_twice_trains_with_both_index_columns_left_out_as_ids()
    {
        // What df.to_csv() writes for a table read back with its index as 'Unnamed: 0': the empty name reads as
        // 'Unnamed: 0.1', as pandas reads it (was refused: two columns would have shared the name)
        using var dir = new TempFolder();
        string data = Write(dir, "twice.csv", string.Concat(Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{i},{(i % 7) + 0.5},{i % 2}\n")).Prepend(",Unnamed: 0,x,y\n")));
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("column 'Unnamed: 0.1' looks like an id", r.Error, StringComparison.Ordinal);
        Assert.Contains("column 'Unnamed: 0' looks like an id", r.Error, StringComparison.Ordinal);
        Assert.Equal(["x"], Features(dir.File("m.json")));
    }
}
