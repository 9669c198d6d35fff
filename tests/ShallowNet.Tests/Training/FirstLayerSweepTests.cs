using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.EpochSteps;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>
/// The first-layer sweep (dW1, the W1 update and the next epoch's W1·X in one pass over X) against the same training
/// run done as separate backward, update and forward passes: bit for bit, at one and two threads. (The cat
/// experiment tests also check swept runs against NumPy's costs.)
/// </summary>
public class FirstLayerSweepTests
{
    // n0 = 2500 is two whole chunks of X rows and a short third, not a whole number of slices or dW1 chunks
    [SkippableTheory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(2, 0.7)]
    public void Swept_training_is_bit_identical_to_separate_passes_in_double(int threads, double l2)
        => AssertSameTraining<double>(inputs: 2500, units: 20, m: 45, threads, l2);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Swept_training_is_bit_identical_to_separate_passes_in_float(int threads)
        => AssertSameTraining<float>(inputs: 2200, units: 16, m: 70, threads, l2: 0.3);   // over the threading threshold

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Swept_training_of_the_cat_network_shape_is_bit_identical_in_float(int threads)
        => AssertSameTraining<float>(inputs: 2500, units: 20, m: 209, threads, l2: 0.0);   // 20 units: 16 + 4 lanes

    [Fact]
    public void The_sweep_is_only_for_shapes_its_product_paths_take()
    {
        Assert.False(FirstLayerSweep.Applies<double>(units: 4, inputs: 2, m: 400));      // the planar network
        Assert.False(FirstLayerSweep.Applies<double>(units: 20, inputs: 1000, m: 209));   // too short a K for chunks
        Assert.False(FirstLayerSweep.Applies<double>(units: 64, inputs: 12288, m: 209));  // too many units
    }

    [Fact]
    public void A_shape_the_sweep_does_not_take_is_refused()
    {
        var x = new Matrix<double>(3, 400);
        var w = new Matrix<double>(4, 3);
        var error = Assert.Throws<ArgumentException>(() =>
            FirstLayerSweep.Run(x, new Matrix<double>(4, 400), w, 0.0, 0.1, null, 1));
        Assert.Contains("sweep", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameTraining<T>(int inputs, int units, int m, int threads, double l2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // where a shape is past the short routes at this width (more rows than five vectors), both runs would take
        // the separate passes and compare nothing
        Skip.IfNot(FirstLayerSweep.Applies<T>(units, inputs, m), $"the sweep does not take {units} units of {typeof(T).Name} at {VectorWidth.Bits} bits");
        var random = new NumpyRandom(5);
        var x = new Matrix<T>(inputs, m);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(random.NextDouble());
        }

        var y = new Matrix<T>(1, m);
        for (int j = 0; j < m; j++)
        {
            y[0, j] = j % 3 == 0 ? T.One : T.Zero;
        }

        var options = new TrainingOptions { Epochs = 25, LearningRate = 0.05, LogEvery = 4, L2 = l2, Threads = threads, Optimizer = new GradientDescent() };
        var swept = Net<T>(inputs, units);
        var separate = Net<T>(inputs, units);
        var sweptHistory = Trainer.Train(swept, x, y, options);
        Assert.Equal(EpochStepKind.FirstLayerSweep, sweptHistory.EpochStep);
        var separateHistory = Trainer.Train(separate, x, y, options with { Kernels = KernelChoice.Reference });

        Assert.Equal(separateHistory.Points.Select(p => p.Cost), sweptHistory.Points.Select(p => p.Cost));
        Assert.Equal(separateHistory.FinalCost, sweptHistory.FinalCost);
        for (int p = 0; p < swept.Parameters.Count; p++)
        {
            Assert.Equal(separate.Parameters[p].Data, swept.Parameters[p].Data);
        }

        // and training moved the weights (the comparison is not between two untouched networks)
        Assert.NotEqual(Net<T>(inputs, units).Parameters[0].Data, swept.Parameters[0].Data);
    }

    private static Network<T> Net<T>(int inputs, int units)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Initializer.Create<T>([inputs, units, 5, 1], [Relu.Instance, Tanh.Instance, Sigmoid.Instance], new NumpyRandom(1), InitScheme.Lecun);
}
