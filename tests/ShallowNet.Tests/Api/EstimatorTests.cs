using ShallowNet.Activations;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Api;

public class EstimatorTests
{
    [Fact]
    public void The_lesson_options_give_the_lessons_network_and_reproduce_the_course()
    {
        // The lesson: 4 tanh units, W·0.01 from seed 2, lr 1.2, 10000 epochs, full batch: planar_expected.json's run.
        var data = SyntheticData.Planar();
        var model = new ShallowNetClassifier(EstimatorOptions.Lesson).Fit(data);
        var expected = TestData.Doubles(TestData.PlanarExpected.GetProperty("costs"));
        for (int k = 0; k <= 7; k++)
        {
            Assert.True(Math.Abs(model.History!.Points[k].Cost - expected[k]) < 1e-9, $"epoch {k * 1000}");
        }

        string[] predicted = model.Predict(data.X);
        double accuracy = predicted.Zip(data.RequireLabels(), (p, a) => p == a ? 1.0 : 0).Average();
        Assert.InRange(accuracy, 0.90, 0.91);
    }

    [Fact]
    public void Three_text_classes_get_softmax_and_the_model_round_trips_through_a_file()
    {
        var random = new NumpyRandom(4);
        var x = new Matrix<double>(2, 90);
        var labels = new string[90];
        for (int j = 0; j < 90; j++)
        {
            int c = j % 3;
            x[0, j] = (c == 1 ? 3 : 0) + (0.5 * random.NextGaussian());
            x[1, j] = (c == 2 ? 3 : 0) + (0.5 * random.NextGaussian());
            labels[j] = new[] { "lion", "tiger", "zebra" }[c];
        }

        var options = new EstimatorOptions
        {
            Hidden = [8],
            Activation = Relu.Instance,
            Init = ShallowNet.Model.InitScheme.He,
            Training = new TrainingOptions { Epochs = 300, LearningRate = 0.01, Optimizer = new Adam(), BatchSize = 16, LogEvery = 100 },
            ValidationFraction = 0.2,
        };
        var model = new ShallowNetClassifier(options).Fit(x, labels);
        Assert.Equal("softmax", model.Model.Network.Layers[^1].Activation.Name);
        double accuracy = model.Predict(x).Zip(labels, (p, a) => p == a ? 1.0 : 0).Average();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.All(model.History!.Points, p => Assert.NotNull(p.ValidationCost));

        string path = Path.Combine(TestData.NewTempFolder(), "m.json");
        model.Save(path);
        var loaded = FittedModel.Load(path);
        Assert.Equal(model.Predict(x), loaded.Predict(x));
        Assert.Equal(model.PredictProba(x).Data, loaded.PredictProba(x).Data);
    }

    [Fact]
    public void The_regressor_fits_a_smooth_function()
    {
        var random = new NumpyRandom(6);
        var x = new Matrix<double>(1, 200);
        var y = new Matrix<double>(1, 200);
        for (int j = 0; j < 200; j++)
        {
            x[0, j] = (random.NextDouble() * 4) - 2;
            y[0, j] = Math.Sin(x[0, j]);
        }

        var options = new EstimatorOptions { Hidden = [16], Init = ShallowNet.Model.InitScheme.Glorot, Training = new TrainingOptions { Epochs = 2000, LearningRate = 0.01, Optimizer = new Adam(), LogEvery = 500 } };
        var model = new ShallowNetRegressor(options).Fit(x, y);
        Assert.True(Metrics.RSquared(model.PredictValues(x), y) > 0.99);
        Assert.Throws<InvalidOperationException>(() => model.Predict(x));
    }

    [Fact]
    public void Mismatched_examples_are_refused()
    {
        var x = new Matrix<double>(2, 5);
        Assert.Throws<ArgumentException>(() => new ShallowNetClassifier().Fit(x, ["a", "b", "a"]));
        Assert.Throws<InvalidInputException>(() => new ShallowNetClassifier().Fit(x, ["a", "a", "a", "a", "a"]));
    }

    // The drifts the one fit pipeline removed: each of these failed before the API called it.

    [Fact]
    public void A_validation_fraction_of_one_is_refused_as_the_tool_refuses_it()
    {
        // Before: every example was held out and training on none "diverged".
        var data = SyntheticData.Planar();
        var options = new EstimatorOptions { ValidationFraction = 1.0, Training = new TrainingOptions { Epochs = 10 } };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShallowNetClassifier(options).Fit(data));
        Assert.Contains("ValidationFraction 1: must be a fraction in [0, 1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_scale_scales_the_small_initial_weights()
    {
        // Before: the API had no InitScale and always drew W·0.01.
        var data = SyntheticData.Planar();
        var options = EstimatorOptions.Lesson with { InitScale = 0.5, Training = new TrainingOptions { Epochs = 0 } };
        var model = new ShallowNetClassifier(options).Fit(data);
        var expected = ShallowNet.Model.Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), ShallowNet.Model.InitScheme.Small, 0.5);
        Assert.Equal(expected.Layers[0].W.Data, model.Model.Network.Layers[0].W.Data);
        Assert.Equal(expected.Layers[1].W.Data, model.Model.Network.Layers[1].W.Data);
    }

    [Fact]
    public void Many_non_integer_numbers_are_refused_as_classes()
    {
        // Before: 30 distinct decimals became a 30-way softmax.
        var x = new Matrix<double>(1, 30);
        string[] labels = [.. Enumerable.Range(0, 30).Select(j => (j * 0.37).ToString("R", System.Globalization.CultureInfo.InvariantCulture))];
        var e = Assert.Throws<InvalidInputException>(() => new ShallowNetClassifier().Fit(x, labels));
        Assert.Contains("distinct non-integer values", e.Message, StringComparison.Ordinal);
        Assert.Contains("use ShallowNetRegressor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_set_fit_records_its_label_column_and_sample_weights_count()
    {
        // Before: Fit(Dataset) recorded the label as "y" whatever the column was called, and took no weights.
        var planar = SyntheticData.Planar();
        var data = planar with { LabelName = "petal" };
        var options = new EstimatorOptions { Training = new TrainingOptions { Epochs = 50, LogEvery = 10 } };
        var plain = new ShallowNetClassifier(options).Fit(data);
        Assert.Equal("petal", plain.Model.Label);

        double[] weights = [.. Enumerable.Range(0, data.Examples).Select(j => j < 200 ? 1.0 : 3.0)];
        var weighted = new ShallowNetClassifier(options).Fit(data, weights);
        Assert.NotEqual(plain.Model.Network.Layers[1].W.Data, weighted.Model.Network.Layers[1].W.Data);
        Assert.Throws<InvalidInputException>(() => new ShallowNetClassifier(options).Fit(data, [.. weights.Select(w => -w)]));
        Assert.Throws<ArgumentException>(() => new ShallowNetClassifier(options).Fit(data, [1.0, 2.0]));
    }
}
