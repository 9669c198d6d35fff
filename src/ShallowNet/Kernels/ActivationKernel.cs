using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Kernels;

/// <summary>
/// The vector kernels of one elementwise activation in precision T, as a layer and the fused epoch call them: the
/// layer asks its activation once (<see cref="Activations.Activation.Kernel{T}"/>), which answers with
/// <see cref="ActivationKernel{T, TG}"/> closed over its own operator struct; every call after that is one virtual
/// call per row, and the loop inside is compiled for that struct (no switch, no call per element).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal abstract class ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether g costs an exponential per value (σ, tanh): worth sharing a large Z between threads.</summary>
    public abstract bool IsCostly { get; }

    /// <summary>z := z + bias; a := g(z) over one row of Z[l]. <paramref name="a"/> may be <paramref name="z"/>.</summary>
    public abstract void BiasForward(Span<T> z, T bias, Span<T> a);

    /// <summary>
    /// a = g(z) for <paramref name="rows"/> rows <paramref name="stride"/> values apart, each <paramref name="count"/>
    /// whole vectors long (of <see cref="VectorWidth"/>'s width: the fused epoch's).
    /// </summary>
    public abstract void ForwardRows(ref T z, ref T a, int rows, int stride, int count);

    /// <summary>dz = da ∗ g'(z or a), in place over da, for rows laid out as in <see cref="ForwardRows"/>.</summary>
    public abstract void BackwardRows(ref T z, ref T a, ref T da, int rows, int stride, int count);
}

/// <summary>The kernels of the activation whose operator struct is <typeparamref name="TG"/>, with its slope (leaky ReLU).</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TG">The activation's operator struct (SigmoidOp, TanhOp, ...).</typeparam>
internal sealed class ActivationKernel<T, TG>(T slope) : ActivationKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TG : struct, IActivationOp
{
    /// <summary>The kernel of an activation without settings (slope 0, unused).</summary>
    public static ActivationKernel<T, TG> Shared { get; } = new(T.Zero);

    /// <inheritdoc/>
    public override bool IsCostly => TG.IsCostly;

    /// <inheritdoc/>
    public override void BiasForward(Span<T> z, T bias, Span<T> a) => Elementwise.BiasForward<T, TG>(z, bias, a, slope);

    /// <inheritdoc/>
    public override void ForwardRows(ref T z, ref T a, int rows, int stride, int count)
    {
        if (VectorWidth.Bits == 512)
        {
            ForwardRows<Vector512<T>, Simd512<T>>(ref z, ref a, rows, stride, count);
        }
        else if (VectorWidth.Bits == 256)
        {
            ForwardRows<Vector256<T>, Simd256<T>>(ref z, ref a, rows, stride, count);
        }
        else
        {
            ForwardRows<Vector128<T>, Simd128<T>>(ref z, ref a, rows, stride, count);
        }
    }

    /// <inheritdoc/>
    public override void BackwardRows(ref T z, ref T a, ref T da, int rows, int stride, int count)
    {
        ref T x = ref TG.DerivativeReadsZ ? ref z : ref a;
        if (VectorWidth.Bits == 512)
        {
            BackwardRows<Vector512<T>, Simd512<T>>(ref x, ref da, rows, stride, count);
        }
        else if (VectorWidth.Bits == 256)
        {
            BackwardRows<Vector256<T>, Simd256<T>>(ref x, ref da, rows, stride, count);
        }
        else
        {
            BackwardRows<Vector128<T>, Simd128<T>>(ref x, ref da, rows, stride, count);
        }
    }

    private void ForwardRows<TV, TOps>(ref T z, ref T a, int rows, int stride, int count)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TV s = TOps.Broadcast(slope);
        for (int r = 0; r < rows; r++)
        {
            Elementwise.MapVectors<T, TV, TOps, TG>(ref Unsafe.Add(ref z, r * stride), ref Unsafe.Add(ref a, r * stride), count, s);
        }
    }

    private void BackwardRows<TV, TOps>(ref T x, ref T da, int rows, int stride, int count)
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TV s = TOps.Broadcast(slope);
        for (int r = 0; r < rows; r++)
        {
            Elementwise.ZipVectors<T, TV, TOps, TG>(ref Unsafe.Add(ref x, r * stride), ref Unsafe.Add(ref da, r * stride), count, s);
        }
    }
}
