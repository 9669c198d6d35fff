using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Kernels;

/// <summary>
/// The optimizers' elementwise updates, vectorised. Each lane computes exactly the scalar expression of the rule, with
/// the same operations in the same order and a separate multiply and add (never a fused multiply-add), so the results
/// are bit-identical to the scalar loops (and to NumPy's elementwise code) on every width, tails included.
/// </summary>
internal static class UpdateKernels
{
    /// <summary>θ := θ − α·dθ.</summary>
    public static void GradientDescent<T>(Span<T> theta, ReadOnlySpan<T> d, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(theta.Length, d.Length);
        if (VectorWidth.Bits == 512)
        {
            Sgd<T, Vector512<T>, Simd512<T>>(theta, d, alpha);
        }
        else if (VectorWidth.Bits == 256)
        {
            Sgd<T, Vector256<T>, Simd256<T>>(theta, d, alpha);
        }
        else
        {
            Sgd<T, Vector128<T>, Simd128<T>>(theta, d, alpha);
        }
    }

    /// <summary>v := β·v + (1 − β)·dθ; θ := θ − α·v, or with <paramref name="nesterov"/> θ := θ − α·(β·v + (1 − β)·dθ).</summary>
    public static void Momentum<T>(Span<T> theta, ReadOnlySpan<T> d, Span<T> v, T beta, T oneMinusBeta, T alpha, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(theta.Length, d.Length, v.Length);
        if (VectorWidth.Bits == 512)
        {
            Momentum<T, Vector512<T>, Simd512<T>>(theta, d, v, beta, oneMinusBeta, alpha, nesterov);
        }
        else if (VectorWidth.Bits == 256)
        {
            Momentum<T, Vector256<T>, Simd256<T>>(theta, d, v, beta, oneMinusBeta, alpha, nesterov);
        }
        else
        {
            Momentum<T, Vector128<T>, Simd128<T>>(theta, d, v, beta, oneMinusBeta, alpha, nesterov);
        }
    }

    /// <summary>s := β·s + (1 − β)·dθ²; θ := θ − α·dθ / (√s + ε).</summary>
    public static void RmsProp<T>(Span<T> theta, ReadOnlySpan<T> d, Span<T> s, T beta, T oneMinusBeta, T alpha, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(theta.Length, d.Length, s.Length);
        if (VectorWidth.Bits == 512)
        {
            RmsProp<T, Vector512<T>, Simd512<T>>(theta, d, s, beta, oneMinusBeta, alpha, eps);
        }
        else if (VectorWidth.Bits == 256)
        {
            RmsProp<T, Vector256<T>, Simd256<T>>(theta, d, s, beta, oneMinusBeta, alpha, eps);
        }
        else
        {
            RmsProp<T, Vector128<T>, Simd128<T>>(theta, d, s, beta, oneMinusBeta, alpha, eps);
        }
    }

