using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.EpochSteps;

/// <summary>
/// The lesson's epoch on all m examples: forward (with fresh dropout masks when asked), backward, one update.
/// What <see cref="KernelChoice.Reference"/> runs for full-batch training.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class FullBatchStep<T> : EpochStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Gradients<T> _gradients;
    private readonly DropoutMasks<T>? _dropout;

    public FullBatchStep(TrainingContext<T> context)
        : base(context)
    {
        _gradients = new Gradients<T>(Network, Train.Examples);
        _dropout = context.Options.DropoutKeep is { } keep ? new DropoutMasks<T>(Network, Train.Examples, keep) : null;
    }

    public override EpochStepKind Kind => EpochStepKind.FullBatch;

    public override ForwardCache<T>? Begin(bool measured)
    {
        _dropout?.Draw(Context.Random);
        Network.Forward(Train.X, Op.None, Context.Full, Context.Compute, _dropout);
        return _dropout is null ? Context.Full : null;                  // with dropout, J needs a pass without it
    }

    public override double? Finish(double rate, bool measured, bool last, bool batchCosts)
    {
        if (_dropout is not null && measured)
        {
            Network.Forward(Train.X, Context.Full, Context.Compute, _dropout); // back to this epoch's training pass
        }

        Descend(Context.Full, Train.Y, _gradients, Train.Weights, rate);
        return null;
    }
}
