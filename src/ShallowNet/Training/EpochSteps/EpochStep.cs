using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.EpochSteps;

/// <summary>
/// One epoch of training, in two halves around the trainer's logging: <see cref="Begin"/> runs the epoch's training
/// forward pass where it has one, <see cref="Finish"/> the rest (backward and updates). Buffers are allocated once, in
/// the constructor; an epoch allocates nothing on one thread.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal abstract class EpochStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected EpochStep(TrainingContext<T> context) => Context = context;

    /// <summary>Which step this is (tests assert that a fused step was really taken).</summary>
    public abstract EpochStepKind Kind { get; }

    protected TrainingContext<T> Context { get; }

    protected Network<T> Network => Context.Network;

    protected TrainingSet<T> Train => Context.Train;

    /// <summary>
    /// The training forward pass at the start of the epoch (with <paramref name="measured"/>, the trainer reads J from
    /// it). Returns the cache it filled when that pass is the plain one on the whole training set (no dropout), so
    /// that J can be read from it; null when the trainer needs an evaluation pass of its own.
    /// </summary>
    public abstract ForwardCache<T>? Begin(bool measured);

    /// <summary>The rest of the epoch: gradients and updates with learning rate <paramref name="rate"/>.</summary>
    /// <param name="rate">α for this epoch.</param>
    /// <param name="measured">Whether the trainer read J this epoch (and may have run an evaluation pass into the full-batch cache).</param>
    /// <param name="last">Whether this is the run's last epoch.</param>
    /// <param name="batchCosts">Whether to return the mean of the batch costs (steps with batches only).</param>
    /// <returns>With batches and <paramref name="batchCosts"/>, the mean of the batches' J weighted by batch size; else null.</returns>
    public abstract double? Finish(double rate, bool measured, bool last, bool batchCosts);

    /// <summary>Back-propagation, clipping, and the optimizer's update of every parameter: the lesson's step.</summary>
    protected void Descend(ForwardCache<T> cache, Matrix<T> y, Gradients<T> gradients, T[]? weights, double rate)
    {
        var options = Context.Options;
        Network.Backward(cache, y, gradients, Context.Compute, options.L2, weights);
        if (options.ClipNorm is { } clip)
        {
            GradientClipping.ClipByNorm(gradients, clip);
        }

        options.Optimizer.ApplyExcept(Network, gradients, Context.State, rate, except: -1, Context.Compute.Threads);
    }
}
