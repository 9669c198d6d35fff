using System.Numerics;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training.EpochSteps;

/// <summary>
/// Full-batch gradient descent on a tiny network (the lesson's 2-4-1): each epoch's forward, backward and update in
/// one fused pass over the examples (<see cref="TinyNetworkEpoch{T}"/>), bit-identical to <see cref="FullBatchStep{T}"/>.
/// The cost, when measured, still comes from the usual forward pass (the same values, bit for bit).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class TinyNetworkStep<T> : EpochStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TinyNetworkEpoch<T> _epoch;

    public TinyNetworkStep(TrainingContext<T> context)
        : base(context)
        => _epoch = new TinyNetworkEpoch<T>([.. Network.Layers.Select(l => new TinyLayer<T>(l.W, l.B, l.Kernel!))], Train.Examples);

    public override EpochStepKind Kind => EpochStepKind.TinyNetwork;

    /// <summary>Whether the fused epoch takes this network on m examples (every activation elementwise, a tiny shape).</summary>
    public static bool Applies(Network<T> network, int m)
        => network.Layers.All(l => l.Kernel is not null) && TinyNetworkEpoch<T>.Applies(network.Sizes, m);

    /// <summary>The fused epoch runs its own forward pass; a separate one only when J is measured.</summary>
    public override ForwardCache<T>? Begin(bool measured)
    {
        if (!measured)
        {
            return null;
        }

        Network.Forward(Train.X, Op.None, Context.Full, Context.Compute, dropout: null);
        return Context.Full;
    }

    public override double? Finish(double rate, bool measured, bool last, bool batchCosts)
    {
        // the optimizer counts the step and hands α over; the kernel applies gradient descent's rule itself
        T alpha = Optimizer.BeginStep(Context.State, rate);
        _epoch.Run(Train.X, Train.Y, Train.Weights, alpha, Context.Options.L2);
        return null;
    }
}
