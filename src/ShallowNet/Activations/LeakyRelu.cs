using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using ShallowNet.Export;
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
        Onnx = new("LeakyRelu") { Floats = [("alpha", (float)slope)] };
    }

    /// <summary>The slope for z ≤ 0.</summary>
    public double Slope { get; }

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a)
        => Elementwise.Forward<T, LeakyReluOp>(z, a, T.CreateChecked(Slope));

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward<T, LeakyReluOp>(z, da, dz, T.CreateChecked(Slope));   // da or slope·da

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => LeakyReluOp.DerivativeReadsZ;

    /// <inheritdoc/>
    internal override ActivationKernel<T> Kernel<T>() => new ActivationKernel<T, LeakyReluOp>(T.CreateChecked(Slope));

    /// <inheritdoc/>
    internal override double? SlopeSetting => Slope;

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"leaky_relu(slope={Slope})");
}

/// <summary>Leaky ReLU on whole vectors: z if z &gt; 0 else slope·z; dz = da where z &gt; 0, else slope·da.</summary>
internal readonly struct LeakyReluOp : IActivationOp
{
    public static bool DerivativeReadsZ => true;

    public static bool IsCostly => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Select(TOps.GreaterThan(z, TOps.Zero), z, TOps.Multiply(z, slope));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<T, TV, TOps>(TV z, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Select(TOps.GreaterThan(z, TOps.Zero), da, TOps.Multiply(da, slope));
}
