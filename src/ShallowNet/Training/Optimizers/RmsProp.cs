using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>RMSprop: s := β·s + (1 − β)·dθ²; θ := θ − α·dθ / (√s + ε) (s starts at 0; ε outside the root, as PyTorch).</summary>
/// <param name="Beta">β, the decay of the squared-gradient average. Default 0.9.</param>
/// <param name="Epsilon">ε, keeps the division finite. Default 1e-8.</param>
public sealed record RmsProp(double Beta = 0.9, double Epsilon = 1e-8) : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    protected override string[] SlotNames => ["s"];

    /// <inheritdoc/>
    internal override bool IsElementwise => true;

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        => UpdatePart(theta, dTheta, state, index, alpha, 0);

    /// <inheritdoc/>
    internal override void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
    {
        var s = state.Slot("s", index).AsSpan().Slice(start, theta.Length);
        T beta = T.CreateChecked(Beta), oneMinusBeta = T.CreateChecked(1 - Beta), eps = T.CreateChecked(Epsilon);
        // Vectorised; per element exactly: s = (β·s) + ((1 − β)·(g·g)); θ −= (α·g) / (√s + ε), no fused multiply-add.
        UpdateKernels.RmsProp(theta, dTheta, s, beta, oneMinusBeta, alpha, eps);
    }
}
