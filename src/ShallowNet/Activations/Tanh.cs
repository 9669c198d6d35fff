using ShallowNet.Kernels;

namespace ShallowNet.Activations;

/// <summary>tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)); tanh'(z) = 1 − a² with a = tanh(z).</summary>
public sealed class Tanh : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Tanh Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    /// <remarks>
    /// Accurate to a few ulps relative at every magnitude ((1 − e^(−2|z|)) / (1 + e^(−2|z|)) with e^(−2|z|) − 1 kept
    /// accurate near 0), where TensorPrimitives.Tanh loses relative accuracy near 0.
    /// </remarks>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward(ActivationKind.Tanh, z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward(ActivationKind.Tanh, z, a, da, dz, T.Zero);      // dz = da ∗ (1 − a²), one pass

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => false;
}
