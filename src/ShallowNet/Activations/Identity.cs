using System.Numerics;
using System.Runtime.CompilerServices;
using ShallowNet.Export;
using ShallowNet.Kernels;

namespace ShallowNet.Activations;

/// <summary>identity(z) = z; identity'(z) = 1. For regression outputs, and the lesson's §3.7 linear hidden layer.</summary>
public sealed class Identity : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Identity Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => z.CopyTo(a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz) => da.CopyTo(dz);

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => IdentityOp.DerivativeReadsZ;

    /// <inheritdoc/>
    internal override ActivationKernel<T> Kernel<T>() => ActivationKernel<T, IdentityOp>.Shared;

    /// <inheritdoc/>
    internal override OnnxOperator Onnx { get; } = new("Identity");
}

/// <summary>The identity on whole vectors: a = z; dz = da.</summary>
internal readonly struct IdentityOp : IActivationOp
{
    public static bool DerivativeReadsZ => false;

    public static bool IsCostly => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<T, TV, TOps>(TV a, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        => da;
}
