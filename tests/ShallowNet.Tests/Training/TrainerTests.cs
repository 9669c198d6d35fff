using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Huge_learning_rate_on_a_linear_hidden_layer_diverges()
    {
        // With an identity hidden layer, W1 and W2 multiply each other's growth every step: at lr 1e6 they overflow
        // within a few epochs, Z[L] becomes ±∞ or NaN and so does the (otherwise overflow-proof) logit cost.
        // A tanh hidden layer could not do this: |A1| ≤ 1 bounds each step of W2 (see CostsStayFinite below).
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Identity.Instance, Sigmoid.Instance], new NumpyRandom(5), InitScheme.Lecun);
        var options = new TrainingOptions { Epochs = 200, LearningRate = 1e6, LogEvery = 1 };

        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, options));
        Assert.InRange(e.Epoch, 1, 199);
        Assert.NotNull(e.LastFiniteCost);
        Assert.Contains($"epoch {e.Epoch}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KernelChoice.Reference)]
    [InlineData(KernelChoice.Auto)]
    public void Divergence_is_reported_where_it_happens_not_at_the_next_logged_epoch(KernelChoice kernels)
    {
        // The same run as above logged every epoch shows when the cost first stops being finite (epoch 27 here); logged
        // only every 1000 epochs, the run used to go on to epoch 1000 before saying so, with epoch 0's cost as the last
        // finite one. The plain full-batch step sees Z[L] of every epoch and stops at the same epoch; the fused tiny
        // epoch (Auto) keeps no Z and stops at the update that makes the weights overflow (epoch 54 here).
        var (x, y) = SmallProblem();
        TrainingDivergedException Run(int logEvery)
        {
            var network = Initializer.Create<double>([3, 4, 1], [Identity.Instance, Sigmoid.Instance], new NumpyRandom(5), InitScheme.Lecun);
            var options = new TrainingOptions { Epochs = 2000, LearningRate = 1e6, LogEvery = logEvery, Kernels = kernels };
            return Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, options));
        }

        var everyEpoch = Run(1);
        var sparse = Run(1000);
        if (kernels == KernelChoice.Reference)
        {
            Assert.Equal(everyEpoch.Epoch, sparse.Epoch);
        }
        else
        {
            Assert.InRange(sparse.Epoch, everyEpoch.Epoch, 100);
        }

        Assert.Contains($"at epoch {sparse.Epoch}", sparse.Message, StringComparison.Ordinal);
        Assert.Contains("at epoch 0,", sparse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cost_that_becomes_non_finite_after_the_last_update_is_reported_too()
    {
        // One epoch at lr 1e300: the logged cost of epoch 0 is finite, the single update overflows the weights, and
        // the cost after it is not finite. The run must say so instead of returning a NaN final cost.
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Identity.Instance, Sigmoid.Instance], new NumpyRandom(5), InitScheme.Lecun);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, new TrainingOptions { Epochs = 1, LearningRate = 1e300 }));
        Assert.Equal(1, e.Epoch);
        Assert.NotNull(e.LastFiniteCost);
    }

    [Fact]
    public void Huge_learning_rate_with_tanh_costs_stay_finite()
    {
        // The logit cost max(z, 0) − z·y + log(1 + e^−|z|) is finite for every finite z, and with tanh |z| grows by at
        // most lr·(n_h + 1) per step: 50 steps at lr 1e6 stay finite (and large), so no divergence is reported.
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5), InitScheme.Lecun);
        var history = Trainer.Train(network, x, y, new TrainingOptions { Epochs = 50, LearningRate = 1e6, LogEvery = 1 });
        Assert.Equal(50, history.Points.Count);
        Assert.All(history.Points, p => Assert.True(double.IsFinite(p.Cost)));
        Assert.True(double.IsFinite(history.FinalCost));
    }

    [Fact]
    public void Cancellation_stops_early()
    {
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5));
        using var cts = new CancellationTokenSource();
        var options = new TrainingOptions { Epochs = 100_000, LearningRate = 0.5, LogEvery = 100 };

        var history = Trainer.Train(network, x, y, options, p =>
        {
            if (p.Epoch == 300)
            {
                cts.Cancel();
            }
        }, cts.Token);

        Assert.True(history.Cancelled);
        Assert.InRange(history.Epochs, 300, 301);   // epoch 300 may finish its update before the token is seen
        Assert.Equal(300, history.Points[^1].Epoch);
    }

    [Fact]
    public void Already_cancelled_runs_no_epoch()
    {
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5));
        var before = network.Layers[0].W.Clone();
        var history = Trainer.Train(network, x, y, new TrainingOptions(), cancellationToken: new CancellationToken(canceled: true));
        Assert.True(history.Cancelled);
        Assert.Equal(0, history.Epochs);
        Assert.Empty(history.Points);
        Assert.Equal(before.Data, network.Layers[0].W.Data);
    }

    [Fact]
    public void Costs_are_logged_every_k_and_at_the_last_epoch()
    {
        // docs/DESIGN.md: the cost is recorded at epochs 0, K, 2K, ... and after the last epoch.
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5));
        var progress = new List<int>();
        var history = Trainer.Train(network, x, y, new TrainingOptions { Epochs = 25, LearningRate = 0.1, LogEvery = 10 }, p => progress.Add(p.Epoch));
        Assert.Equal([0, 10, 20, 24], history.Points.Select(p => p.Epoch));
        Assert.Equal([0, 10, 20, 24], progress);
        Assert.Equal(25, history.Epochs);
        Assert.False(history.Cancelled);
        Assert.True(history.FinalCost < history.Points[0].Cost);
    }

    [Fact]
    public void Zero_epochs_leaves_the_network_unchanged()
    {
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5));
        var before = network.Layers[1].W.Clone();
        var history = Trainer.Train(network, x, y, new TrainingOptions { Epochs = 0 });
        Assert.Equal(0, history.Epochs);
        Assert.Empty(history.Points);
        Assert.Equal(before.Data, network.Layers[1].W.Data);
        Assert.True(double.IsFinite(history.FinalCost));
    }

    [Theory]
    [InlineData(-1, 1.2, 1000)]
    [InlineData(10, 0.0, 1000)]
    [InlineData(10, -0.1, 1000)]
    [InlineData(10, double.NaN, 1000)]
    [InlineData(10, double.PositiveInfinity, 1000)]
    [InlineData(10, 1.2, 0)]
    public void Validate_rejects_bad_settings(int epochs, double learningRate, int logEvery)
    {
        var options = new TrainingOptions { Epochs = epochs, LearningRate = learningRate, LogEvery = logEvery };
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        var (x, y) = SmallProblem();
        var network = Initializer.Create<double>([3, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(network, x, y, options));
    }

    [Fact]
    public void Validate_accepts_the_defaults() => new TrainingOptions().Validate();

    private static (Matrix<double> X, Matrix<double> Y) SmallProblem()
    {
        var random = new NumpyRandom(17);
        return (TestData.RandomMatrix(random, 3, 8), TestData.RandomLabels(random, 1, 8));
    }
}
