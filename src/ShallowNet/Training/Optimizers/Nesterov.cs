using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// Nesterov momentum in the course's averaged form: v := β·v + (1 − β)·dθ; θ := θ − α·(β·v + (1 − β)·dθ),
/// i.e. the step looks ahead along the new velocity. (PyTorch's nesterov=True is the same with the (1 − β) factors
/// dropped.)
/// </summary>
/// <param name="Beta">β, the decay of the velocity. Default 0.9.</param>
public sealed record Nesterov(double Beta = 0.9) : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "nesterov";

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
        // Vectorised; per element exactly: v = (β·v) + ((1 − β)·g); θ −= α·((β·v) + ((1 − β)·g)), no fused multiply-add.
        UpdateKernels.Momentum(theta, dTheta, v, beta, oneMinusBeta, alpha, nesterov: true);
    }
}
