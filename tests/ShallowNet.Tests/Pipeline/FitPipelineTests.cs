using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Tests.Pipeline;

public class FitPipelineTests
{
    private static FitRequest Request(double validation, bool standardize) =>
        new(FitData.FromDataset(SyntheticData.Planar()), new FitSettings { ValidationFraction = validation, Standardize = standardize, InputScale = 2, Training = new TrainingOptions { Epochs = 0 } });

    [Fact]
    public void The_split_is_drawn_after_the_initial_weights_and_the_preprocessing_sees_only_the_training_columns()
    {
        var data = SyntheticData.Planar();
        var fit = FitPipeline.Prepare<double>(Request(0.25, standardize: true));

        // One generator: W1, W2 as randn·0.01, then np.random.permutation(400); the last 100 are held out.
        var random = new NumpyRandom(2);
        var expected = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], random);
        int[] order = random.Permutation(400);
        int[] validation = [.. order[300..].Order()];
        int[] train = [.. order[..300].Order()];
        Assert.Equal(expected.Layers[0].W.Data, fit.Network.Layers[0].W.Data);
        Assert.Equal(expected.Layers[1].W.Data, fit.Network.Layers[1].W.Data);

        var preprocessing = Preprocessing.Fit(data.X.SelectColumns(train), 2, standardize: true);
        Assert.Equal(preprocessing.Mean, fit.Preprocessing.Mean);
        Assert.Equal(preprocessing.Std, fit.Preprocessing.Std);
        Assert.Equal(preprocessing.Apply(data.X.SelectColumns(train)).Data, fit.Train.X.Data);
        Assert.Equal(preprocessing.Apply(data.X.SelectColumns(validation)).Data, fit.Validation!.X.Data);
        Assert.Equal(random.NextDouble(), fit.Random.NextDouble());   // the trainer continues the same stream
    }

    [Fact]
    public void Without_a_split_nothing_is_drawn_after_the_weights_and_float_sets_are_the_double_ones_rounded()
    {
        var fit64 = FitPipeline.Prepare<double>(Request(0, standardize: false));
        var fit32 = FitPipeline.Prepare<float>(Request(0, standardize: false));
        Assert.Null(fit64.Validation);
        Assert.Equal(400, fit64.Train.Examples);
        Assert.Equal(fit64.Train.X.Convert<float>().Data, fit32.Train.X.Data);
        Assert.Equal(fit64.Network.Layers[0].W.Convert<float>().Data, fit32.Network.Layers[0].W.Data);

        var random = new NumpyRandom(2);
        _ = random.Randn(4, 2);
        _ = random.Randn(1, 4);
        Assert.Equal(random.NextDouble(), fit64.Random.NextDouble());
    }

    [Fact]
    public void Float_sets_are_preprocessed_in_double_and_rounded_without_a_double_copy_of_X()
    {
        // float32 converts each value as it is preprocessed: the same bits as preprocessing a double copy and rounding it.
        var fit64 = FitPipeline.Prepare<double>(Request(0.25, standardize: true));
        var fit32 = FitPipeline.Prepare<float>(Request(0.25, standardize: true));
        Assert.Equal(fit64.Preprocessing.Mean, fit32.Preprocessing.Mean);
        Assert.Equal(fit64.Preprocessing.Std, fit32.Preprocessing.Std);
        Assert.Equal(fit64.Train.X.Convert<float>().Data, fit32.Train.X.Data);
        Assert.Equal(fit64.Validation!.X.Convert<float>().Data, fit32.Validation!.X.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_prepared_fit_does_not_hold_the_raw_X_so_that_training_keeps_X_once_in_its_precision(bool inFloat)
    {
        // The tool drops its own references once the fit is prepared: the raw X (double, as read) must then be garbage,
        // or a float32 run would train with X in double beside X in float, a float64 mini-batch run with three copies.
        var (fit, examples, rawX) = PrepareAndForget(inFloat);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(rawX.IsAlive, "the prepared fit still references the raw X");
        Assert.Equal(400, examples);
        GC.KeepAlive(fit);
    }

    // In a method of its own, so that no local of the test keeps the request (and its X) alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (object Fit, int Examples, WeakReference RawX) PrepareAndForget(bool inFloat)
    {
        var request = Request(0, standardize: true);
        var rawX = new WeakReference(request.Data.X);
        if (inFloat)
        {
            var fit32 = FitPipeline.Prepare<float>(request);
            return (fit32, fit32.Train.Examples, rawX);
        }

        var fit64 = FitPipeline.Prepare<double>(request);
        return (fit64, fit64.Train.Examples, rawX);
    }

    [Fact]
    public void The_output_layer_follows_the_kind()
    {
        Assert.Equal("sigmoid", OutputChoice.ActivationFor(OutputKind.Binary).Name);
        Assert.Equal("softmax", OutputChoice.ActivationFor(OutputKind.Multiclass).Name);
        Assert.Equal("identity", OutputChoice.ActivationFor(OutputKind.Regression).Name);
    }
}
