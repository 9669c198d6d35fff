using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>Mini-batches, early stopping, dropout, L2, sample weights, schedules and clipping in the trainer.</summary>
public class TrainerFeaturesTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(1000)]
    public void A_batch_as_large_as_the_data_is_full_batch_bit_for_bit(int batch)
    {
        var (x, y) = Problem(40);
        var full = Net(1);
        var batched = Net(1);
        Trainer.Train(full, x, y, new TrainingOptions { Epochs = 30, LearningRate = 0.3, LogEvery = 10 });
        Trainer.Train(batched, new TrainingSet<double>(x, y), new TrainingOptions { Epochs = 30, LearningRate = 0.3, LogEvery = 10, BatchSize = batch });
        for (int p = 0; p < full.Parameters.Count; p++)
        {
            Assert.Equal(full.Parameters[p].Data, batched.Parameters[p].Data);
        }
    }

    [Fact]
    public void Mini_batches_follow_numpy_permutations_and_keep_the_remainder()
    {
        // The same loop written out here: each epoch np.random.permutation(m), then batches of 16, 16 and 8, each
        // gathered examples-major (Xᵀ, as the trainer does) so that the arithmetic is the same to the bit.
        var (x, y) = Problem(40);
        var expected = Net(3);
        var random = new NumpyRandom(9);
        var adam = new Adam();
        var state = adam.Init(expected);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            int[] order = random.Permutation(40);
            for (int start = 0; start < 40; start += 16)
            {
                var columns = order.AsSpan(start, Math.Min(16, 40 - start));
                var xb = x.SelectColumns(columns);
                var yb = y.SelectColumns(columns);
                var cache = new ForwardCache<double>(expected, columns.Length);
                expected.Forward(xb.Transpose(), Op.Transpose, cache, Compute.Default, null);
                adam.Apply(expected, expected.Backward(cache, yb), state, 0.01);
            }
        }

        var actual = Net(3);
        Trainer.Train(actual, new TrainingSet<double>(x, y), new TrainingOptions { Epochs = 4, LearningRate = 0.01, BatchSize = 16, Optimizer = new Adam(), Seed = 9 });
        for (int p = 0; p < actual.Parameters.Count; p++)
        {
            Assert.Equal(expected.Parameters[p].Data, actual.Parameters[p].Data);
        }
    }

    [Fact]
    public void Early_stopping_keeps_the_weights_with_the_best_validation_cost()
    {
        // 12 noisy training examples and a 30-unit network overfit quickly; the validation cost turns up.
        var (x, y) = Problem(60, noise: 0.8);
        var trainColumns = Enumerable.Range(0, 12).ToArray();
        var validationColumns = Enumerable.Range(12, 48).ToArray();
        var train = new TrainingSet<double>(x.SelectColumns(trainColumns), y.SelectColumns(trainColumns));
        var validation = new TrainingSet<double>(x.SelectColumns(validationColumns), y.SelectColumns(validationColumns));
        var network = Initializer.Create<double>([2, 30, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(4), InitScheme.He);
        var history = Trainer.Train(network, train, new TrainingOptions { Epochs = 5000, LearningRate = 0.05, Optimizer = new Adam(), Patience = 50, LogEvery = 100 }, validation);

        Assert.True(history.StoppedEarly, $"ran all {history.Epochs} epochs");
        Assert.NotNull(history.BestEpoch);
        Assert.True(history.Epochs < 5000);
        Assert.Equal(history.BestEpoch + 50, history.Epochs);
        var cache = network.Forward(validation.X);
        Assert.Equal(history.BestValidationCost!.Value, network.Cost(cache, validation.Y), 12);
    }

    [Fact]
    public void Validation_points_are_logged_beside_the_training_ones()
    {
        var (x, y) = Problem(50);
        var train = new TrainingSet<double>(x.SelectColumns([.. Enumerable.Range(0, 40)]), y.SelectColumns([.. Enumerable.Range(0, 40)]));
        var validation = new TrainingSet<double>(x.SelectColumns([.. Enumerable.Range(40, 10)]), y.SelectColumns([.. Enumerable.Range(40, 10)]));
        var history = Trainer.Train(Net(2), train, new TrainingOptions { Epochs = 21, LearningRate = 0.5, LogEvery = 10 }, validation);
        Assert.Equal([0, 10, 20], history.Points.Select(p => p.Epoch));
        Assert.All(history.Points, p =>
        {
            Assert.NotNull(p.ValidationCost);
            Assert.InRange(p.ValidationMetric!.Value, 0, 1);
            Assert.InRange(p.Metric!.Value, 0, 1);
        });
    }

    [Fact]
    public void L2_adds_lambda_over_2m_times_the_squared_weights_to_the_cost()
    {
        var (x, y) = Problem(20);
        var network = Net(5);
        var cache = network.Forward(x);
        double plain = network.Cost(cache, y);
        double penalised = network.Cost(cache, y, l2: 0.7);
        double squares = network.Layers.Sum(l => l.W.Data.Sum(w => w * w));
        Assert.Equal(plain + (0.7 / (2 * 20) * squares), penalised, 14);
    }

    [Fact]
    public void Sample_weights_of_one_change_nothing_and_weights_scale_each_example()
    {
        var (x, y) = Problem(20);
        var network = Net(6);
        var cache = network.Forward(x);
        var ones = Enumerable.Repeat(1.0, 20).ToArray();
        Assert.Equal(network.Cost(cache, y), network.Cost(cache, y, weights: ones), 15);

        // Weight 2 on example 0 and 0 on example 1 equals the per-example losses combined by hand.
        var w = (double[])ones.Clone();
        w[0] = 2;
        w[1] = 0;
        double[] losses = [.. Enumerable.Range(0, 20).Select(j => network.Cost(network.Forward(x.SelectColumns([j])), y.SelectColumns([j])))];
        double expected = Enumerable.Range(0, 20).Sum(j => w[j] * losses[j]) / 20;
        Assert.Equal(expected, network.Cost(cache, y, weights: w), 13);
    }

    [Fact]
    public void Dropout_masks_keep_about_the_keep_probability_and_keep_one_means_none()
    {
        var network = Initializer.Create<double>([3, 50, 40, 1], [Relu.Instance, Relu.Instance, Sigmoid.Instance], new NumpyRandom(1), InitScheme.He);
        var masks = new DropoutMasks<double>(network, 200, [0.8, 1.0]);
        masks.Draw(new NumpyRandom(2));
        double kept = masks.Mask(1)!.Data.Average();
        Assert.InRange(kept, 0.77, 0.83);                 // 10000 draws: the standard error is 0.004
        Assert.Null(masks.Mask(2));

        // Inverted dropout: A[1] is g(Z[1]) ∗ D / keep, so kept units are scaled up by 1/0.8 and dropped ones are 0.
        var x = TestData.RandomMatrix(new NumpyRandom(3), 3, 200);
        var plain = network.Forward(x);
        var cache = new ForwardCache<double>(network, 200);
        network.Forward(x, cache, null, masks);
        for (int i = 0; i < cache.A(1).Length; i++)
        {
            double expected = masks.Mask(1)!.Data[i] == 1 ? plain.A(1).Data[i] / 0.8 : 0;
            Assert.Equal(expected, cache.A(1).Data[i], 15);
        }
    }

    [Theory]
    [InlineData("constant", 7, 0.5)]
    [InlineData("step:3:0.5", 7, 0.5 * 0.25)]
    [InlineData("exponential:0.9", 3, 0.5 * 0.729)]
    [InlineData("inverse:1", 4, 0.5 / 5)]
    [InlineData("inverse:0.5:2", 5, 0.5 / 2)]
    public void Schedules_follow_their_formulas(string text, int epoch, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Parse(text).Rate(0.5, epoch), 15);
    }

    [Fact]
    public void Clipping_scales_the_whole_gradient_to_the_norm()
    {
        var (x, y) = Problem(20);
        var network = Net(7);
        var gradients = network.Backward(network.Forward(x), y);
        double before = GradientClipping.ClipByNorm(gradients, double.MaxValue);
        double limit = before / 4;
        double reported = GradientClipping.ClipByNorm(gradients, limit);
        Assert.Equal(before, reported, 15);
        double after = Math.Sqrt(gradients.Parameters.Sum(g => g.Data.Sum(v => v * v)));
        Assert.Equal(limit, after, 14);
    }

    private static Network<double> Net(uint seed) =>
        Initializer.Create<double>([2, 5, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(seed), InitScheme.Lecun);

    private static (Matrix<double> X, Matrix<double> Y) Problem(int m, double noise = 0)
    {
        var random = new NumpyRandom(17);
        var x = TestData.RandomMatrix(random, 2, m);
        var y = new Matrix<double>(1, m);
        for (int j = 0; j < m; j++)
        {
            y[0, j] = (x[0, j] * x[1, j]) + (noise * random.NextGaussian()) > 0 ? 1 : 0;
        }

        return (x, y);
    }
}