    /// <summary>m := β₁·m + (1 − β₁)·dθ; v := β₂·v + (1 − β₂)·dθ²; θ := θ − α·(m / c₁) / (√(v / c₂) + ε).</summary>
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> d, Span<T> m, Span<T> v, in AdamConstants<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(theta.Length, d.Length, m.Length, v.Length);
        if (VectorWidth.Bits == 512)
        {
            Adam<T, Vector512<T>, Simd512<T>>(theta, d, m, v, in k);
        }
        else if (VectorWidth.Bits == 256)
        {
            Adam<T, Vector256<T>, Simd256<T>>(theta, d, m, v, in k);
        }
        else
        {
            Adam<T, Vector128<T>, Simd128<T>>(theta, d, m, v, in k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sgd<T, TV, TOps>(Span<T> theta, ReadOnlySpan<T> d, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(d);
        int n = theta.Length, w = TOps.Count, i = 0;
        TV va = TOps.Broadcast(alpha);
        for (; i <= n - w; i += w)
        {
            TV gi = TOps.Load(in Unsafe.Add(ref g, i));
            TOps.Store(TOps.Subtract(TOps.Load(in Unsafe.Add(ref t, i)), TOps.Multiply(va, gi)), ref Unsafe.Add(ref t, i));
        }

        for (; i < n; i++)
        {
            GradientStep.Descend(ref Unsafe.Add(ref t, i), Unsafe.Add(ref g, i), alpha);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Momentum<T, TV, TOps>(Span<T> theta, ReadOnlySpan<T> d, Span<T> v, T beta, T oneMinusBeta, T alpha, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(d);
        ref T vel = ref MemoryMarshal.GetReference(v);
        int n = theta.Length, w = TOps.Count, i = 0;
        TV vb = TOps.Broadcast(beta), vomb = TOps.Broadcast(oneMinusBeta), va = TOps.Broadcast(alpha);
        for (; i <= n - w; i += w)
        {
            TV gi = TOps.Load(in Unsafe.Add(ref g, i));
            TV vi = TOps.Add(TOps.Multiply(vb, TOps.Load(in Unsafe.Add(ref vel, i))), TOps.Multiply(vomb, gi));
            TOps.Store(vi, ref Unsafe.Add(ref vel, i));
            TV step = nesterov ? TOps.Add(TOps.Multiply(vb, vi), TOps.Multiply(vomb, gi)) : vi;
            TOps.Store(TOps.Subtract(TOps.Load(in Unsafe.Add(ref t, i)), TOps.Multiply(va, step)), ref Unsafe.Add(ref t, i));
        }

        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref g, i);
            T vi = (beta * Unsafe.Add(ref vel, i)) + (oneMinusBeta * gi);
            Unsafe.Add(ref vel, i) = vi;
            T step = nesterov ? (beta * vi) + (oneMinusBeta * gi) : vi;
            Unsafe.Add(ref t, i) -= alpha * step;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RmsProp<T, TV, TOps>(Span<T> theta, ReadOnlySpan<T> d, Span<T> s, T beta, T oneMinusBeta, T alpha, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(d);
        ref T sq = ref MemoryMarshal.GetReference(s);
        int n = theta.Length, w = TOps.Count, i = 0;
        TV vb = TOps.Broadcast(beta), vomb = TOps.Broadcast(oneMinusBeta), va = TOps.Broadcast(alpha), ve = TOps.Broadcast(eps);
        for (; i <= n - w; i += w)
        {
            TV gi = TOps.Load(in Unsafe.Add(ref g, i));
            TV si = TOps.Add(TOps.Multiply(vb, TOps.Load(in Unsafe.Add(ref sq, i))), TOps.Multiply(vomb, TOps.Multiply(gi, gi)));
            TOps.Store(si, ref Unsafe.Add(ref sq, i));
            TV step = TOps.Divide(TOps.Multiply(va, gi), TOps.Add(TOps.Sqrt(si), ve));
            TOps.Store(TOps.Subtract(TOps.Load(in Unsafe.Add(ref t, i)), step), ref Unsafe.Add(ref t, i));
        }

        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref g, i);
            T si = (beta * Unsafe.Add(ref sq, i)) + (oneMinusBeta * (gi * gi));
            Unsafe.Add(ref sq, i) = si;
            Unsafe.Add(ref t, i) -= alpha * gi / (T.Sqrt(si) + eps);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Adam<T, TV, TOps>(Span<T> theta, ReadOnlySpan<T> d, Span<T> m, Span<T> v, in AdamConstants<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        ref T t = ref MemoryMarshal.GetReference(theta);
        ref T g = ref MemoryMarshal.GetReference(d);
        ref T mr = ref MemoryMarshal.GetReference(m);
        ref T vr = ref MemoryMarshal.GetReference(v);
        int n = theta.Length, w = TOps.Count, i = 0;
        TV b1 = TOps.Broadcast(k.Beta1), omb1 = TOps.Broadcast(k.OneMinusBeta1), b2 = TOps.Broadcast(k.Beta2), omb2 = TOps.Broadcast(k.OneMinusBeta2);
        TV c1 = TOps.Broadcast(k.Correction1), c2 = TOps.Broadcast(k.Correction2), va = TOps.Broadcast(k.Alpha), ve = TOps.Broadcast(k.Epsilon);
        for (; i <= n - w; i += w)
        {
            TV gi = TOps.Load(in Unsafe.Add(ref g, i));
            TV mi = TOps.Add(TOps.Multiply(b1, TOps.Load(in Unsafe.Add(ref mr, i))), TOps.Multiply(omb1, gi));
            TV vi = TOps.Add(TOps.Multiply(b2, TOps.Load(in Unsafe.Add(ref vr, i))), TOps.Multiply(omb2, TOps.Multiply(gi, gi)));
            TOps.Store(mi, ref Unsafe.Add(ref mr, i));
            TOps.Store(vi, ref Unsafe.Add(ref vr, i));
            TV mHat = TOps.Divide(mi, c1);
            TV vHat = TOps.Divide(vi, c2);
            TV step = TOps.Divide(TOps.Multiply(va, mHat), TOps.Add(TOps.Sqrt(vHat), ve));
            TOps.Store(TOps.Subtract(TOps.Load(in Unsafe.Add(ref t, i)), step), ref Unsafe.Add(ref t, i));
        }

        for (; i < n; i++)
        {
            T gi = Unsafe.Add(ref g, i);
            T mi = (k.Beta1 * Unsafe.Add(ref mr, i)) + (k.OneMinusBeta1 * gi);
            T vi = (k.Beta2 * Unsafe.Add(ref vr, i)) + (k.OneMinusBeta2 * (gi * gi));
            Unsafe.Add(ref mr, i) = mi;
            Unsafe.Add(ref vr, i) = vi;
            T mHat = mi / k.Correction1;
            T vHat = vi / k.Correction2;
            Unsafe.Add(ref t, i) -= k.Alpha * mHat / (T.Sqrt(vHat) + k.Epsilon);
        }
    }

    private static void Check(int n, params ReadOnlySpan<int> others)
    {
        foreach (int o in others)
        {
            if (o != n)
            {
                throw new ArgumentException($"parameter, gradient and state lengths differ ({n} and {o})");
            }
        }
    }
}

/// <summary>Adam's per-step scalars: β₁, 1 − β₁, β₂, 1 − β₂, the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, α and ε.</summary>
internal readonly record struct AdamConstants<T>(T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T Correction1, T Correction2, T Alpha, T Epsilon)
    where T : unmanaged;
