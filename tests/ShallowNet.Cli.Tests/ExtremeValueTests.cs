using System.Globalization;
using System.Text.Json;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Finite values too large to square (1e154 and up, to ±1.8e308): they train with finite statistics, and where a
/// precision or an output cannot hold them the refusal is one line naming the cell or row, exit code 2.
/// </summary>
public class ExtremeValueTests
{
    // Six rows, the third's 'b' (line 4, column 2) the value under test.
    private static string Big(string value) => $"a,b,y\n1,2,0\n3,4,1\n5,{value},0\n7,8,1\n9,10,0\n11,12,1\n";

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1.7e308")]
    [InlineData("1e160")]
    [InlineData("1e200")]
    public void A_feature_too_large_to_square_trains_to_a_finite_model_file(string value)
    {
        // The spread went through the squares to Infinity: training ran, then the model writer threw (exit 134).
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("big.csv"), Big(value));
        var r = CliRunner.Run("train", "--data", dir.File("big.csv"), "--model", dir.File("big.json"), "--epochs", "20", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var std = JsonDocument.Parse(File.ReadAllText(dir.File("big.json"))).RootElement.GetProperty("preprocessing").GetProperty("std");
        double b = double.Parse(value, CultureInfo.InvariantCulture);
        Assert.Equal(Math.Abs(b) * 0.4, std[1].GetDouble(), Math.Abs(b) * 1e-12);   // five training rows (one held out), the outlier among them

        var predict = CliRunner.Run("predict", "--model", dir.File("big.json"), "--data", dir.File("big.csv"), "--proba");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.DoesNotContain("NaN", predict.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_target_of_1e200_trains_and_predicts_in_its_units()
    {
        using var dir = new TempFolder();
        var random = new Random(4);
        File.WriteAllLines(dir.File("r.csv"), ["x,t", .. Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 7},{((i % 7) + (random.NextDouble() * 0.1)) * 1e200:R}"))]);
        var r = CliRunner.Run("train", "--data", dir.File("r.csv"), "--model", dir.File("r.json"), "--epochs", "100", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var predict = CliRunner.Run("predict", "--model", dir.File("r.json"), "--data", dir.File("r.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var values = predict.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(60, values.Count);
        Assert.All(values, v => Assert.InRange(v, -2e200, 9e200));
    }

    [Fact]
    public void Cv_scores_a_column_of_huge_values_as_the_same_column_rescaled()
    {
        // With the spread infinite every fold divided the column by Infinity: it became all zeros and the scores fell.
        using var dir = new TempFolder();
        var random = new Random(5);
        var rows = Enumerable.Range(0, 80).Select(_ => (A: random.NextDouble(), B: random.NextDouble())).ToList();
        File.WriteAllLines(dir.File("small.csv"), ["a,b,y", .. rows.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.A:R},{p.B:R},{(p.B > 0.5 ? 1 : 0)}"))]);
        File.WriteAllLines(dir.File("huge.csv"), ["a,b,y", .. rows.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.A:R},{p.B * 1e300:R},{(p.B > 0.5 ? 1 : 0)}"))]);
        double Accuracy(string file)
        {
            var cv = CliRunner.Run("cv", "--data", dir.File(file), "--folds", "4", "--epochs", "60", "--json");
            Assert.True(cv.ExitCode == 0, cv.ToString());
            return JsonDocument.Parse(cv.Out).RootElement.GetProperty("accuracy").GetProperty("mean").GetDouble();
        }

        double small = Accuracy("small.csv");
        Assert.True(small > 0.8, $"accuracy {small}");
        Assert.Equal(small, Accuracy("huge.csv"), 1e-9);
    }

    [Fact]
    public void A_float32_run_refuses_an_unstandardised_value_beyond_float_before_training()
    {
        // It became Infinity in float and the run ended "training diverged" (exit 1) after the work.
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("f.csv"), Big("1e39"));
        var r = CliRunner.Run("train", "--data", dir.File("f.csv"), "--model", dir.File("f.json"), "--precision", "float32", "--standardize", "false");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: {dir.File("f.csv")}: line 4, column 2 ('b'): 1E+39 is beyond float32's range (±3.4e38) and not standardised (--standardize false); rescale the column, or train with --precision float64 or --standardize", r.Error.TrimEnd());
        Assert.Equal(string.Empty, r.Out);
        Assert.False(File.Exists(dir.File("f.json")));

        // Standardised (the default), the same value trains in float32.
        var standardised = CliRunner.Run("train", "--data", dir.File("f.csv"), "--model", dir.File("f.json"), "--precision", "float32", "--epochs", "5", "--quiet");
        Assert.True(standardised.ExitCode == 0, standardised.ToString());
    }

    [Theory]
    [InlineData("cv", "false")]
    [InlineData("curve", "false")]
    [InlineData("tune", "true,false")]
    public void Cross_validation_in_float32_refuses_an_unstandardised_value_beyond_float_before_any_fold(string command, string standardize)
    {
        // every fold diverged on the infinite value after its training, and the command failed with "training diverged"
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("f.csv"), Big("1e39"));
        var r = CliRunner.Run(command, "--data", dir.File("f.csv"), "--precision", "float32", "--standardize", standardize, "--folds", "2");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: {dir.File("f.csv")}: line 4, column 2 ('b'): 1E+39 is beyond float32's range (±3.4e38) and not standardised (--standardize false); rescale the column, or train with --precision float64 or --standardize", r.Error.TrimEnd());
    }

    [Fact]
    public void Unscaled_spreads_past_1e154_are_warned_about_in_numbers_not_infinity()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("big.csv"), Big("1e308"));
        var r = CliRunner.Run("train", "--data", dir.File("big.csv"), "--model", dir.File("m.json"), "--standardize", "false", "--epochs", "5", "--quiet");
        Assert.Contains("feature 'b' spreads 1.09E+307 times wider than 'a' (standard deviations 3.73E+307 and 3.42)", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_whose_prediction_overflows_is_refused_by_predict_and_evaluate_naming_its_line()
    {
        // A row of 1e308 against a model trained on values near 1: the network's output was NaN, written with exit 0.
        using var dir = new TempFolder();
        var random = new Random(2);
        File.WriteAllLines(dir.File("r.csv"), ["a,b,t", .. Enumerable.Range(0, 80).Select(_ =>
        {
            double a = random.NextDouble(), b = random.NextDouble();
            return string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(3 * a) - b:R}");
        })]);
        var train = CliRunner.Run("train", "--data", dir.File("r.csv"), "--model", dir.File("r.json"), "--epochs", "50", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        File.WriteAllText(dir.File("new.csv"), "a,b,t\n0.5,0.5,1\n1e308,1,2\n");

        var predict = CliRunner.Run("predict", "--model", dir.File("r.json"), "--data", dir.File("new.csv"), "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 2, predict.ToString());
        Assert.StartsWith($"shallownet: error: {dir.File("new.csv")}: line 3: the model's output is ", predict.Error, StringComparison.Ordinal);
        Assert.Contains("for this row: 'a' = 1E+308 lies too far beyond the training data for the network", predict.Error, StringComparison.Ordinal);
        Assert.Single(predict.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(dir.File("p.csv")));

        var evaluate = CliRunner.Run("evaluate", "--model", dir.File("r.json"), "--data", dir.File("new.csv"), "--json");
        Assert.True(evaluate.ExitCode == 2, evaluate.ToString());
        Assert.Contains($"{dir.File("new.csv")}: line 3: the model's output is ", evaluate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_a_standardisation_beyond_float32_with_one_line()
    {
        // A mean of 2e307 is Infinity as float: the ONNX graph would answer NaN for every row.
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("big.csv"), Big("1e308"));
        Assert.Equal(0, CliRunner.Run("train", "--data", dir.File("big.csv"), "--model", dir.File("big.json"), "--epochs", "5", "--quiet").ExitCode);
        var r = CliRunner.Run("export", "--model", dir.File("big.json"), "--onnx", dir.File("big.onnx"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"shallownet: error: {dir.File("big.json")}: the model's 'mean' holds 2E+307, beyond float32's range", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("big.onnx")));
    }
}
