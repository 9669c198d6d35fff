using System.Numerics;
using System.Runtime.CompilerServices;
using ShallowNet.Export;
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
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Elementwise.Forward<T, ReluOp>(z, a, T.Zero);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        => Elementwise.Backward<T, ReluOp>(z, da, dz, T.Zero);      // dz = da where z > 0, else 0

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => ReluOp.DerivativeReadsZ;

    /// <inheritdoc/>
    internal override ActivationKernel<T> Kernel<T>() => ActivationKernel<T, ReluOp>.Shared;

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; } = new("Relu");
}

/// <summary>ReLU on whole vectors: max(0, z) (IEEE: NaN stays NaN, −0 gives +0); dz = da where z &gt; 0, else 0.</summary>
internal readonly struct ReluOp : IActivationOp
{
    public static bool DerivativeReadsZ => true;

    public static bool IsCostly => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Max(TOps.Zero, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<T, TV, TOps>(TV z, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => TOps.Select(TOps.GreaterThan(z, TOps.Zero), da, TOps.Zero);
}
