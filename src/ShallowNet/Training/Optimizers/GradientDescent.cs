using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>Plain gradient descent, the lesson's update: θ := θ − α·dθ for every W[l] and b[l].</summary>
public sealed record GradientDescent : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "gd";

    /// <inheritdoc/>
    internal override bool IsElementwise => true;

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        => UpdatePart(theta, dTheta, state, index, alpha, 0);

    /// <inheritdoc/>
    internal override void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
    {
        // Rounded as NumPy's `W - learning_rate * dW`: the product first, no fused multiply-add.
        UpdateKernels.GradientDescent(theta, dTheta, alpha);
    }
}
