using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training.EpochSteps;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training;

/// <summary>
/// The training loop. Full batch (the lesson's): each epoch is forward, (cost at logged epochs), backward, update.
/// Mini-batches: each epoch shuffles the examples with the seeded generator (<c>np.random.permutation(m)</c>) and
/// updates once per batch, the last batch holding the remainder. The cost logged at epoch k is J on the training set
/// at the start of epoch k, before its update (from the training forward pass itself when that pass is full-batch
/// without dropout; from an extra evaluation pass otherwise). Buffers are allocated once; on one thread an epoch
/// allocates nothing (with several, each call shared between threads allocates its small delegate).
/// </summary>
/// <remarks>
/// How an epoch trains is chosen once, at the start (<see cref="ChooseStep{T}"/>): the lesson's full-batch step, the
/// mini-batch step, or, with <see cref="KernelChoice.Auto"/>, a fused step that gives the same bits. The loop around
/// it (logging, validation, early stopping, checkpoints, divergence) is <see cref="TrainingRun{T}"/>.
/// </remarks>
public static class Trainer
{
    /// <summary>Trains on X (n[0], m), Y (n[L], m) with the given options (see the other overload).</summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public static TrainingHistory Train<T>(Network<T> network, Matrix<T> x, Matrix<T> y, TrainingOptions options, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Train(network, new TrainingSet<T>(x, y), options, null, null, progress, null, cancellationToken);

    /// <summary>
    /// Trains <paramref name="network"/> in place. With a validation set its cost and metric are logged beside the
    /// training ones, and with <see cref="TrainingOptions.Patience"/> training stops once the validation cost has not
    /// improved for that many epochs and the best weights are restored. <paramref name="random"/> draws the shuffles
    /// and dropout masks (default: a generator seeded with <see cref="TrainingOptions.Seed"/>).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    /// <remarks>
    /// With <paramref name="checkpointing"/>, a checkpoint is handed out every <see cref="Checkpointing{T}.Every"/>
    /// epochs and when the run is cancelled, and a run can resume from one bit-identically.
    /// </remarks>
    public static TrainingHistory Train<T>(Network<T> network, TrainingSet<T> train, TrainingOptions options, TrainingSet<T>? validation = null, NumpyRandom? random = null, Action<TrainingProgress>? progress = null, Checkpointing<T>? checkpointing = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        train.Validate();
        validation?.Validate();
        if (options.Patience is not null && validation is null)
        {
            throw new ArgumentException("early stopping (patience) needs a validation set", nameof(validation));
        }

        var compute = new Compute { Threads = options.Threads, FuseBiasActivation = options.Kernels == KernelChoice.Auto };
        var full = new ForwardCache<T>(network, train.Examples, keepHiddenZ: false);
        var context = new TrainingContext<T>(network, train, options, compute, options.Optimizer.Init(network), random ?? new NumpyRandom(options.Seed), full);
        var run = new TrainingRun<T>(context, CreateStep(context), validation, checkpointing);
        return run.Run(progress, cancellationToken);
    }

    /// <summary>
    /// The epoch step a run of <paramref name="network"/> on <paramref name="examples"/> examples takes. Fused steps
    /// are for full-batch plain gradient descent without clipping or dropout (an optimizer with state, or clipping by
    /// the global norm, needs every gradient before any parameter changes) and for <see cref="KernelChoice.Auto"/> only.
    /// </summary>
    internal static EpochStepKind ChooseStep<T>(Network<T> network, int examples, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (BatchSize(options, examples) < examples)
        {
            return EpochStepKind.MiniBatch;
        }

        bool fusable = options.Kernels == KernelChoice.Auto && options.Optimizer is GradientDescent
            && options.ClipNorm is null && options.DropoutKeep is null;
        return !fusable ? EpochStepKind.FullBatch
            : TinyNetworkStep<T>.Applies(network, examples) ? EpochStepKind.TinyNetwork
            : FirstLayerSweepStep<T>.Applies(network, examples) ? EpochStepKind.FirstLayerSweep
            : EpochStepKind.FullBatch;
    }

    private static EpochStep<T> CreateStep<T>(TrainingContext<T> context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = context.Train.Examples;
        return ChooseStep(context.Network, m, context.Options) switch
        {
            EpochStepKind.MiniBatch => new MiniBatchStep<T>(context, BatchSize(context.Options, m)),
            EpochStepKind.TinyNetwork => new TinyNetworkStep<T>(context),
            EpochStepKind.FirstLayerSweep => new FirstLayerSweepStep<T>(context),
            _ => new FullBatchStep<T>(context),
        };
    }

    /// <summary>Examples per update: the whole set for 0 (the lesson's full batch) or a size of at least m.</summary>
    private static int BatchSize(TrainingOptions options, int m) => options.BatchSize == 0 || options.BatchSize >= m ? m : options.BatchSize;
}
