using ShallowNet.Api;
using ShallowNet.Numerics;

namespace ShallowNet.Tests.Api;

/// <summary>
/// A caller's mistake with in-memory data is named as one (ArgumentException or InvalidInputException, saying what and
/// where) before any training; before, each of these surfaced as something else from deep inside.
/// </summary>
public class CallerMistakeTests
{
    private static readonly double[][] Rows = [[0.1, 1.0], [0.9, 0.2], [0.2, 0.8], [0.8, 0.1], [0.3, 0.9], [0.7, 0.3]];
    private static readonly string[] Labels = ["a", "b", "a", "b", "a", "b"];
    private static readonly EstimatorOptions Quick = new() { Hidden = [3], Training = new EstimatorOptions().Training with { Epochs = 3, Patience = null }, ValidationFraction = 0 };

    [Fact]
    public void A_null_label_is_named()
    {
        // was a NullReferenceException
        var e = Assert.Throws<ArgumentException>(() => new ShallowNetClassifier(Quick).Fit(Rows, ["a", null!, "a", "b", "a", "b"]));
        Assert.StartsWith("labels[1] is null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_feature_name_is_refused_before_a_model_that_cannot_be_read_back()
    {
        // was accepted, and the saved file then refused by Load ("features[1]: must be a string")
        var e = Assert.Throws<ArgumentException>(() => new ShallowNetClassifier(Quick).Fit(Rows, Labels, featureNames: ["x", null!]));
        Assert.StartsWith("featureNames[1] is null", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_value_of_x_that_is_not_finite_is_named_with_its_place(double value)
    {
        // NaN ended "training diverged" after the work; +Infinity in a validation row trained without a word
        double[][] rows = [.. Rows.Select(r => (double[])r.Clone())];
        rows[4][1] = value;
        var e = Assert.Throws<InvalidInputException>(() => new ShallowNetClassifier(Quick).Fit(rows, Labels));
        Assert.StartsWith("X[1, 4] ('x1'), example 4: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_target_that_is_not_finite_is_named()
    {
        var e = Assert.Throws<InvalidInputException>(() => new ShallowNetRegressor(Quick).Fit(Rows, [1, 2, double.NaN, 4, 5, 6]));
        Assert.Contains("the targets[0, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_without_features_are_refused_in_words()
    {
        // was "every layer size must be positive; got [0, 3, 1] (Parameter 'sizes')"
        var e = Assert.Throws<ArgumentException>(() => new ShallowNetClassifier(Quick).Fit(new float[6, 0], Labels));
        Assert.StartsWith("X has no features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predicting_x_of_another_width_names_both_widths()
    {
        // was ArgumentOutOfRangeException "Index was out of range"
        var model = new ShallowNetClassifier(Quick).Fit(Rows, Labels);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(new Matrix<double>(3, 2)));
        Assert.StartsWith("X has 3 rows (features), but the model takes 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(100000, 100000)]
    public void A_matrix_of_impossible_size_is_an_argument_error(int rows, int cols)
    {
        // was an OverflowException
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(rows, cols));
    }
}
