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
}
