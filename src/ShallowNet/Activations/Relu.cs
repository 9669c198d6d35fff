using ShallowNet.Kernels;

namespace ShallowNet.Activations;

/// <summary>ReLU(z) = max(0, z); ReLU'(z) = 1 if z &gt; 0 else 0 (0 at z = 0, as PyTorch and the course's code).</summary>
public sealed class Relu : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Relu Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward(ActivationKind.Relu, z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward(ActivationKind.Relu, z, a, da, dz, T.Zero);      // dz = da where z > 0, else 0
}
