using System.Numerics;
using System.Numerics.Tensors;

namespace ShallowNet.Activations;

/// <summary>ReLU(z) = max(0, z); ReLU'(z) = 1 if z &gt; 0 else 0 (0 at z = 0, as PyTorch and the course's code).</summary>
public sealed class Relu : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Relu Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => TensorPrimitives.Max(z, T.Zero, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
    {
        // dz = da where z > 0, else 0
        for (int i = 0; i < dz.Length; i++)
        {
            dz[i] = z[i] > T.Zero ? da[i] : T.Zero;
        }
    }
}
