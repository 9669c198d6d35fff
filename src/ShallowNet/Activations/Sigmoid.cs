using ShallowNet.Kernels;

namespace ShallowNet.Activations;

/// <summary>σ(z) = 1 / (1 + e^(−z)); σ'(z) = a(1 − a) with a = σ(z).</summary>
public sealed class Sigmoid : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Sigmoid Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward(ActivationKind.Sigmoid, z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward(ActivationKind.Sigmoid, z, a, da, dz, T.Zero);   // dz = (da ∗ a) ∗ (1 − a), one pass

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => false;
}
