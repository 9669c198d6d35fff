using System.Globalization;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Numerics;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Api;

/// <summary>
/// Score and Evaluate on fitted models: the numbers of the tested report classes (<see cref="BinaryReport"/>,
/// <see cref="ClassificationReport"/>, <see cref="RegressionReport"/>, <see cref="Metrics"/>) computed from the model's
/// own predictions, the same whichever layout the examples come in. The tool's <c>evaluate --json</c> is compared in
/// ShallowNet.MLNet.Tests (ApiMatchesToolTests), which references the tool.
/// </summary>
public class ScoreAndEvaluateTests
{
    private static readonly EstimatorOptions Short = new()
    {
        Hidden = [6],
        Standardize = true,
        Training = new TrainingOptions { Epochs = 60, LearningRate = 0.05, Optimizer = new Adam(), LogEvery = 20, Threads = 1 },
    };

    [Fact]
    public void A_binary_classifier_scores_its_accuracy_and_reports_the_binary_measures()
    {
        var data = SyntheticData.Planar(m: 200);
        var model = new ShallowNetClassifier(Short).Fit(data);
        var classes = model.Model.Classes!;
        int[] actual = classes.Encode(data.RequireLabels(), "test");
        int[] predicted = [.. model.Predict(data.X).Select(classes.IndexOf)];
        var expected = BinaryReport.Compute(model.PredictProba(data.X).Row(0), actual);

        var report = model.Evaluate(data);
        Assert.Equal(OutputKind.Binary, report.Kind);
        Assert.Equal(expected with { Confusion = report.Binary!.Confusion }, report.Binary);
        Assert.Equal(expected.Confusion, report.Binary.Confusion);
        Assert.Equal(classes.Names, report.Classes);
        Assert.Null(report.Multiclass);
        Assert.Equal(Metrics.Accuracy(predicted, actual), model.Score(data));
        Assert.Equal(expected.Auc, report.Measures["auc"]);

        // Every layout of the same examples gives the same report.
        double[][] rows = RowsAndColumnsTests.RowsOf(data.X);
        double[] numeric = [.. data.RequireLabels().Select(l => double.Parse(l, CultureInfo.InvariantCulture))];
        Assert.Equal(report.Measures, model.Evaluate(data.X, data.RequireLabels()).Measures);
        Assert.Equal(report.Measures, model.Evaluate(rows, data.RequireLabels()).Measures);
        Assert.Equal(report.Measures, model.Evaluate(rows, numeric).Measures);
        Assert.Equal(report.Measures, model.Evaluate(data.X, new Matrix<double>(1, numeric.Length, numeric)).Measures);
        Assert.Equal(report.Score, model.Score(rows, numeric));
    }

    [Fact]
    public void A_multiclass_classifier_reports_the_macro_measures()
    {
        var data = RowsAndColumnsTests.ThreeClasses(150, seed: 2);
        var model = new ShallowNetClassifier(Short).Fit(data);
        var a = model.PredictProba(data.X);
        int[] actual = model.Model.Classes!.Encode(data.RequireLabels(), "test");
        var expected = ClassificationReport.Compute((i, j) => a[i, j], a.Rows, actual);

        var report = model.Evaluate(data.X, data.RequireLabels());
        Assert.Equal(OutputKind.Multiclass, report.Kind);
        Assert.Equal(expected.Accuracy, report.Score);
        Assert.Equal([expected.Examples, expected.Accuracy, expected.Precision, expected.Recall, expected.F1, expected.LogLoss],
            new[] { "examples", "accuracy", "precision", "recall", "f1", "log_loss" }.Select(k => report.Measures[k]));
        Assert.Equal(expected.Confusion, report.Multiclass!.Confusion);
        Assert.False(report.Measures.ContainsKey("auc"));

        var floats = new float[data.Examples, 2];
        for (int j = 0; j < data.Examples; j++)
        {
            (floats[j, 0], floats[j, 1]) = ((float)data.X[0, j], (float)data.X[1, j]);
        }

        Assert.Equal(model.Evaluate(RowsAndColumnsTests.RowsOf(Widened(floats)), data.RequireLabels()).Measures, model.Evaluate(floats, data.RequireLabels()).Measures);
    }

