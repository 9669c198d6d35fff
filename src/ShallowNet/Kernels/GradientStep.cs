using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShallowNet.Kernels;

/// <summary>
/// The lesson's gradient-descent update of one weight, written once for the kernels that update weights straight from
/// their own sums (the fused tiny-network epoch, the first-layer sweep) and for the scalar tail of the optimizer's
/// vector update:
/// <code>
/// dW = (1/m)·Σ dZ·Aᵀ + (λ/m)·W      (the L2 term only with λ &gt; 0)
/// W := W − α·dW                     (the product first, then the subtraction: no fused multiply-add, as NumPy)
/// </code>
/// The same operations in the same order as <see cref="Model.Network{T}.Backward(Model.ForwardCache{T}, Numerics.Matrix{T}, Model.Gradients{T}, Numerics.Compute?, double, ReadOnlySpan{T})"/>
/// followed by <see cref="Training.Optimizers.GradientDescent"/>, so every path gives the same bits.
/// </summary>
internal static class GradientStep
{
    /// <summary>dW = (1/m)·<paramref name="sum"/> (+ (λ/m)·W when <paramref name="penalised"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Gradient<T>(T sum, T invM, T w, T lambdaOverM, bool penalised)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T d = sum * invM;
        return penalised ? d + (lambdaOverM * w) : d;
    }

    /// <summary>db = (1/m)·<paramref name="sum"/> (no penalty on b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Gradient<T>(T sum, T invM)
        where T : unmanaged, IFloatingPointIeee754<T>
        => sum * invM;

    /// <summary>θ := θ − α·dθ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Descend<T>(ref T theta, T d, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        => theta -= alpha * d;
}
