using System.Numerics;
using System.Numerics.Tensors;

namespace ShallowNet.Activations;

/// <summary>tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)); tanh'(z) = 1 − a² with a = tanh(z).</summary>
public sealed class Tanh : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Tanh Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => TensorPrimitives.Tanh(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
    {
        // dz = da ∗ (1 − a²)
        for (int i = 0; i < dz.Length; i++)
        {
            dz[i] = da[i] * (T.One - (a[i] * a[i]));
        }
    }
}
