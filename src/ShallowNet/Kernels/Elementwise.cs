using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Kernels;

/// <summary>
/// An elementwise activation's vector kernel: g on whole vectors, and dz = da ∗ g' from the value g' is written in.
/// Each activation keeps its own struct beside it in Activations/ (SigmoidOp beside Sigmoid, as TensorPrimitives keeps
/// an operator struct beside its method); the loops here and in the fused epoch are generic over it, so the JIT
/// compiles one copy per activation and vector width with every call inlined: no call per element, no switch.
/// </summary>
internal interface IActivationOp
{
    /// <summary>Whether g' is written in z (ReLU, leaky ReLU) rather than in a = g(z) (σ, tanh, identity).</summary>
    static abstract bool DerivativeReadsZ { get; }

    /// <summary>Whether g costs an exponential per value, enough to share a large Z between threads.</summary>
    static abstract bool IsCostly { get; }

    /// <summary>g(z), lane by lane; <paramref name="slope"/> is the leaky ReLU's (unused by the others).</summary>
    static abstract TV Apply<T, TV, TOps>(TV z, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>;

    /// <summary>da ∗ g', lane by lane, given x = z or a = g(z) as <see cref="DerivativeReadsZ"/> says.</summary>
    static abstract TV Backward<T, TV, TOps>(TV x, TV da, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>;
}

/// <summary>
/// Vectorised elementwise kernels for an activation TG (its <see cref="IActivationOp"/>), one pass each and nothing allocated:
/// <list type="bullet">
/// <item>forward with the bias fused in: z := z + b, a := g(z) (one row of Z[l], b broadcast across it);</item>
/// <item>backward: dz := da ∗ g'(z or a).</item>
/// </list>
/// The tail shorter than a vector goes through the same vector code on a padded copy, so every element gets the same
/// arithmetic wherever it sits. Vectors of <see cref="VectorWidth"/>'s width.
/// </summary>
internal static class Elementwise
{
    /// <summary>z := z + bias; a := g(z). <paramref name="a"/> may be <paramref name="z"/>.</summary>
    public static void BiasForward<T, TG>(Span<T> z, T bias, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TG : struct, IActivationOp
    {
        if (VectorWidth.Bits == 512)
        {
            Map<T, Vector512<T>, Simd512<T>, TG>(z, bias, a, slope);
        }
        else if (VectorWidth.Bits == 256)
        {
            Map<T, Vector256<T>, Simd256<T>, TG>(z, bias, a, slope);
        }
        else
        {
            Map<T, Vector128<T>, Simd128<T>, TG>(z, bias, a, slope);
        }
    }

    /// <summary>a := g(z), elementwise. <paramref name="a"/> may be <paramref name="z"/> (then z is overwritten).</summary>
    public static void Forward<T, TG>(ReadOnlySpan<T> z, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TG : struct, IActivationOp
    {
        if (a.Length != z.Length)
        {
            throw new ArgumentException($"A has {a.Length} values, Z has {z.Length}", nameof(a));
        }

        // With a zero bias the input is only read (z + 0 = z for every z but −0, which every g maps alike).
        var src = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(z), z.Length);
        if (VectorWidth.Bits == 512)
        {
            Map<T, Vector512<T>, Simd512<T>, TG>(src, null, a, slope);
        }
        else if (VectorWidth.Bits == 256)
        {
            Map<T, Vector256<T>, Simd256<T>, TG>(src, null, a, slope);
        }
        else
        {
            Map<T, Vector128<T>, Simd128<T>, TG>(src, null, a, slope);
        }
    }

    /// <summary>
    /// dz := da ∗ g'(x), x being Z or A as <see cref="IActivationOp.DerivativeReadsZ"/> says. <paramref name="dz"/> may
    /// be <paramref name="da"/>.
    /// </summary>
    public static void Backward<T, TG>(ReadOnlySpan<T> x, ReadOnlySpan<T> da, Span<T> dz, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TG : struct, IActivationOp
    {
        if (da.Length != dz.Length || x.Length != dz.Length)
        {
            throw new ArgumentException($"{(TG.DerivativeReadsZ ? "Z" : "A")}, dA and dZ must have the same length (dZ has {dz.Length})", nameof(dz));
        }

        if (VectorWidth.Bits == 512)
        {
            Zip<T, Vector512<T>, Simd512<T>, TG>(x, da, dz, slope);
        }
        else if (VectorWidth.Bits == 256)
        {
            Zip<T, Vector256<T>, Simd256<T>, TG>(x, da, dz, slope);
        }
        else
        {
            Zip<T, Vector128<T>, Simd128<T>, TG>(x, da, dz, slope);
        }
    }

    /// <summary>For each i: (when biased) z[i] += bias; a[i] = g(z[i]).</summary>
    // the tail buffer's padding is cleared by hand: a zeroed stackalloc is a helper call, see KernelCodegenTests
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Map<T, TV, TOps, TG>(Span<T> z, T? bias, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TG : struct, IActivationOp
    {
        int w = TOps.Count, n = z.Length, i = 0;
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T ar = ref MemoryMarshal.GetReference(a);
        TV vb = TOps.Broadcast(bias ?? T.Zero);
        TV vs = TOps.Broadcast(slope);
        bool biased = bias.HasValue;
        for (; i + w <= n; i += w)
        {
            TV x = TOps.Load(in Unsafe.Add(ref zr, i));
            if (biased)
            {
                x = TOps.Add(x, vb);
                TOps.Store(x, ref Unsafe.Add(ref zr, i));
            }

            TOps.Store(TG.Apply<T, TV, TOps>(x, vs), ref Unsafe.Add(ref ar, i));
        }

        if (i < n)
        {
            // the tail, padded to a whole vector
            Span<T> buffer = stackalloc T[64];
            ref T br = ref MemoryMarshal.GetReference(buffer);
            z[i..].CopyTo(buffer);
            buffer[(n - i)..w].Clear();
            TV x = TOps.Load(in br);
            if (biased)
            {
                x = TOps.Add(x, vb);
                TOps.Store(x, ref br);
                buffer[..(n - i)].CopyTo(z[i..]);
            }

            TOps.Store(TG.Apply<T, TV, TOps>(x, vs), ref br);
            buffer[..(n - i)].CopyTo(a[i..]);
        }
    }

    /// <summary>For each i: dz[i] = G.Backward(x[i], da[i]), where x is z or a as the derivative needs.</summary>
    // the tail buffer's padding is cleared by hand: a zeroed stackalloc is a helper call, see KernelCodegenTests
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Zip<T, TV, TOps, TG>(ReadOnlySpan<T> x, ReadOnlySpan<T> da, Span<T> dz, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TG : struct, IActivationOp
    {
        int w = TOps.Count, n = dz.Length, i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dar = ref MemoryMarshal.GetReference(da);
        ref T dzr = ref MemoryMarshal.GetReference(dz);
        TV vs = TOps.Broadcast(slope);
        for (; i + w <= n; i += w)
        {
            TV g = TG.Backward<T, TV, TOps>(TOps.Load(in Unsafe.Add(ref xr, i)), TOps.Load(in Unsafe.Add(ref dar, i)), vs);
            TOps.Store(g, ref Unsafe.Add(ref dzr, i));
        }

        if (i < n)
        {
            Span<T> buffer = stackalloc T[128];
            ref T br = ref MemoryMarshal.GetReference(buffer);
            x[i..].CopyTo(buffer);
            buffer[(n - i)..w].Clear();
            da[i..].CopyTo(buffer[64..]);
            buffer[(64 + n - i)..(64 + w)].Clear();
            TOps.Store(TG.Backward<T, TV, TOps>(TOps.Load(in br), TOps.Load(in Unsafe.Add(ref br, 64)), vs), ref br);
            buffer[..(n - i)].CopyTo(dz[i..]);
        }
    }

    /// <summary>a = g(z) for <paramref name="count"/> whole vectors of the width the caller runs at (the fused epoch's rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MapVectors<T, TV, TOps, TG>(ref T z, ref T a, int count, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TG : struct, IActivationOp
    {
        for (int o = 0; o < count * TOps.Count; o += TOps.Count)
        {
            TOps.Store(TG.Apply<T, TV, TOps>(TOps.Load(in Unsafe.Add(ref z, o)), slope), ref Unsafe.Add(ref a, o));
        }
    }

    /// <summary>da := da ∗ g'(x) in place for <paramref name="count"/> whole vectors (the fused epoch's rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ZipVectors<T, TV, TOps, TG>(ref T x, ref T da, int count, TV slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
        where TG : struct, IActivationOp
    {
        for (int o = 0; o < count * TOps.Count; o += TOps.Count)
        {
            ref T d = ref Unsafe.Add(ref da, o);
            TOps.Store(TG.Backward<T, TV, TOps>(TOps.Load(in Unsafe.Add(ref x, o)), TOps.Load(in d), slope), ref d);
        }
    }
}
