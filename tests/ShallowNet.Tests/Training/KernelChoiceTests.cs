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
/// <see cref="KernelChoice.Auto"/> (fused epochs, the bias added inside the activation's pass) against
/// <see cref="KernelChoice.Reference"/> (the lesson's equations, layer by layer): bit for bit, every logged point,
/// the final cost and every parameter, over every hidden activation and output, L2, sample weights, dropout,
/// full batch and mini-batches, one and two threads. Where a case should take a fused step, the test asserts that
/// the run really took it (and reports Skipped where this CPU has no such step), so that it cannot pass by
/// comparing the reference path with itself.
/// </summary>
public class KernelChoiceTests
{
    public static TheoryData<string, string> ActivationPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var hidden in Activation.HiddenNames)
        {
            foreach (var output in new[] { "sigmoid", "softmax", "identity" })
            {
                data.Add(hidden, output);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ActivationPairs))]
    public void Full_batch_gradient_descent_with_l2_and_sample_weights_gives_the_reference_bits(string hidden, string output)
    {
        Skip.If(output != "softmax" && !TinyNetworkEpoch<double>.Applies([3, 6, Outputs(output)], 97), "this CPU's products do not take the tiny network's fused epoch");
        var options = Options() with { L2 = 0.3 };
        var step = AssertSameTraining<double>([3, 6, Outputs(output)], hidden, output, m: 97, options, weighted: true);
        // every elementwise output takes the tiny network's fused epoch; softmax (per column) the separate passes
        Assert.Equal(output == "softmax" ? EpochStepKind.FullBatch : EpochStepKind.TinyNetwork, step);
    }

    [Theory]
    [MemberData(nameof(ActivationPairs))]
    public void Mini_batches_with_dropout_on_two_threads_give_the_reference_bits(string hidden, string output)
    {
        var options = Options() with { BatchSize = 16, DropoutKeep = [0.8], Threads = 2, Optimizer = new Adam(), LearningRate = 0.01 };
        var step = AssertSameTraining<double>([3, 6, Outputs(output)], hidden, output, m: 71, options, weighted: true);
        Assert.Equal(EpochStepKind.MiniBatch, step);
    }

    [Theory]
    [MemberData(nameof(ActivationPairs))]
    public void Full_batch_dropout_and_momentum_give_the_reference_bits(string hidden, string output)
    {
        var options = Options() with { DropoutKeep = [0.7], Optimizer = new Momentum { Nesterov = true }, L2 = 0.1 };
        var step = AssertSameTraining<double>([4, 5, Outputs(output)], hidden, output, m: 50, options, weighted: false);
        Assert.Equal(EpochStepKind.FullBatch, step);                 // no fused step for these; the bias fusion remains
    }

    [SkippableTheory]
    [InlineData("tanh", 1)]
    [InlineData("tanh", 2)]
    [InlineData("sigmoid", 1)]
    [InlineData("relu", 2)]
    [InlineData("leaky_relu", 1)]
    [InlineData("identity", 2)]
    public void The_tiny_network_epoch_in_float_gives_the_reference_bits(string hidden, int threads)
    {
        Skip.IfNot(TinyNetworkEpoch<float>.Applies([2, 4, 1], 400), "this CPU's products do not take the tiny network's fused epoch");
        var options = Options() with { L2 = 0.2, Threads = threads };
        var step = AssertSameTraining<float>([2, 4, 1], hidden, "sigmoid", m: 400, options, weighted: threads == 2);
        Assert.Equal(EpochStepKind.TinyNetwork, step);
    }

    [SkippableTheory]
    [InlineData("relu", 1, 0.0)]
    [InlineData("tanh", 2, 0.7)]
    [InlineData("sigmoid", 1, 0.3)]
    [InlineData("leaky_relu", 2, 0.0)]
    [InlineData("identity", 1, 0.2)]
    public void The_first_layer_sweep_gives_the_reference_bits(string hidden, int threads, double l2)
    {
        // n0 = 2500 over 45 examples: a wide X, as the cat network's
        Skip.IfNot(FirstLayerSweep.Applies<double>(units: 20, inputs: 2500, m: 45), "the first-layer sweep needs AVX-512");
        var options = Options() with { L2 = l2, Threads = threads, Epochs = 12, LogEvery = 5, LearningRate = 0.05 };
        var step = AssertSameTraining<double>([2500, 20, 1], hidden, "sigmoid", m: 45, options, weighted: threads == 1);
        Assert.Equal(EpochStepKind.FirstLayerSweep, step);
    }

    [Fact]
    public void Reference_never_chooses_a_fused_step()
    {
        var tiny = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
        var wide = Initializer.Create<double>([2500, 20, 1], [Relu.Instance, Sigmoid.Instance], new NumpyRandom(2));
        var reference = Options() with { Kernels = KernelChoice.Reference };
        Assert.Equal(EpochStepKind.FullBatch, Trainer.ChooseStep(tiny, 400, reference));
        Assert.Equal(EpochStepKind.FullBatch, Trainer.ChooseStep(wide, 45, reference));
        Assert.Equal(EpochStepKind.MiniBatch, Trainer.ChooseStep(tiny, 400, reference with { BatchSize = 64 }));
        Assert.Equal(EpochStepKind.FullBatch, Trainer.ChooseStep(tiny, 400, Options() with { Optimizer = new Adam() }));
    }

    [SkippableFact]
    public void The_fused_epoch_counts_its_steps_through_the_optimizer()
    {
        Skip.IfNot(TinyNetworkEpoch<double>.Applies([2, 4, 1], 400), "this CPU's products do not take the tiny network's fused epoch");
        var (x, y) = Data<double>(2, 1, 400, "sigmoid");
        var checkpoints = new List<TrainingCheckpoint<double>>();
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
        var history = Trainer.Train(network, new TrainingSet<double>(x, y), Options() with { Epochs = 30 }, checkpointing: new Checkpointing<double> { Every = 10, Save = checkpoints.Add });
        Assert.Equal(EpochStepKind.TinyNetwork, history.EpochStep);
        Assert.Equal([10, 20], checkpoints.Select(c => c.Optimizer.Steps));
    }

    [Fact]
    public void A_kernel_choice_outside_the_enum_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => (Options() with { Kernels = (KernelChoice)7 }).Validate());

    /// <summary>Trains the same network both ways and compares every bit; returns the step Auto took.</summary>
    private static EpochStepKind AssertSameTraining<T>(int[] sizes, string hidden, string output, int m, TrainingOptions options, bool weighted)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Data<T>(sizes[0], sizes[^1], m, output);
        T[]? weights = weighted ? [.. Enumerable.Range(0, m).Select(j => T.CreateChecked(0.5 + (j % 5 * 0.25)))] : null;
        var set = new TrainingSet<T>(x, y, weights);
        var auto = Net<T>(sizes, hidden, output);
        var reference = Net<T>(sizes, hidden, output);
        var autoHistory = Trainer.Train(auto, set, options with { Kernels = KernelChoice.Auto });
        var referenceHistory = Trainer.Train(reference, set, options with { Kernels = KernelChoice.Reference });

        Assert.Equal(referenceHistory.Points, autoHistory.Points);
        Assert.Equal(referenceHistory.Curve, autoHistory.Curve);          // the same epochs and bits: the kernels do not show
        Assert.Equal(referenceHistory.FinalCost, autoHistory.FinalCost);
        for (int p = 0; p < auto.Parameters.Count; p++)
        {
            Assert.Equal(reference.Parameters[p].Data, auto.Parameters[p].Data);
        }

        // training moved the weights (the comparison is not between two untouched networks) ...
        Assert.NotEqual(Net<T>(sizes, hidden, output).Parameters[0].Data, auto.Parameters[0].Data);
        // ... and each run took the step it says: Reference never a fused one
        Assert.Equal(options.BatchSize is > 0 && options.BatchSize < m ? EpochStepKind.MiniBatch : EpochStepKind.FullBatch, referenceHistory.EpochStep);
        Assert.Equal(Trainer.ChooseStep(auto, m, options), autoHistory.EpochStep);
        return autoHistory.EpochStep;
    }

    private static TrainingOptions Options()
        => new() { Epochs = 40, LearningRate = 0.3, LogEvery = 6, Optimizer = new GradientDescent(), Seed = 5 };

    private static int Outputs(string output) => output == "sigmoid" ? 1 : output == "softmax" ? 3 : 2;

    private static Network<T> Net<T>(int[] sizes, string hidden, string output)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Initializer.Create<T>(sizes, [Activation.FromName(hidden, slope: 0.05), Activation.FromName(output)], new NumpyRandom(3), InitScheme.Lecun);

    /// <summary>Gaussian X (n0, m); Y as the output needs it: 0/1, one-hot over the rows, or real values.</summary>
    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int inputs, int outputs, int m, string output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(7);
        var x = new Matrix<T>(inputs, m);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(random.NextGaussian());
        }

        var y = new Matrix<T>(outputs, m);
        for (int j = 0; j < m; j++)
        {
            double s = double.CreateChecked(x[0, j]) * double.CreateChecked(x[inputs - 1, j]);
            for (int k = 0; k < outputs; k++)
            {
                y[k, j] = T.CreateChecked(output switch
                {
                    "sigmoid" => s > 0 ? 1 : 0,
                    "softmax" => k == (s < -0.3 ? 0 : s < 0.3 ? 1 : 2) ? 1 : 0,
                    _ => Math.Sin(s + (0.3 * k)),
                });
            }
        }

        return (x, y);
    }
}
