using System.Globalization;
using ShallowNet.Kernels;

namespace ShallowNet.Activations;

/// <summary>
/// Leaky ReLU(z) = z if z &gt; 0 else slope·z; its derivative is 1 if z &gt; 0 else slope
/// (slope at z = 0, as PyTorch). The lesson's slope is 0.01.
/// </summary>
public sealed class LeakyRelu : Activation
{
    /// <summary>The lesson's slope for z &lt; 0.</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>Creates a leaky ReLU with the given slope for z ≤ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slope is not finite.</exception>
    public LeakyRelu(double slope = DefaultSlope)
    {
        if (!double.IsFinite(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "the leaky ReLU slope must be a finite number");
        }

        Slope = slope;
    }

    /// <summary>The slope for z ≤ 0.</summary>
    public double Slope { get; }

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a)
        => Elementwise.Forward(ActivationKind.LeakyRelu, z, a, T.CreateChecked(Slope));

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward(ActivationKind.LeakyRelu, z, a, da, dz, T.CreateChecked(Slope));   // da or slope·da

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"leaky_relu(slope={Slope})");
}
