using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training;

/// <summary>Settings for training. Defaults are the lesson's planar run (full-batch gradient descent, α = 1.2, 10000 epochs).</summary>
public sealed record TrainingOptions
{
    /// <summary>Number of epochs (passes over the training set). Default 10000.</summary>
    public int Epochs { get; init; } = 10000;

    /// <summary>α₀, the base learning rate. Default 1.2.</summary>
    public double LearningRate { get; init; } = 1.2;

    /// <summary>How α changes with the epoch. Default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = new ConstantRate();

    /// <summary>The update rule. Default plain gradient descent.</summary>
    public Optimizer Optimizer { get; init; } = new GradientDescent();

    /// <summary>Examples per update; 0 (or ≥ m) = full batch, the lesson's. Batches are reshuffled each epoch.</summary>
    public int BatchSize { get; init; }

    /// <summary>The cost is recorded at epochs 0, K, 2K, ... and at the last epoch. Default 1000.</summary>
    public int LogEvery { get; init; } = 1000;

    /// <summary>λ of the L2 penalty λ/(2m) Σ‖W‖² (0 = none).</summary>
    public double L2 { get; init; }

    /// <summary>Keep probability of each hidden layer for inverted dropout (null = no dropout).</summary>
    public IReadOnlyList<double>? DropoutKeep { get; init; }

    /// <summary>Clip the gradient to this global L2 norm (null = no clipping).</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Stop when the validation cost has not improved for this many epochs, keeping the best weights (null = never).</summary>
    public int? Patience { get; init; }

    /// <summary>Seed of the generator for shuffling and dropout when the caller passes none.</summary>
    public uint Seed { get; init; }

    /// <summary>Threads for the matrix products (results are bit-identical whatever the count). Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// <see cref="KernelChoice.Reference"/> trains with the lesson's equations as written: each epoch is
    /// <c>Network.Forward</c> (per layer Z = W·A + b, then A = g(Z), as two separate steps), <c>Network.Backward</c>
    /// and the optimizer's rule, never a fused epoch (the tiny network's one pass over the examples, the first-layer
    /// sweep and its reuse of W[1]·X in the next epoch, the bias added inside the activation's pass).
    /// <see cref="KernelChoice.Auto"/> (the default) may take those fused paths, which give the same bits; tests
    /// compare the two over every activation, L2, sample weights, dropout and thread counts.
    /// Both run the same matrix product (<c>Gemm</c>): the bits of a product depend on its order of summation, which
    /// each of its routes fixes for its shapes, and the naive triple loop (<c>GemmReference</c>, summing in double)
    /// agrees with them only to rounding. So Reference keeps the one product, and each route is tested against
    /// GemmReference instead.
    /// </summary>
    public KernelChoice Kernels { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Check(Epochs >= 0, nameof(Epochs), Epochs, "epochs must be 0 or more");
        Check(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "the learning rate must be a positive number");
        Check(BatchSize >= 0, nameof(BatchSize), BatchSize, "the batch size must be 0 (full batch) or more");
        Check(LogEvery >= 1, nameof(LogEvery), LogEvery, "log-every must be 1 or more");
        Check(double.IsFinite(L2) && L2 >= 0, nameof(L2), L2, "the L2 penalty must be 0 or more");
        Check(ClipNorm is null || ClipNorm > 0, nameof(ClipNorm), ClipNorm, "the clipping norm must be positive");
        Check(Patience is null || Patience >= 1, nameof(Patience), Patience, "patience must be 1 or more");
        Check(Threads >= 1, nameof(Threads), Threads, "threads must be 1 or more");
        Check(Enum.IsDefined(Kernels), nameof(Kernels), Kernels, "kernels must be Auto or Reference");
        Check(DropoutKeep is null || DropoutKeep.All(k => k > 0 && k <= 1), nameof(DropoutKeep), DropoutKeep, "keep probabilities must be in (0, 1]");
    }

    private static void Check(bool ok, string name, object? value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }
}
