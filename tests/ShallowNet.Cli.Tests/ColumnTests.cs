using System.Globalization;

namespace ShallowNet.Cli.Tests;

/// <summary>Tables with text columns, missing values and ids, from train to predict and evaluate.</summary>
public class ColumnTests
{
    // A label that depends on a text column and a number: class b when color is red or x > 0.5.
    private static string MixedTable(int rows, int seed, bool holes)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        var lines = new List<string> { "id,color,x,noise,owner,y" };
        for (int i = 0; i < rows; i++)
        {
            string color = colors[random.Next(3)];
            double x = random.NextDouble();
            string y = color == "red" || x > 0.5 ? "b" : "a";
            string xCell = holes && i % 11 == 3 ? "NA" : x.ToString("R", CultureInfo.InvariantCulture);
            string colorCell = holes && i % 13 == 5 ? string.Empty : color;
            lines.Add($"{500 + i},{colorCell},{xCell},{random.NextDouble().ToString("R", CultureInfo.InvariantCulture)},{(random.Next(2) == 0 ? "yes" : "no")},{y}");
        }

        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void A_table_with_text_missing_values_and_an_id_trains_and_predicts_with_the_id_copied()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("train.csv"), MixedTable(300, 1, holes: true));
        File.WriteAllText(dir.File("test.csv"), MixedTable(100, 2, holes: true).Replace(",blue,", ",purple,", StringComparison.Ordinal));
        var train = CliRunner.Run("train", "--data", dir.File("train.csv"), "--label", "y", "--id", "id", "--model", dir.File("m.json"),
            "--hidden", "8", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "300", "--batch-size", "32", "--standardize", "--log-every", "100");
        Assert.True(train.ExitCode == 0, train.ToString());
        int holes = Enumerable.Range(0, 300).Count(i => i % 11 == 3) + Enumerable.Range(0, 300).Count(i => i % 13 == 5);
        Assert.Contains($"features: 2 numeric, 2 categorical (5 one-hot columns), {holes} missing cells imputed; 7 inputs", train.Out, StringComparison.Ordinal);

        var inspect = CliRunner.Run("inspect", "--model", dir.File("m.json"));
        Assert.Contains("  color: 3 categories (blue, green, red), one-hot; missing → ", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("id column: id (copied to predict's output)", inspect.Out, StringComparison.Ordinal);

        var predict = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", dir.File("test.csv"), "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Contains("held a category not seen in training, encoded as all zeros: 'color'", predict.Error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(dir.File("p.csv"));
        Assert.Equal("id,prediction", lines[0]);
        Assert.Equal("500", lines[1].Split(',')[0]);
        Assert.Equal(101, lines.Length);

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", dir.File("train.csv"), "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        double accuracy = System.Text.Json.JsonDocument.Parse(evaluate.Out).RootElement.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy > 0.9, evaluate.Out);
    }

    [Fact]
    public void A_regression_target_is_learned_in_standard_units_and_predicted_in_its_own()
    {
        // The same data with the target in other units (×1000 + 5) gives the same predictions in those units: the
        // target is standardised for training and mapped back for predict.
        using var dir = new TempFolder();
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => (X: random.NextDouble(), Z: random.NextDouble())).ToList();
        File.WriteAllLines(dir.File("a.csv"), ["x,z,t", .. rows.Select(r => Cells(r.X, r.Z, Math.Sin(3 * r.X) + r.Z))]);
        File.WriteAllLines(dir.File("b.csv"), ["x,z,t", .. rows.Select(r => Cells(r.X, r.Z, ((Math.Sin(3 * r.X) + r.Z) * 1000) + 5))]);
        string[] options = ["--label", "t", "--hidden", "6", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "200", "--standardize", "--quiet"];
        foreach (var name in new[] { "a", "b" })
        {
            var r = CliRunner.Run(["train", "--data", dir.File($"{name}.csv"), "--model", dir.File($"{name}.json"), .. options]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.True(CliRunner.Run("predict", "--model", dir.File($"{name}.json"), "--data", dir.File("a.csv"), "--out", dir.File($"{name}.pred")).ExitCode == 0);
        }

        var a = File.ReadAllLines(dir.File("a.pred")).Skip(1).Select(double.Parse).ToArray();
        var b = File.ReadAllLines(dir.File("b.pred")).Skip(1).Select(double.Parse).ToArray();
        Assert.All(a.Zip(b), p => Assert.Equal((p.First * 1000) + 5, p.Second, 1e-6 * 1000));
        Assert.Contains("\"target_scaling\"", File.ReadAllText(dir.File("b.json")), StringComparison.Ordinal);

        static string Cells(params double[] values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("--features", "nope", "--features: no column 'nope'")]
    [InlineData("--ignore", "nope", "--ignore: no column 'nope'")]
    [InlineData("--id", "nope", "--id: no column 'nope'")]
    [InlineData("--categorical", "nope", "--categorical: no column 'nope'")]
    [InlineData("--features", "x0,x0", "--features: 'x0' is named twice")]
    [InlineData("--features", "x0,", "--features: 'x0,' has an empty column name")]
    [InlineData("--features", "y", "--features: 'y' is also the label")]
    public void Column_options_naming_what_is_not_there_are_refused_before_training(string option, string value, string expected)
    {
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.BadInput("good.csv"), "--model", dir.File("m.json"), option, value);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void A_version_1_model_still_predicts_and_refuses_missing_cells()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("d.csv"), "x0,x1\n1,2\n3,\n");
        var r = CliRunner.Run("predict", "--model", CliRunner.Fixture("planar_init.json"), "--data", dir.File("d.csv"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("line 3, column 2 ('x1'): empty cell; expected a number", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unscaled_features_of_very_different_spreads_and_a_one_class_model_are_warned_about()
    {
        using var dir = new TempFolder();
        var random = new Random(1);
        File.WriteAllLines(dir.File("d.csv"), ["a,b,y", .. Enumerable.Range(0, 200).Select(_ =>
        {
            double a = random.NextDouble() * 1e5, b = random.NextDouble();
            return string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(b > 0.5 ? 1 : 0)}");
        })]);
        var r = CliRunner.Run("train", "--data", dir.File("d.csv"), "--model", dir.File("m.json"), "--preset", "lesson", "--epochs", "50", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("feature 'a' spreads", r.Error, StringComparison.Ordinal);
        Assert.Contains("--standardize lets every feature count", r.Error, StringComparison.Ordinal);
        Assert.Contains("predicts class '", r.Error, StringComparison.Ordinal);

        var scaled = CliRunner.Run("train", "--data", dir.File("d.csv"), "--model", dir.File("m.json"), "--quiet");
        Assert.True(scaled.ExitCode == 0, scaled.ToString());
        Assert.Equal(string.Empty, scaled.Error);
    }

    [Fact]
    public void The_label_is_named_and_a_label_taken_from_the_last_column_says_so()
    {
        // seaborn's titanic ends with 'alone', not 'survived': before, nothing said what the run was predicting
        using var dir = new TempFolder();
        var byDefault = CliRunner.Run("train", "--data", CliRunner.Fixture("titanic.csv"), "--model", dir.File("a.json"), "--epochs", "1");
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Contains("label: 'alone', the last column (name another with --label)", byDefault.Out, StringComparison.Ordinal);
        var named = CliRunner.Run("train", "--data", CliRunner.Fixture("titanic.csv"), "--label", "survived", "--ignore", "alive", "--model", dir.File("s.json"), "--epochs", "1");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Contains("label: 'survived'\n", named.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_that_copies_the_label_is_warned_about()
    {
        // titanic.csv's 'alive' (yes/no) is 'survived' (1/0) in words: every model scored 100% without a word
        using var dir = new TempFolder();
        var copied = CliRunner.Run("train", "--data", CliRunner.Fixture("titanic.csv"), "--label", "survived", "--model", dir.File("m.json"), "--epochs", "1", "--quiet");
        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Contains("column 'alive' gives the label 'survived' exactly (no → 0, yes → 1)", copied.Error, StringComparison.Ordinal);
        Assert.Contains("--ignore alive", copied.Error, StringComparison.Ordinal);

        var ignored = CliRunner.Run("train", "--data", CliRunner.Fixture("titanic.csv"), "--label", "survived", "--ignore", "alive", "--model", dir.File("m.json"), "--epochs", "1", "--quiet");
        Assert.DoesNotContain("exactly", ignored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_of_many_values_that_matches_a_small_table_by_chance_is_not_called_a_copy()
    {
        // 30 rows, a column of 10 values each met three times with one class: too few rows per value to say
        using var dir = new TempFolder();
        string data = dir.File("small.csv");
        File.WriteAllLines(data, ["code,x,y", .. Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"c{i % 10},{i * 0.1},{(i % 10) % 2}"))]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "1", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("exactly", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finer_column_that_groups_into_the_classes_is_not_called_a_copy()
    {
        // taxis.csv's drop-off zone gives the drop-off borough exactly, as any finer place gives a coarser one
        using var dir = new TempFolder();
        string data = dir.File("zones.csv");
        File.WriteAllLines(data, ["zone,x,borough", .. Enumerable.Range(0, 200).Select(i => string.Create(CultureInfo.InvariantCulture, $"z{i % 8},{i * 0.1},{((i % 8) < 5 ? "north" : "south")}"))]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "1", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("exactly", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_of_dates_is_left_out_with_a_warning_that_says_so()
    {
        // taxis.csv's pickup times were "looks like an id": true of what happens to them, not of what they are
        using var dir = new TempFolder();
        string data = dir.File("rides.csv");
        File.WriteAllLines(data, ["pickup,name,distance,fare", .. Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"2019-03-{1 + (i % 28):D2} {i % 24:D2}:{i:D2}:09,rider {i},{i * 0.3},{5 + i}"))]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "1", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("column 'pickup' holds dates or times (40 distinct values in 40 rows): ignored", r.Error, StringComparison.Ordinal);
        Assert.Contains("column 'name' looks like an id (40 distinct values in 40 rows): ignored", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_that_names_the_rows_is_warned_about()
    {
        // mpg.csv ends with 'name' (305 car names in 398 rows): before, a 305-class softmax trained without a word
        using var dir = new TempFolder();
        string data = dir.File("cars.csv");
        File.WriteAllLines(data, ["mpg,weight,name", .. Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"{10 + (i % 7)},{2000 + (37 * i)},car {i}"))]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("the label 'name' has 40 distinct values in 40 rows", r.Error, StringComparison.Ordinal);
        var named = CliRunner.Run("train", "--data", data, "--label", "mpg", "--ignore", "name", "--model", dir.File("m2.json"), "--epochs", "2", "--quiet");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.DoesNotContain("distinct values", named.Error, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("NA", null)]
    [InlineData("N/A", null)]
    [InlineData("?", null)]
    [InlineData("null", null)]
    [InlineData("NULL", null)]
    [InlineData("NaN", null)]
    [InlineData("gone", "gone,NA")]
    public void A_missing_value_word_in_the_label_is_a_missing_label_not_a_class(string token, string? na)
    {
        // The features took these words for missing, the label for a class: "NA" became a third class of a 0/1 label.
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        File.WriteAllText(data, $"a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,9,{token}\n");
        string[] naOption = na is null ? [] : ["--na", na];
        var r = CliRunner.Run(["train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", .. naOption]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: {data}: line 6, column 3 ('y'): missing label (1 of 5 rows has none; --drop-invalid-rows leaves them out, --label names another column)", r.Error.TrimEnd());
        Assert.False(File.Exists(dir.File("m.json")));

        var dropped = CliRunner.Run(["train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--quiet", "--drop-invalid-rows", .. naOption]);
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Contains("dropped 1 invalid row (first: line 6, column 3 ('y'): missing label); training on 4", dropped.Error, StringComparison.Ordinal);
        Assert.Equal(["0", "1"], Classes(dir.File("m.json")));
    }

    [Fact]
    public void A_word_that_is_not_a_missing_token_stays_a_class_and_na_replaces_the_list_for_the_label_too()
    {
        using var dir = new TempFolder();
        string data = dir.File("d.csv");
        File.WriteAllText(data, "a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,9,NA\n");
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--quiet", "--na", "gone");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["0", "1", "NA"], Classes(dir.File("m.json")));
    }

    [Fact]
    public void A_regression_target_of_NA_is_a_missing_label_not_a_softmax_over_every_value()
    {
        // One 'NA' among 300 numbers made the target text: a 300-class softmax trained without a word.
        using var dir = new TempFolder();
        string data = dir.File("r.csv");
        File.WriteAllLines(data, ["x,t", .. Enumerable.Range(0, 300).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{(i == 41 ? "NA" : (i * 0.37).ToString("R", CultureInfo.InvariantCulture))}"))]);
        var r = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("line 43, column 2 ('t'): missing label (1 of 300 rows", r.Error, StringComparison.Ordinal);
        var dropped = CliRunner.Run("train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--drop-invalid-rows", "--quiet");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.Contains("\"target_scaling\"", File.ReadAllText(dir.File("m.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_refuses_a_missing_label_word_and_predict_copies_an_id_as_written()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("train.csv"), "id,color,x,y\n1,red,1,a\n2,blue,2,b\n3,red,3,a\n4,blue,4,b\n5,red,5,a\n6,blue,6,b\n");
        var train = CliRunner.Run("train", "--data", dir.File("train.csv"), "--id", "id", "--model", dir.File("m.json"), "--epochs", "2", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        File.WriteAllText(dir.File("new.csv"), "id,color,x,y\nNA,red,1,a\n8,blue,2,NA\n");

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("m.json"), "--data", dir.File("new.csv"));
        Assert.True(evaluate.ExitCode == 2, evaluate.ToString());
        Assert.Equal($"shallownet: error: {dir.File("new.csv")}: line 3, column 4 ('y'): missing label", evaluate.Error.TrimEnd());

        var predict = CliRunner.Run("predict", "--model", dir.File("m.json"), "--data", dir.File("new.csv"), "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Equal(["NA", "8"], File.ReadAllLines(dir.File("p.csv")).Skip(1).Select(l => l.Split(',')[0]));
    }

    private static string[] Classes(string model) =>
        [.. System.Text.Json.JsonDocument.Parse(File.ReadAllText(model)).RootElement.GetProperty("classes").EnumerateArray().Select(c => c.ToString())];
}