    [Fact]
    public void A_regressor_scores_r_squared_and_reports_rmse_and_mae()
    {
        var (x, y) = RowsAndColumnsTests.Sine(120, seed: 9);
        var model = new ShallowNetRegressor(Short).Fit(x, y);
        var expected = RegressionReport.Compute(model.PredictValues(x), y);

        var report = model.Evaluate(x, y);
        Assert.Equal(OutputKind.Regression, report.Kind);
        Assert.Equal(expected.R2, report.Regression!.R2);
        Assert.Equal(Metrics.RSquared(model.PredictValues(x), y), model.Score(x, y));
        Assert.Equal(new Dictionary<string, double> { ["examples"] = 120, ["rmse"] = expected.Rmse, ["mae"] = expected.Mae, ["r2"] = expected.R2 }, report.Measures);
        Assert.Null(report.Classes);

        double[] targets = y.Row(0).ToArray();
        Assert.Equal(report.Measures, model.Evaluate(RowsAndColumnsTests.RowsOf(x), targets).Measures);
        Assert.Equal(report.Measures, model.Evaluate(x, [.. targets.Select(t => t.ToString("R", CultureInfo.InvariantCulture))]).Measures);
        Assert.Throws<InvalidOperationException>(() => model.Predict(x));
    }

    [Fact]
    public void The_regressor_fits_a_data_set_by_its_numeric_label_as_it_fits_the_same_numbers()
    {
        var (x, y) = RowsAndColumnsTests.Sine(60, seed: 4);
        string[] labels = [.. y.Row(0).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
        var data = new Dataset("sine.csv", ["t"], x, "sin", labels);
        var fromData = new ShallowNetRegressor(Short).Fit(data);
        var fromMatrix = new ShallowNetRegressor(Short).Fit(x, y, ["t"]);
        Assert.Equal("sin", fromData.Model.Label);
        Assert.Equal(fromMatrix.Model.Network.Layers[0].W.Data, fromData.Model.Network.Layers[0].W.Data);
        Assert.Equal(fromMatrix.Model.Network.Layers[1].W.Data, fromData.Model.Network.Layers[1].W.Data);
        Assert.Equal(fromMatrix.Score(x, y), fromData.Score(data));

        var e = Assert.Throws<InvalidInputException>(() => new ShallowNetRegressor(Short).Fit(data with { Labels = [.. labels.Select((l, j) => j == 3 ? "n/a" : l)] }));
        Assert.Contains("'n/a' is not a number", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => new ShallowNetRegressor(Short).Fit(data with { Labels = null }));
    }

    [Fact]
    public void Evaluate_takes_the_models_features_by_name_and_refuses_wrong_shapes()
    {
        var data = SyntheticData.Planar(m: 100);
        var model = new ShallowNetClassifier(Short).Fit(data);

        // The same columns in another order, with one the model never saw: taken by name.
        var swapped = new Matrix<double>(3, data.Examples);
        data.X.Row(1).CopyTo(swapped.Row(0));
        data.X.Row(0).CopyTo(swapped.Row(2));
        var reordered = new Dataset("other.csv", [data.FeatureNames[1], "noise", data.FeatureNames[0]], swapped, data.LabelName, data.Labels);
        Assert.Equal(model.Evaluate(data).Measures, model.Evaluate(reordered).Measures);

        var e = Assert.Throws<ArgumentException>(() => model.Evaluate(reordered with { FeatureNames = ["a", "b", "c"] }));
        Assert.Contains("3 feature columns, but the model takes 2 inputs", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => model.Evaluate(data.X, ["0", "1"]));
        Assert.Contains("X has 100 examples but 2 labels", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => model.Evaluate(swapped, data.RequireLabels()));
        Assert.Contains("X has 3 features (rows) but the model takes 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => model.Evaluate(data.X, [.. data.RequireLabels().Select(_ => "7")]));
        Assert.Throws<InvalidInputException>(() => model.Evaluate(data with { Labels = null }));
    }

    private static Matrix<double> Widened(float[,] rows)
    {
        var x = new Matrix<double>(rows.GetLength(1), rows.GetLength(0));
        for (int j = 0; j < rows.GetLength(0); j++)
        {
            for (int i = 0; i < rows.GetLength(1); i++)
            {
                x[i, j] = rows[j, i];
            }
        }

        return x;
    }
}
