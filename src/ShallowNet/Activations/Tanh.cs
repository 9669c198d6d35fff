using System.Numerics;
using System.Runtime.CompilerServices;
using ShallowNet.Export;
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
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward<T, TanhOp>(z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward<T, TanhOp>(a, da, dz, T.Zero);      // dz = da ∗ (1 − a²), one pass

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => TanhOp.DerivativeReadsZ;

    /// <inheritdoc/>
    internal override ActivationKernel<T> Kernel<T>() => ActivationKernel<T, TanhOp>.Shared;

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; } = new("Tanh");
}

/// <summary>
/// tanh on whole vectors, with full relative accuracy, one formula for every z: tanh |z| = (1 − e^(−2|z|)) / (1 + e^(−2|z|)),
/// numerator and denominator each one FMA from <see cref="VectorExp.Split"/>, which keeps e^(−2|z|) − 1 accurate near 0
/// (tiny z give tanh z = z exactly) and never overflows; the sign is z's. Within 3 ulps of Math.Tanh. dz = da ∗ (1 − a²).
/// </summary>
internal readonly struct TanhOp : IActivationOp
{
    public static bool DerivativeReadsZ => false;

    public static bool IsCostly => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        // |z| capped where tanh has rounded to 1 (20 in double, 10 in float), as Split needs; NaN stays NaN
        TV one = TOps.Broadcast(T.One);
        TV x = TOps.MinBound(TOps.Abs(z), TOps.Broadcast(T.CreateTruncating(typeof(T) == typeof(float) ? 10 : 20)));
        var (twoToK, m) = VectorExp.Split<T, TV, TOps>(TOps.Multiply(x, TOps.Broadcast(T.CreateTruncating(-2))));
        TV numerator = TOps.MultiplyAdd(twoToK, m, TOps.Subtract(twoToK, one));     // e^(−2|z|) − 1
        TV denominator = TOps.MultiplyAdd(twoToK, m, TOps.Add(twoToK, one));        // e^(−2|z|) + 1
        return TOps.CopySign(TOps.Divide(numerator, denominator), z);               // the sign of z, −0 included
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<T, TV, TOps>(TV a, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Multiply(da, TOps.Subtract(TOps.Broadcast(T.One), TOps.Multiply(a, a)));
}
