using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary><c>split</c> and <c>cv</c> end to end: verbatim rows, stratification, groups, folds files, thread counts.</summary>
public class ModelSelectionTests
{
    private static readonly string[] FastTraining = ["--hidden", "4", "--epochs", "20", "--validation", "0"];

    /// <summary>60 rows: a quoted text with a comma and one with a line break, CRLF endings, classes a (15) and b (45), groups g0..g9.</summary>
    private static string WriteTable(TempFolder dir)
    {
        var text = new StringBuilder("x,note,grp,y\r\n");
        for (int r = 0; r < 60; r++)
        {
            string note = r == 7 ? "\"two\nlines\"" : r == 9 ? "\"a, b\"" : $"n{r}";
            text.Append(CultureInfo.InvariantCulture, $"{r * 0.5:R},{note},g{r % 10},{(r % 4 == 0 ? "a" : "b")}\r\n");
        }

        string path = dir.File("table.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static List<string> Records(string path) =>
        [.. File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    [Theory]
    [InlineData("cv")]
    [InlineData("tune")]
    public void More_repeats_than_can_be_kept_are_refused_at_once(string command)
    {
        // cv --repeats 100000000 grew to 24 GB before the kernel killed it (exit 137)
        var r = CliRunner.Run(command, "--data", CliRunner.Fixture("planar_flower.csv"), "--repeats", "100000000");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("shallownet: error: --repeats: must be from 1 to 1000", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_writes_disjoint_files_whose_union_is_the_input_as_written()
    {
        using var dir = new TempFolder();
        string data = WriteTable(dir);
        var r = CliRunner.Run("split", "--data", data, "--test", "0.2", "--seed", "3", "--train-out", dir.File("train.csv"), "--test-out", dir.File("test.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var input = Records(data);
        var train = Records(dir.File("train.csv"));
        var test = Records(dir.File("test.csv"));
        Assert.Equal(input[0], train[0]);
        Assert.Equal(input[0], test[0]);
        Assert.Empty(train.Skip(1).Intersect(test.Skip(1)));
        Assert.Equal(input.Skip(1).Order(), train.Skip(1).Concat(test.Skip(1)).Order());
        Assert.Equal(12, test.Count - 1);

        // Stratified by default: a is a quarter of each file.
        Assert.Equal(3, test.Count(l => l.EndsWith(",a", StringComparison.Ordinal)));
        Assert.Equal(12, train.Count(l => l.EndsWith(",a", StringComparison.Ordinal)));

        // Each file keeps the data's order.
        Assert.Equal(input.Where(train.Contains), train);
    }

    [Fact]
    public void Split_keeps_a_groups_rows_together()
    {
        using var dir = new TempFolder();
        string data = WriteTable(dir);
        var r = CliRunner.Run("split", "--data", data, "--group", "grp", "--test", "0.3", "--train-out", dir.File("a.csv"), "--test-out", dir.File("b.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        static HashSet<string> Groups(string path) => [.. Records(path).Skip(1).Select(l => l.Split(',')[^2])];
        Assert.Empty(Groups(dir.File("a.csv")).Intersect(Groups(dir.File("b.csv"))));
        Assert.Equal(10, Groups(dir.File("a.csv")).Count + Groups(dir.File("b.csv")).Count);
        Assert.DoesNotContain("warning", r.Error, StringComparison.Ordinal);       // 3 of 10 equal groups: 30% exactly
    }

    [Fact]
    public void Split_by_few_large_groups_warns_how_far_the_test_share_is_from_the_one_asked_for()
    {
        // before: 15 or 45 of 60 rows in the test file for --test 0.5, without a word
        using var dir = new TempFolder();
        string data = WriteTable(dir);
        var r = CliRunner.Run("split", "--data", data, "--group", "y", "--test", "0.5", "--train-out", dir.File("a.csv"), "--test-out", dir.File("b.csv"));
        Assert.True(r.ExitCode == 0, r.ToString());
        int test = Records(dir.File("b.csv")).Count - 1;
        Assert.Contains($"shallownet: warning: --group y: whole groups put {test * 100 / 60}% of the rows in the test file, not the 50% asked for (2 groups)", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_refuses_to_write_over_its_input()
    {
        using var dir = new TempFolder();
        string data = WriteTable(dir);
        var r = CliRunner.Run("split", "--data", data, "--train-out", data, "--test-out", dir.File("b.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--train-out", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Cv_prints_the_same_results_at_one_and_two_threads()
    {
        string data = CliRunner.Fixture("planar_flower.csv");
        var one = CliRunner.Run(["cv", "--data", data, "--folds", "4", "--json", "--threads", "1", .. FastTraining]);
        var two = CliRunner.Run(["cv", "--data", data, "--folds", "4", "--json", "--threads", "2", .. FastTraining]);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(one.Out, two.Out);
        using var json = JsonDocument.Parse(one.Out);
        Assert.True(json.RootElement.GetProperty("accuracy").GetProperty("mean").GetDouble() > 0.5);
        Assert.Equal(4, json.RootElement.GetProperty("folds").GetArrayLength());
        Assert.True(json.RootElement.TryGetProperty("auc", out _));
    }

    [Fact]
    public void Cv_uses_the_folds_file_as_given()
    {
        using var dir = new TempFolder();
        string data = CliRunner.Fixture("planar_flower.csv");
        int[] folds = [.. Enumerable.Range(0, 400).Select(r => r < 100 ? 2 : r < 130 ? 0 : 1)];
        File.WriteAllText(dir.File("folds.csv"), "fold\n" + string.Concat(folds.Select(f => $"{f}\n")));
        var r = CliRunner.Run(["cv", "--data", data, "--folds-file", dir.File("folds.csv"), "--json", .. FastTraining]);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var json = JsonDocument.Parse(r.Out);
        var tests = json.RootElement.GetProperty("folds").EnumerateArray().Select(f => (f.GetProperty("fold").GetInt32(), f.GetProperty("test").GetInt32(), f.GetProperty("train").GetInt32()));
        Assert.Equal([(0, 30, 370), (1, 270, 130), (2, 100, 300)], tests);
    }

    [Theory]
    [InlineData("fold\n0\n1\n", "2 fold numbers for the 400 data rows")]
    [InlineData("fold\n0\n1\n1.5\n", "line 4, column 1 ('fold'): '1.5' is not a fold number")]
    [InlineData("EMPTY_FOLD", "fold 1 has no rows")]
    [InlineData("fold\n0\n7\n", "fold 7 is outside 0..2 (--folds 3)")]
    [InlineData("id\n0\n", "no column 'fold'")]
    public void Cv_refuses_a_bad_folds_file_in_one_line(string content, string message)
    {
        using var dir = new TempFolder();
        string path = dir.File("folds.csv");
        File.WriteAllText(path, content == "EMPTY_FOLD" ? "fold\n" + string.Concat(Enumerable.Range(0, 400).Select(r => r % 2 == 0 ? "0\n" : "2\n")) : content);
        string[] folds = message.Contains("--folds 3", StringComparison.Ordinal) ? ["--folds", "3"] : [];
        var r = CliRunner.Run(["cv", "--data", CliRunner.Fixture("planar_flower.csv"), "--folds-file", path, .. folds, .. FastTraining]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Contains(path, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Cv_takes_trains_options_but_not_the_model_file_ones()
    {
        var help = CliRunner.Run("cv", "--help");
        Assert.Contains("--hidden", help.Out, StringComparison.Ordinal);
        Assert.Contains("--categorical", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--model", help.Out, StringComparison.Ordinal);
        var r = CliRunner.Run("cv", "--data", CliRunner.Fixture("planar_flower.csv"), "--learning-rate", "-1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--learning-rate", r.Error, StringComparison.Ordinal);
    }
}
