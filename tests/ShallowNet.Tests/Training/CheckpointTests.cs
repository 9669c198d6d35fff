using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>Stopping at a checkpoint and resuming gives the same weights, bit for bit, as never stopping.</summary>
public class CheckpointTests
{
    [Theory]
    [InlineData("adam", 8, 0.8, 0)]      // mini-batches, dropout: the generator's state matters
    [InlineData("momentum", 0, 1.0, 5)]  // full batch with early stopping state
    [InlineData("rmsprop", 16, 1.0, 3)]
    public void Resuming_from_a_checkpoint_matches_an_uninterrupted_run(string optimizer, int batch, double keep, int patience)
    {
        var (train, validation) = Data();
        var options = new TrainingOptions
        {
            Epochs = 30,
            LearningRate = 0.01,
            Optimizer = Optimizer.FromName(optimizer),
            BatchSize = batch,
            LogEvery = 7,
            DropoutKeep = keep < 1 ? [keep] : null,
            Patience = patience > 0 ? patience : null,
        };

        var uninterrupted = Net();
        var full = Trainer.Train(uninterrupted, train, options, validation, new NumpyRandom(3));

        // The same run, checkpointing every 9 epochs; take the one after epoch 18 and resume from it.
        TrainingCheckpoint<double>? saved = null;
        Network<double>? savedWeights = null;
        var first = Net();
        Trainer.Train(first, train, options, validation, new NumpyRandom(3), checkpointing: new Checkpointing<double>
        {
            Every = 9,
            Save = c =>
            {
                if (c.Epoch == 18)
                {
                    saved = c;
                    savedWeights = first.Clone();
                }
            },
        });

        Assert.NotNull(saved);
        var resumed = savedWeights!;
        var history = Trainer.Train(resumed, train, options, validation, new NumpyRandom(999), checkpointing: new Checkpointing<double> { Save = _ => { }, ResumeFrom = saved });

        for (int p = 0; p < uninterrupted.Parameters.Count; p++)
        {
            Assert.Equal(uninterrupted.Parameters[p].Data, resumed.Parameters[p].Data);
        }

        Assert.Equal(full.Points, history.Points);
        Assert.Equal(full.Curve, history.Curve);
        Assert.Equal(full.Epochs, history.Epochs);
        Assert.Equal(full.BestEpoch, history.BestEpoch);
    }

    [Fact]
    public void Cancelling_hands_out_a_checkpoint_of_the_epochs_done()
    {
        var (train, _) = Data();
        using var cancel = new CancellationTokenSource();
        TrainingCheckpoint<double>? last = null;
        var network = Net();
        var history = Trainer.Train(network, train, new TrainingOptions { Epochs = 100, LearningRate = 0.1, LogEvery = 1 }, null, null,
            p =>
            {
                if (p.Epoch == 4)
                {
                    cancel.Cancel();
                }
            },
            new Checkpointing<double> { Save = c => last = c },
            cancel.Token);

        Assert.True(history.Cancelled);
        Assert.Equal(5, history.Epochs);
        Assert.Equal(5, last!.Epoch);
    }

    [Fact]
    public void The_generator_state_round_trips()
    {
        var random = new NumpyRandom(5);
        random.NextGaussian();                  // leaves a cached Gaussian
        var state = random.GetState();
        double[] expected = [random.NextGaussian(), random.NextDouble(), random.NextGaussian()];
        var other = new NumpyRandom(1);
        other.SetState(state);
        double[] actual = [other.NextGaussian(), other.NextDouble(), other.NextGaussian()];
        Assert.Equal(expected, actual);
    }

    private static Network<double> Net() =>
        Initializer.Create<double>([2, 6, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(8), InitScheme.Lecun);

    private static (TrainingSet<double> Train, TrainingSet<double> Validation) Data()
    {
        var random = new NumpyRandom(21);
        var x = TestData.RandomMatrix(random, 2, 60);
        var y = new Matrix<double>(1, 60);
        for (int j = 0; j < 60; j++)
        {
            y[0, j] = (x[0, j] * x[1, j]) + (0.5 * random.NextGaussian()) > 0 ? 1 : 0;
        }

        int[] t = [.. Enumerable.Range(0, 45)], v = [.. Enumerable.Range(45, 15)];
        return (new TrainingSet<double>(x.SelectColumns(t), y.SelectColumns(t)), new TrainingSet<double>(x.SelectColumns(v), y.SelectColumns(v)));
    }
}
