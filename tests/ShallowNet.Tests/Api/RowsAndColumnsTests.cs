using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Api;

/// <summary>
/// The API takes rows × features (one example per row, as scikit-learn) beside the lesson's X (n_x, m): the rows are
/// the same numbers transposed, so the fit must give the same model bits and the predictions the same values.
/// </summary>
public class RowsAndColumnsTests
{
    private static readonly EstimatorOptions Short = new()
    {
        Hidden = [5],
        Standardize = true,
        Training = new TrainingOptions { Epochs = 80, LearningRate = 0.05, Optimizer = new Adam(), BatchSize = 32, LogEvery = 20, Threads = 1 },
    };

    [Fact]
    public void A_classifier_fitted_on_rows_has_the_bits_of_one_fitted_on_columns()
    {
        var data = ThreeClasses(120, seed: 3);
        double[] weights = [.. Enumerable.Range(0, data.Examples).Select(j => 0.5 + (j % 3))];
        var columns = new ShallowNetClassifier(Short).Fit(data.X, data.RequireLabels(), sampleWeights: weights);
        var rows = new ShallowNetClassifier(Short).Fit(RowsOf(data.X), data.RequireLabels(), sampleWeights: weights);
        AssertSameModel(columns, rows);

        Assert.Equal(columns.Predict(data.X), rows.Predict(RowsOf(data.X)));
        Assert.Equal(RowsOf(columns.PredictProba(data.X)), rows.PredictProba(RowsOf(data.X)));
    }

    [Fact]
    public void A_float_array_is_the_same_fit_as_its_values_in_double()
    {
        var data = SyntheticData.Planar(m: 100);
        var floats = new float[data.Examples, 2];
        var x = new Matrix<double>(2, data.Examples);
        for (int j = 0; j < data.Examples; j++)
        {
            for (int i = 0; i < 2; i++)
            {
                floats[j, i] = (float)data.X[i, j];
                x[i, j] = floats[j, i];
            }
        }

        var fromFloats = new ShallowNetClassifier(Short).Fit(floats, data.RequireLabels());
        var fromDoubles = new ShallowNetClassifier(Short).Fit(x, data.RequireLabels());
        AssertSameModel(fromDoubles, fromFloats);
        Assert.Equal(fromDoubles.Predict(x), fromFloats.Predict(floats));
        Assert.Equal(RowsOf(fromDoubles.PredictProba(x)), fromFloats.PredictProba(floats));
    }

    [Fact]
    public void A_regressor_fitted_on_rows_has_the_bits_of_one_fitted_on_columns()
    {
        var (x, y) = Sine(80, seed: 7);
        var columns = new ShallowNetRegressor(Short).Fit(x, y);
        var rows = new ShallowNetRegressor(Short).Fit(RowsOf(x), y.Row(0).ToArray());
        AssertSameModel(columns, rows);
        Assert.Equal(RowsOf(columns.PredictValues(x)), rows.PredictValues(RowsOf(x)));

        // Two targets as a 2-D y, one row of targets per example.
        var two = new Matrix<double>(2, x.Cols);
        y.Row(0).CopyTo(two.Row(0));
        for (int j = 0; j < x.Cols; j++)
        {
            two[1, j] = 2 * x[0, j];
        }

        AssertSameModel(new ShallowNetRegressor(Short).Fit(x, two), new ShallowNetRegressor(Short).Fit(RowsOf(x), RowsOf(two)));
    }

    [Fact]
    public void Ragged_rows_and_counts_that_disagree_are_refused_with_the_row_named()
    {
        var classifier = new ShallowNetClassifier(Short);
        double[][] ragged = [[1, 2], [3, 4], [5]];
        var e = Assert.Throws<ArgumentException>(() => classifier.Fit(ragged, ["a", "b", "a"]));
        Assert.Contains("row 2 has 1 features but row 0 has 2", e.Message, StringComparison.Ordinal);
        Assert.Equal("x", e.ParamName);

        double[][] rows = [[1, 2], [3, 4], [5, 6]];
        e = Assert.Throws<ArgumentException>(() => classifier.Fit(rows, ["a", "b"]));
        Assert.Contains("X has 3 rows (examples) but 2 labels", e.Message, StringComparison.Ordinal);
        Assert.Equal("labels", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => classifier.Fit(rows, ["a", "b", "a"], sampleWeights: [1.0]));
        Assert.Equal("sampleWeights", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new ShallowNetRegressor(Short).Fit(new float[3, 2], [1.0, 2.0, 3.0, 4.0]));
        Assert.Contains("X has 3 rows (examples) but 4 targets", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => classifier.Fit(Array.Empty<double[]>(), []));
        Assert.Throws<ArgumentException>(() => classifier.Fit([null!, [1.0]], ["a", "b"]));

        var model = classifier.Fit(rows, ["a", "b", "a"]);
        e = Assert.Throws<ArgumentException>(() => model.Predict([[1.0, 2.0, 3.0]]));
        Assert.Contains("each row has 3 features but the model takes 2", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The rows × features layout of X (n_x, m): row j is example j.</summary>
    internal static double[][] RowsOf(Matrix<double> x) => x.Transpose().ToRows();

    /// <summary>Three text classes around three centres in two features (softmax).</summary>
    internal static Dataset ThreeClasses(int m, uint seed)
    {
        var random = new NumpyRandom(seed);
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            int c = j % 3;
            x[0, j] = (c == 1 ? 2 : 0) + random.NextGaussian();
            x[1, j] = (c == 2 ? 2 : 0) + random.NextGaussian();
            labels[j] = new[] { "lion", "tiger", "zebra" }[c];
        }

        return new Dataset("three classes", ["x0", "x1"], x, "animal", labels);
    }

    internal static (Matrix<double> X, Matrix<double> Y) Sine(int m, uint seed)
    {
        var random = new NumpyRandom(seed);
        var x = new Matrix<double>(1, m);
        var y = new Matrix<double>(1, m);
        for (int j = 0; j < m; j++)
        {
            x[0, j] = (random.NextDouble() * 4) - 2;
            y[0, j] = Math.Sin(x[0, j]) + (0.1 * random.NextGaussian());
        }

        return (x, y);
    }

    // The whole model file, byte for byte (weights, preprocessing, names, classes), and the logged costs.
    private static void AssertSameModel(FittedModel expected, FittedModel actual)
    {
        Assert.Equal(FileBytes(expected), FileBytes(actual));
        Assert.Equal(expected.History!.Points.Select(p => p.Cost), actual.History!.Points.Select(p => p.Cost));
    }

    private static byte[] FileBytes(FittedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model.Model, stream);
        return stream.ToArray();
    }
}
