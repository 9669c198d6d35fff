using ShallowNet.Activations;
using ShallowNet.Api;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;
using ShallowNet.Reproducibility;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Pipeline;

/// <summary>The two presets, and the C# estimators that start from them.</summary>
public class PresetTests
{
    [Fact]
    public void The_lesson_preset_holds_every_lesson_setting()
    {
        var p = Preset.Lesson;
        Assert.Equal([4], p.Hidden);
        Assert.Same(Tanh.Instance, p.Activation);
        Assert.Equal(InitScheme.Small, p.Init);
        Assert.Equal(0.01, p.InitScale);
        Assert.Equal(2u, p.Seed);
        Assert.False(p.Standardize);
        Assert.Equal(0, p.ValidationFraction);
        Assert.IsType<GradientDescent>(p.Training.Optimizer);
        Assert.Equal((10000, 1.2, 0, 1000, 0.0, (int?)null), (p.Training.Epochs, p.Training.LearningRate, p.Training.BatchSize, p.Training.LogEvery, p.Training.L2, p.Training.Patience));
    }

    [Fact]
    public void The_estimators_start_from_the_default_preset_and_the_lesson_options_from_the_lesson()
    {
        var defaults = new EstimatorOptions();
        Assert.Equal(Preset.Default.Hidden, defaults.Hidden);
        Assert.Same(Preset.Default.Training, defaults.Training);
        Assert.Equal(Preset.Default.ValidationFraction, defaults.ValidationFraction);
        Assert.True(defaults.Standardize);
        Assert.Null(defaults.Init);

        var lesson = EstimatorOptions.Lesson;
        Assert.Equal([4], lesson.Hidden);
        Assert.Same(Preset.Lesson.Training, lesson.Training);
        Assert.Equal(InitScheme.Small, lesson.Init);
        Assert.False(lesson.Standardize);
        Assert.Equal(0, lesson.ValidationFraction);
    }

    [Theory]
    [InlineData("relu", InitScheme.He)]
    [InlineData("leaky_relu", InitScheme.He)]
    [InlineData("tanh", InitScheme.Glorot)]
    [InlineData("sigmoid", InitScheme.Glorot)]
    public void The_default_init_follows_the_hidden_activation(string activation, InitScheme expected)
    {
        Assert.Equal(expected, Preset.Default.InitSchemeFor([Activation.FromName(activation)]));
        Assert.Equal(InitScheme.Glorot, Preset.Default.InitSchemeFor([]));
        Assert.Equal(InitScheme.Small, Preset.Lesson.InitSchemeFor([Activation.FromName(activation)]));
    }

    [Fact]
    public void Unknown_names_are_refused_and_known_ones_found_in_any_case()
    {
        Assert.Same(Preset.Lesson, Preset.FromName("Lesson"));
        Assert.Same(Preset.Default, Preset.FromName("default"));
        var e = Assert.Throws<ArgumentException>(() => Preset.FromName("fancy"));
        Assert.Contains("unknown preset 'fancy' (expected one of: default, lesson)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_classifier_learns_features_on_very_different_scales()
    {
        // Two blobs told apart by a feature in the thousands beside noise in thousandths: raw, the lesson's tanh
        // units saturate; standardised, a few epochs of Adam suffice.
        var (train, trainLabels) = Blobs(400, seed: 3);
        var (test, testLabels) = Blobs(200, seed: 4);
        double Accuracy(EstimatorOptions options)
        {
            var predicted = new ShallowNetClassifier(options).Fit(train, trainLabels).Predict(test);
            return predicted.Zip(testLabels, (p, a) => p == a ? 1.0 : 0).Average();
        }

        Assert.True(Accuracy(new EstimatorOptions()) >= 0.95);
        Assert.True(Accuracy(EstimatorOptions.Lesson) < 0.9);
    }

    private static (Matrix<double> X, string[] Labels) Blobs(int m, uint seed)
    {
        var random = new NumpyRandom(seed);
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            int c = j % 2;
            x[0, j] = (5000 + (c * 2000)) + (500 * random.NextGaussian());
            x[1, j] = 0.001 * random.NextGaussian();
            labels[j] = c == 0 ? "low" : "high";
        }

        return (x, labels);
    }
}
