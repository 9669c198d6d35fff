using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Kernels;

/// <summary>The elementwise activations the fused kernels know (softmax is per column, not elementwise).</summary>
internal enum ActivationKind
{
    Identity,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
}

/// <summary>
/// Vectorised elementwise kernels for the activations, one pass each and nothing allocated:
/// <list type="bullet">
/// <item>forward with the bias fused in: z := z + b, a := g(z) (one row of Z[l], b broadcast across it);</item>
/// <item>backward: dz := da ∗ g'(z or a), with the derivatives of DESIGN.md (σ' = a(1 − a), tanh' = 1 − a²,
/// ReLU' = [z &gt; 0], leaky ReLU' = 1 or slope, identity' = 1).</item>
/// </list>
/// The tail shorter than a vector goes through the same vector code on a padded copy, so every element gets the same
/// arithmetic wherever it sits.
/// </summary>
internal static class Elementwise
{
    /// <summary>z := z + bias; a := g(z). <paramref name="a"/> may be <paramref name="z"/>.</summary>
    public static void BiasForward<T>(ActivationKind kind, Span<T> z, T bias, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<T, Vector512<T>, Simd512<T>>(kind, z, bias, a, slope);
        }
        else
        {
            Forward<T, Vector256<T>, Simd256<T>>(kind, z, bias, a, slope);
        }
    }

    /// <summary>a := g(z), elementwise. <paramref name="a"/> may be <paramref name="z"/> (then z is overwritten).</summary>
    public static void Forward<T>(ActivationKind kind, ReadOnlySpan<T> z, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length != z.Length)
        {
            throw new ArgumentException($"A has {a.Length} values, Z has {z.Length}", nameof(a));
        }

        // With a zero bias the input is only read (z + 0 = z for every z but −0, which every g maps alike).
        var src = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(z), z.Length);
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<T, Vector512<T>, Simd512<T>>(kind, src, null, a, slope);
        }
        else
        {
            Forward<T, Vector256<T>, Simd256<T>>(kind, src, null, a, slope);
        }
    }

    /// <summary>dz := da ∗ g'(z, a). <paramref name="dz"/> may be <paramref name="da"/>.</summary>
    public static void Backward<T>(ActivationKind kind, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (da.Length != dz.Length || (kind is ActivationKind.Relu or ActivationKind.LeakyRelu ? z.Length : kind is ActivationKind.Identity ? dz.Length : a.Length) != dz.Length)
        {
            throw new ArgumentException($"Z, A, dA and dZ must have the same length (dZ has {dz.Length})", nameof(dz));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Backward<T, Vector512<T>, Simd512<T>>(kind, z, a, da, dz, slope);
        }
        else
        {
            Backward<T, Vector256<T>, Simd256<T>>(kind, z, a, da, dz, slope);
        }
    }

    /// <summary>tanh with full relative accuracy (a few ulps at every magnitude, including tiny z).</summary>
    public static void Tanh<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Forward(ActivationKind.Tanh, z, a, T.Zero);

    private static void Forward<T, TV, TOps>(ActivationKind kind, Span<T> z, T? bias, Span<T> a, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        switch (kind)
        {
            case ActivationKind.Sigmoid:
                Map<T, TV, TOps, SigmoidOp<T, TV, TOps>>(z, bias, a, slope);
                break;
            case ActivationKind.Tanh:
                Map<T, TV, TOps, TanhOp<T, TV, TOps>>(z, bias, a, slope);
                break;
            case ActivationKind.Relu:
                Map<T, TV, TOps, ReluOp<T, TV, TOps>>(z, bias, a, slope);
                break;
            case ActivationKind.LeakyRelu:
                Map<T, TV, TOps, LeakyReluOp<T, TV, TOps>>(z, bias, a, slope);
                break;
            default:
                Map<T, TV, TOps, IdentityOp<T, TV>>(z, bias, a, slope);
                break;
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
        where TG : struct, IVectorFunction<TV>
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

            TOps.Store(TG.Apply(x, vs), ref Unsafe.Add(ref ar, i));
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

            TOps.Store(TG.Apply(x, vs), ref br);
            buffer[..(n - i)].CopyTo(a[i..]);
        }
    }

    private static void Backward<T, TV, TOps>(ActivationKind kind, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        switch (kind)
        {
            case ActivationKind.Sigmoid:
                Zip<T, TV, TOps, SigmoidOp<T, TV, TOps>>(a, da, dz, slope);
                break;
            case ActivationKind.Tanh:
                Zip<T, TV, TOps, TanhOp<T, TV, TOps>>(a, da, dz, slope);
                break;
            case ActivationKind.Relu:
                Zip<T, TV, TOps, ReluOp<T, TV, TOps>>(z, da, dz, slope);
                break;
            case ActivationKind.LeakyRelu:
                Zip<T, TV, TOps, LeakyReluOp<T, TV, TOps>>(z, da, dz, slope);
                break;
            default:
                da.CopyTo(dz);
                break;
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
        where TG : struct, IVectorFunction<TV>
    {
        int w = TOps.Count, n = dz.Length, i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dar = ref MemoryMarshal.GetReference(da);
        ref T dzr = ref MemoryMarshal.GetReference(dz);
        TV vs = TOps.Broadcast(slope);
        for (; i + w <= n; i += w)
        {
            TV g = TG.Backward(TOps.Load(in Unsafe.Add(ref xr, i)), TOps.Load(in Unsafe.Add(ref dar, i)), vs);
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
            TOps.Store(TG.Backward(TOps.Load(in br), TOps.Load(in Unsafe.Add(ref br, 64)), vs), ref br);
            buffer[..(n - i)].CopyTo(dz[i..]);
        }
    }
}

/// <summary>An activation on whole vectors: g, and da ∗ g' from the value the derivative is written in.</summary>
/// <typeparam name="TV">The vector type.</typeparam>
internal interface IVectorFunction<TV>
    where TV : struct
{
    /// <summary>g(z); <paramref name="slope"/> is the leaky ReLU's (unused by the others).</summary>
    static abstract TV Apply(TV z, TV slope);

    /// <summary>da ∗ g', given a = g(z) (sigmoid, tanh) or z (ReLU, leaky ReLU).</summary>
    static abstract TV Backward(TV x, TV da, TV slope);
}

internal readonly struct IdentityOp<T, TV> : IVectorFunction<TV>
    where TV : struct
{
    public static TV Apply(TV z, TV slope) => z;

    public static TV Backward(TV x, TV da, TV slope) => da;
}

/// <summary>σ(z) = 1 / (1 + e^(−z)); dz = (da ∗ a) ∗ (1 − a).</summary>
internal readonly struct SigmoidOp<T, TV, TOps> : IVectorFunction<TV>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TV : struct
    where TOps : struct, IVectorOps<TV, T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply(TV z, TV slope)
    {
        // Below −709 (double) or −88 (float) e^(−z) would overflow, σ rounds to 0 or to a subnormal, and the vector exp
        // takes a slow scalar path: z is capped there and the result set to 0, as 1/(1 + ∞) gives.
        TV one = TOps.Broadcast(T.One);
        TV low = TOps.Broadcast(T.CreateTruncating(typeof(T) == typeof(float) ? -88 : -709));
        TV a = TOps.Divide(one, TOps.Add(one, VectorExp.Exp<T, TV, TOps>(TOps.Subtract(TOps.Zero, TOps.MaxBound(z, low)))));
        return TOps.Select(TOps.LessThan(z, low), TOps.Zero, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward(TV a, TV da, TV slope) =>
        TOps.Multiply(TOps.Multiply(da, a), TOps.Subtract(TOps.Broadcast(T.One), a));
}

/// <summary>
/// tanh with full relative accuracy, one formula for every z: tanh |z| = (1 − e^(−2|z|)) / (1 + e^(−2|z|)), numerator
/// and denominator each one FMA from <see cref="VectorExp.Split"/>, which keeps e^(−2|z|) − 1 accurate near 0 (tiny z
/// give tanh z = z exactly) and never overflows; the sign is z's. Within 3 ulps of Math.Tanh. dz = da ∗ (1 − a²).
/// </summary>
internal readonly struct TanhOp<T, TV, TOps> : IVectorFunction<TV>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TV : struct
    where TOps : struct, IVectorOps<TV, T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply(TV z, TV slope)
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
    public static TV Backward(TV a, TV da, TV slope) =>
        TOps.Multiply(da, TOps.Subtract(TOps.Broadcast(T.One), TOps.Multiply(a, a)));
}

/// <summary>ReLU(z) = max(0, z) (IEEE: NaN stays NaN, −0 gives +0); dz = da where z &gt; 0, else 0.</summary>
internal readonly struct ReluOp<T, TV, TOps> : IVectorFunction<TV>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TV : struct
    where TOps : struct, IVectorOps<TV, T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply(TV z, TV slope) => TOps.Max(TOps.Zero, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward(TV z, TV da, TV slope) => TOps.Select(TOps.GreaterThan(z, TOps.Zero), da, TOps.Zero);
}

/// <summary>Leaky ReLU(z) = z if z &gt; 0 else slope·z; dz = da where z &gt; 0, else slope·da.</summary>
internal readonly struct LeakyReluOp<T, TV, TOps> : IVectorFunction<TV>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TV : struct
    where TOps : struct, IVectorOps<TV, T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply(TV z, TV slope) => TOps.Select(TOps.GreaterThan(z, TOps.Zero), z, TOps.Multiply(z, slope));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward(TV z, TV da, TV slope) => TOps.Select(TOps.GreaterThan(z, TOps.Zero), da, TOps.Multiply(da, slope));
}
