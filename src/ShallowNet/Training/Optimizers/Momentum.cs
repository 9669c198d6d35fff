using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// Gradient descent with momentum, as the course writes it: v := β·v + (1 − β)·dθ; θ := θ − α·v (v starts at 0).
/// With <see cref="Nesterov"/>, the course's averaged Nesterov form: the same v, then θ := θ − α·(β·v + (1 − β)·dθ),
/// i.e. the step looks ahead along the new velocity.
/// (PyTorch's SGD momentum, and its nesterov=True, omit the (1 − β) factors: the same rules with α scaled by 1/(1 − β).)
/// </summary>
/// <example><c>new Momentum { Nesterov = true }</c> is <c>--optimizer nesterov</c>.</example>
/// <param name="Beta">β, the decay of the velocity. Default 0.9.</param>
public sealed record Momentum(double Beta = 0.9) : Optimizer
{
    /// <summary>Whether the step looks ahead along the new velocity (Nesterov momentum). Default false.</summary>
    public bool Nesterov { get; init; }

    /// <inheritdoc/>
    public override string Name => Nesterov ? "nesterov" : "momentum";

    /// <inheritdoc/>
    protected override string[] SlotNames => ["v"];

    /// <inheritdoc/>
    internal override bool IsElementwise => true;

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        => UpdatePart(theta, dTheta, state, index, alpha, 0);

    /// <inheritdoc/>
    internal override void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
    {
        var v = state.Slot("v", index).AsSpan().Slice(start, theta.Length);
        T beta = T.CreateChecked(Beta), oneMinusBeta = T.CreateChecked(1 - Beta);
        // Vectorised; per element exactly: v = (β·v) + ((1 − β)·g); θ −= α·v, or with Nesterov
        // θ −= α·((β·v) + ((1 − β)·g)); no fused multiply-add.
        UpdateKernels.Momentum(theta, dTheta, v, beta, oneMinusBeta, alpha, Nesterov);
    }
}
