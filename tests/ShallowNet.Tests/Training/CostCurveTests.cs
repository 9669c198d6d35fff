using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.EpochSteps;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>
/// The cost curve (<see cref="TrainingHistory.Curve"/>): at least 100 points for a run of 100 epochs or more, every
/// epoch where J is free, the logged points on it with their bits, the same curve whatever the kernels, and with
/// mini-batches the mean of each epoch's batch costs.
/// </summary>
public class CostCurveTests
{
    [Fact]
    public void The_full_batch_step_records_J_at_every_epoch_with_the_bits_of_a_run_logged_every_epoch()
    {
        // Adam takes the plain full-batch step, whose own forward pass gives J for O(n[L]·m) more: free beside the
        // epoch of a 2-128-1 network (513 parameters).
        var options = Options() with { Epochs = 300, Optimizer = new Adam(), LearningRate = 0.01 };
        var history = Trainer.Train(Network(128), Planar(), options);
        var (curve, kind) = (history.Curve, history.EpochStep);
        var everyEpoch = Trainer.Train(Network(128), Planar(), options with { LogEvery = 1 }).Points;
        Assert.Equal(EpochStepKind.FullBatch, kind);
        Assert.Equal(Enumerable.Range(0, 300), curve.Select(p => p.Epoch));
        Assert.All(curve, p => Assert.Equal(CostKind.Exact, p.Kind));
        Assert.Equal(everyEpoch.Select(p => p.Cost), curve.Select(p => p.Cost));
    }

    [Fact]
    public void With_early_stopping_the_validation_cost_joins_the_curve_at_its_epochs_with_the_logged_bits()
    {
        // Early stopping measures the validation cost every epoch anyway: the curve keeps it where it keeps J, and at a
        // logged epoch it is the logged validation cost itself.
        var all = Planar();
        int[] train = [.. Enumerable.Range(0, 300)], held = [.. Enumerable.Range(300, 100)];
        TrainingSet<double> Part(int[] c) => new(all.X.SelectColumns(c), all.Y.SelectColumns(c));
        var options = Options() with { Epochs = 200, Optimizer = new Adam(), LearningRate = 0.01, Patience = 1000, LogEvery = 50 };
        var history = Trainer.Train(Network(128), Part(train), options, Part(held));
        var validation = history.Curve.Where(p => p.Kind == CostKind.Validation).ToList();
        Assert.Equal(history.Curve.Where(p => p.Kind == CostKind.Exact).Select(p => p.Epoch), validation.Select(p => p.Epoch));
        Assert.Equal(200, validation.Count);
        Assert.All(history.Points, logged => Assert.Equal(logged.ValidationCost, validation.Single(p => p.Epoch == logged.Epoch).Cost));
    }

    [Fact]
    public void The_lesson_run_has_about_a_hundred_evenly_spaced_points_and_the_same_curve_with_the_reference_kernels()
    {
        // The fused tiny-network epoch has no forward pass to read J from: every 10th epoch of 1000 gets one of its own.
        var options = Options() with { Epochs = 1000 };
        var (auto, _) = Train(options);
        var (reference, referenceKind) = Train(options with { Kernels = KernelChoice.Reference });
        Assert.Equal(EpochStepKind.FullBatch, referenceKind);
        Assert.Equal(reference, auto);
        if (TinyNetworkStep<double>.Applies(Network(), 400))
        {
            Assert.Equal(Enumerable.Range(0, 100).Select(k => k * 10).Append(999), auto.Select(p => p.Epoch));
        }
    }

