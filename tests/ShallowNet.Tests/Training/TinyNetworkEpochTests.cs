using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>
/// The fused epoch for tiny networks (forward, backward and update in one pass over the examples) against the same
/// training run done as separate forward, backward and update passes: bit for bit, every logged cost and every
/// parameter. The shapes cover a whole number of vectors and not (m = 397, 5, and lengths around multiples of the
/// vector and of db's partial sums), every elementwise activation, L2, sample weights and two threads. (The planar
/// experiment tests also check fused runs against NumPy's costs.) The fused epoch needs 256-bit vectors or wider;
/// on a CPU without them these tests report Skipped.
/// </summary>
public class TinyNetworkEpochTests
{
    [Theory]
    [InlineData(400, 0.0)]
    [InlineData(400, 0.7)]
    [InlineData(397, 0.0)]
    [InlineData(397, 0.3)]
    [InlineData(5, 0.0)]
    [InlineData(8, 0.0)]
    [InlineData(64, 0.0)]
    [InlineData(71, 0.0)]
    [InlineData(72, 0.0)]
    [InlineData(137, 0.0)]
    [InlineData(144, 0.0)]
    [InlineData(1000, 0.0)]
    public void The_planar_network_trains_bit_identically_in_double(int m, double l2)
        => AssertSameTraining<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], m, l2);

    [Theory]
    [InlineData(400, 0.0)]
    [InlineData(397, 0.5)]
    [InlineData(5, 0.0)]
    [InlineData(16, 0.0)]
    [InlineData(143, 0.0)]
    [InlineData(144, 0.0)]
    [InlineData(160, 0.0)]
    public void The_planar_network_trains_bit_identically_in_float(int m, double l2)
        => AssertSameTraining<float>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], m, l2);

    [Theory]
    [InlineData("relu", 397)]
    [InlineData("leaky_relu", 400)]
    [InlineData("identity", 61)]
    [InlineData("sigmoid", 333)]
    public void Other_hidden_activations_train_bit_identically(string hidden, int m)
    {
        AssertSameTraining<double>([3, 6, 1], [Activation.FromName(hidden, slope: 0.05), Sigmoid.Instance], m, l2: 0.1);
        AssertSameTraining<float>([3, 6, 1], [Activation.FromName(hidden, slope: 0.05), Sigmoid.Instance], m, l2: 0.1);
    }

    [Fact]
    public void Deeper_networks_with_several_outputs_train_bit_identically()
    {
        AssertSameTraining<double>([3, 8, 5, 2], [Tanh.Instance, Relu.Instance, Sigmoid.Instance], 203, l2: 0.2);
        AssertSameTraining<float>([4, 16, 1], [Tanh.Instance, Sigmoid.Instance], 299, l2: 0);
    }

    [Fact]
    public void Regression_trains_bit_identically()
        => AssertSameTraining<double>([2, 5, 2], [Tanh.Instance, Identity.Instance], 250, l2: 0, regression: true);

    [Fact]
    public void Sample_weights_and_two_threads_train_bit_identically()
    {
        AssertSameTraining<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], 397, l2: 0.1, weighted: true);
        AssertSameTraining<float>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], 397, l2: 0, weighted: true, threads: 2);
        AssertSameTraining<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], 400, l2: 0, threads: 2);
    }

    [Fact]
    public void The_fused_epoch_is_only_for_tiny_networks_whose_products_take_the_direct_paths()
    {
        Assert.True(TinyNetworkEpoch<double>.Applies([2, 4, 1], 400));                  // the lesson's network
        Assert.True(TinyNetworkEpoch<float>.Applies([2, 16, 1], 100000));
        Assert.False(TinyNetworkEpoch<double>.Applies([2, 17, 1], 400));                // a layer wider than 16
        Assert.False(TinyNetworkEpoch<double>.Applies([16, 16, 1], 400));               // W·A of K = 16 over 400 examples is packed
        Assert.False(TinyNetworkEpoch<double>.Applies([784, 4, 1], 400));
        Assert.False(TinyNetworkEpoch<double>.Applies([2, 4, 1], 0));
    }

    [Fact]
    public void Training_that_the_fused_epoch_does_not_cover_falls_back_and_still_trains()
    {
        // softmax output, momentum, mini-batches, dropout and clipping take the separate passes
        var (x, y) = Data<double>(2, 1, 120, regression: false);
        foreach (var options in new[]
        {
            Options(0, 1) with { Optimizer = new Momentum() },
            Options(0, 1) with { BatchSize = 32 },
            Options(0, 1) with { DropoutKeep = [0.8] },
            Options(0, 1) with { ClipNorm = 1.0 },
        })
        {
            var network = Net<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance]);
            var history = Trainer.Train(network, x, y, options);
            Assert.True(double.IsFinite(history.FinalCost));
        }
    }

    private static void AssertSameTraining<T>(int[] sizes, Activation[] activations, int m, double l2, bool regression = false, bool weighted = false, int threads = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(TinyNetworkEpoch<T>.Applies(sizes, m), "the test's shape should take the fused path");
        var (x, y) = Data<T>(sizes[0], sizes[^1], m, regression);
        T[]? weights = null;
        if (weighted)
        {
            weights = new T[m];
            for (int j = 0; j < m; j++)
            {
                weights[j] = T.CreateChecked(0.5 + (j % 7 * 0.25));
            }
        }

        var options = Options(l2, threads);
        var fused = Net<T>(sizes, activations);
        var separate = Net<T>(sizes, activations);
        var fusedHistory = Trainer.Train(fused, new TrainingSet<T>(x, y, weights), options);
        var separateHistory = Trainer.Train(separate, new TrainingSet<T>(x, y, weights), options with { Kernels = KernelChoice.Reference });

        Assert.Equal(separateHistory.Points.Select(p => p.Cost), fusedHistory.Points.Select(p => p.Cost));
        Assert.Equal(separateHistory.FinalCost, fusedHistory.FinalCost);
        for (int p = 0; p < fused.Parameters.Count; p++)
        {
            Assert.Equal(separate.Parameters[p].Data, fused.Parameters[p].Data);
        }

        // and training moved every parameter (the comparison is not between two untouched networks)
        var start = Net<T>(sizes, activations);
        for (int p = 0; p < fused.Parameters.Count; p++)
        {
            Assert.NotEqual(start.Parameters[p].Data, fused.Parameters[p].Data);
        }
    }

    private static TrainingOptions Options(double l2, int threads)
        => new() { Epochs = 60, LearningRate = 0.7, LogEvery = 7, L2 = l2, Threads = threads, Optimizer = new GradientDescent() };

    private static Network<T> Net<T>(int[] sizes, Activation[] activations)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Initializer.Create<T>(sizes, activations, new NumpyRandom(3), InitScheme.Lecun);

    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int inputs, int outputs, int m, bool regression)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(7);
        var x = new Matrix<T>(inputs, m);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(random.NextGaussian());
        }

        var y = new Matrix<T>(outputs, m);
        for (int k = 0; k < outputs; k++)
        {
            for (int j = 0; j < m; j++)
            {
                double s = double.CreateChecked(x[0, j]) * double.CreateChecked(x[inputs - 1, j]) + (0.3 * k);
                y[k, j] = T.CreateChecked(regression ? Math.Sin(s) : s > 0 ? 1 : 0);
            }
        }

        return (x, y);
    }
}
