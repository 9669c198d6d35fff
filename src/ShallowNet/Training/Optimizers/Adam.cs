using ShallowNet.Kernels;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba), as the course writes it: m := β₁·m + (1 − β₁)·dθ; v := β₂·v + (1 − β₂)·dθ²;
/// m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ); θ := θ − α·m̂ / (√v̂ + ε), with t the step count from 1.
/// </summary>
/// <param name="Beta1">β₁, the decay of the first moment. Default 0.9.</param>
/// <param name="Beta2">β₂, the decay of the second moment. Default 0.999.</param>
/// <param name="Epsilon">ε. Default 1e-8.</param>
public sealed record Adam(double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8) : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    protected override string[] SlotNames => ["m", "v"];

    /// <inheritdoc/>
    internal override bool IsElementwise => true;

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        => UpdatePart(theta, dTheta, state, index, alpha, 0);

    /// <inheritdoc/>
    internal override void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
    {
        var m = state.Slot("m", index).AsSpan().Slice(start, theta.Length);
        var v = state.Slot("v", index).AsSpan().Slice(start, theta.Length);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2);
        T oneMinusB1 = T.CreateChecked(1 - Beta1), oneMinusB2 = T.CreateChecked(1 - Beta2), eps = T.CreateChecked(Epsilon);
        T correction1 = T.One - T.Pow(b1, T.CreateChecked(state.Steps));   // 1 − β₁ᵗ
        T correction2 = T.One - T.Pow(b2, T.CreateChecked(state.Steps));   // 1 − β₂ᵗ
        // Vectorised; per element exactly: m = (β₁·m) + ((1 − β₁)·g); v = (β₂·v) + ((1 − β₂)·(g·g));
        // θ −= (α·(m / c₁)) / (√(v / c₂) + ε), every operation rounded separately (no fused multiply-add).
        UpdateKernels.Adam(theta, dTheta, m, v, new AdamConstants<T>(b1, oneMinusB1, b2, oneMinusB2, correction1, correction2, alpha, eps));
    }
}
