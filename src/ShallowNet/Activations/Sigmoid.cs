using System.Numerics;
using System.Numerics.Tensors;

namespace ShallowNet.Activations;

/// <summary>σ(z) = 1 / (1 + e^(−z)); σ'(z) = a(1 − a) with a = σ(z).</summary>
public sealed class Sigmoid : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Sigmoid Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => TensorPrimitives.Sigmoid(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
    {
        // dz = da ∗ a ∗ (1 − a); dz may alias da, so da ∗ a is formed first.
        TensorPrimitives.Multiply(da, a, dz);
        for (int i = 0; i < dz.Length; i++)
        {
            dz[i] *= T.One - a[i];
        }
    }
}
