using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// Gradient descent with momentum, as the course writes it: v := β·v + (1 − β)·dθ; θ := θ − α·v (v starts at 0).
/// (PyTorch's SGD momentum omits the (1 − β), which is the same rule with α scaled by 1/(1 − β).)
/// </summary>
/// <param name="Beta">β, the decay of the velocity. Default 0.9.</param>
public sealed record Momentum(double Beta = 0.9) : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "momentum";

    /// <inheritdoc/>
    protected override string[] SlotNames => ["v"];

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        => UpdatePart(theta, dTheta, state, index, alpha, 0);

    /// <inheritdoc/>
    internal override void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
    {
        var v = state.Slot("v", index).AsSpan().Slice(start, theta.Length);
        T beta = T.CreateChecked(Beta), oneMinusBeta = T.CreateChecked(1 - Beta);
        // Vectorised; per element exactly: v = (β·v) + ((1 − β)·g); θ −= α·v, no fused multiply-add.
        UpdateKernels.Momentum(theta, dTheta, v, beta, oneMinusBeta, alpha, nesterov: false);
    }
}
