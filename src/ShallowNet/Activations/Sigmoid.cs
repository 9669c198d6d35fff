using System.Numerics;
using System.Runtime.CompilerServices;
using ShallowNet.Export;
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
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward<T, SigmoidOp>(z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward<T, SigmoidOp>(a, da, dz, T.Zero);   // dz = (da ∗ a) ∗ (1 − a), one pass

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => SigmoidOp.DerivativeReadsZ;

    /// <inheritdoc/>
    internal override ActivationKernel<T> Kernel<T>() => ActivationKernel<T, SigmoidOp>.Shared;

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; } = new("Sigmoid");
}

/// <summary>σ on whole vectors: σ(z) = 1 / (1 + e^(−z)); dz = (da ∗ a) ∗ (1 − a).</summary>
internal readonly struct SigmoidOp : IActivationOp
{
    public static bool DerivativeReadsZ => false;

    public static bool IsCostly => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        // Below −709 (double) or −88 (float) e^(−z) would overflow, σ rounds to 0 or to a subnormal, and the vector exp
        // takes a slow scalar path: z is capped there and the result set to 0, as 1/(1 + ∞) gives.
        TV one = TOps.Broadcast(T.One);
        TV low = TOps.Broadcast(T.CreateTruncating(typeof(T) == typeof(float) ? -88 : -709));
        TV a = TOps.Divide(one, TOps.Add(one, VectorExp.Exp<T, TV, TOps>(TOps.Subtract(TOps.Zero, TOps.MaxBound(z, low)))));
        return TOps.Select(TOps.LessThan(z, low), TOps.Zero, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<T, TV, TOps>(TV a, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Multiply(TOps.Multiply(da, a), TOps.Subtract(TOps.Broadcast(T.One), a));
}