    [Theory]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(150, 150)]
    [InlineData(10000, 101)]
    [InlineData(12345, 114)]
    public void Runs_of_100_epochs_or_more_have_at_least_100_points_where_J_is_not_free(int epochs, int points)
    {
        // with dropout J needs a pass of its own: every (epochs / 100)-th epoch, beside the logged ones
        var schedule = CurveSchedule.For(Network(), 400, Options() with { Epochs = epochs, DropoutKeep = [0.9] });
        int count = Enumerable.Range(0, epochs).Count(e => schedule.Exact(e) || e % 1000 == 0 || e == epochs - 1);
        Assert.Equal(points, count);
    }

    [Fact]
    public void A_tiny_network_gets_spaced_points_where_J_would_weigh_on_its_epoch()
    {
        // 2-4-1 with Adam: the plain step, but J's exp and log per example cost a quarter of its epoch
        var (curve, kind) = Train(Options() with { Epochs = 1000, Optimizer = new Adam(), LearningRate = 0.01, LogEvery = 300 });
        Assert.Equal(EpochStepKind.FullBatch, kind);
        Assert.Equal(Enumerable.Range(0, 100).Select(k => k * 10).Union([300, 600, 900, 999]).Order(), curve.Select(p => p.Epoch));
    }

    [Fact]
    public void Mini_batches_record_the_mean_of_each_epochs_batch_costs_and_exact_J_at_logged_epochs()
    {
        var options = Options() with { Epochs = 120, BatchSize = 64, LogEvery = 50, Optimizer = new Adam(), LearningRate = 0.01 };
        var (curve, kind) = Train(options);
        Assert.Equal(EpochStepKind.MiniBatch, kind);
        Assert.Equal(Enumerable.Range(0, 120), curve.Where(p => p.Kind == CostKind.BatchMean).Select(p => p.Epoch));
        Assert.Equal([0, 50, 100, 119], curve.Where(p => p.Kind == CostKind.Exact).Select(p => p.Epoch));
        Assert.Equal(curve.OrderBy(p => p.Epoch).ThenBy(p => p.Kind), curve);    // epoch order, exact first
    }

    [Fact]
    public void When_the_weights_do_not_move_the_batch_mean_is_J_on_the_whole_set()
    {
        // α = 1e-300 moves no weight measurably, so the batches' J weighted by their sizes (64 × 6 and 16) add up to J
        // over all 400 examples.
        var (curve, _) = Train(Options() with { Epochs = 3, BatchSize = 64, LearningRate = 1e-300, LogEvery = 1 });
        double exact = curve.First(p => p.Kind == CostKind.Exact).Cost;
        Assert.All(curve.Where(p => p.Kind == CostKind.BatchMean), p => Assert.Equal(exact, p.Cost, 1e-14));
    }

    [Fact]
    public void Dropout_gets_evenly_spaced_exact_points_without_changing_the_training()
    {
        var options = Options() with { Epochs = 400, Optimizer = new Adam(), LearningRate = 0.01, DropoutKeep = [0.8] };
        var network = Network();
        var history = Trainer.Train(network, Planar(), options);
        var logged = Network();
        var loggedHistory = Trainer.Train(logged, Planar(), options with { LogEvery = 4 });
        Assert.Equal(Enumerable.Range(0, 100).Select(k => k * 4).Append(399), history.Curve.Select(p => p.Epoch));
        Assert.Equal(loggedHistory.Points.Select(p => p.Cost), history.Curve.Select(p => p.Cost));
        Assert.Equal(logged.Parameters[0].Data, network.Parameters[0].Data);
    }

    private static TrainingOptions Options() => new() { Epochs = 100, LearningRate = 1.2, LogEvery = 1000 };

    private static Network<double> Network(int hidden = 4)
        => Initializer.Create<double>([2, hidden, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));

    private static TrainingSet<double> Planar()
    {
        var data = SyntheticData.Planar(400, 1);
        var classes = ClassLabels.FromLabels(data.RequireLabels());
        return new TrainingSet<double>(data.X, classes.EncodeBinary<double>(data.RequireLabels(), data.Source));
    }

    private static (IReadOnlyList<CostPoint> Curve, EpochStepKind Kind) Train(TrainingOptions options)
    {
        var history = Trainer.Train(Network(), Planar(), options);
        return (history.Curve, history.EpochStep);
    }
}
