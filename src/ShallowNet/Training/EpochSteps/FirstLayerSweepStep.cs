using System.Numerics;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.EpochSteps;

/// <summary>
/// Full-batch gradient descent over a wide X (the cat network) with the first layer swept (<see cref="FirstLayerSweep"/>):
/// back-propagation without dW[1], the update of every other parameter, then dW[1], its update and (unless this was
/// the last epoch) the next epoch's W[1]·X, in one pass over X instead of two. Bit-identical to <see cref="FullBatchStep{T}"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class FirstLayerSweepStep<T> : EpochStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Gradients<T> _gradients;
    private bool _firstProductReady;                                     // Z[1] holds W[1]·X from the last sweep

    public FirstLayerSweepStep(TrainingContext<T> context)
        : base(context)
        => _gradients = new Gradients<T>(Network, Train.Examples);

    public override EpochStepKind Kind => EpochStepKind.FirstLayerSweep;

    /// <summary>Whether the sweep takes the first layer of this network on m examples (a wide X, 5 to 32 units).</summary>
    public static bool Applies(Network<T> network, int m)
        => FirstLayerSweep.Applies<T>(network.Layers[0].Units, network.Layers[0].Inputs, m);

    public override ForwardCache<T>? Begin(bool measured)
    {
        Network.Forward(Train.X, Op.None, Context.Full, Context.Compute, dropout: null, firstProductInZ: _firstProductReady);
        _firstProductReady = false;
        return Context.Full;
    }

    public override double? Finish(double rate, bool measured, bool last, bool batchCosts)
    {
        var options = Context.Options;
        Network.Backward(Context.Full, Train.Y, _gradients, Context.Compute, options.L2, Train.Weights, firstWeights: false);
        options.Optimizer.ApplyExcept(Network, _gradients, Context.State, rate, except: 0, Context.Compute.Threads); // parameter 0 is W[1]
        T lambdaOverM = T.CreateChecked(options.L2 / Train.Examples);
        var nextProduct = last ? null : Context.Full.Product(1);
        FirstLayerSweep.Run(Train.X, _gradients.dZ(1), Network.Layers[0].W, lambdaOverM, T.CreateChecked(rate), nextProduct, Context.Compute.Threads);
        _firstProductReady = !last;
        return null;
    }
}
