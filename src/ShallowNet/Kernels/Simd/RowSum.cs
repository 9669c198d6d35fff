using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Kernels;

/// <summary>
/// Σ x[i] over a span, in one order that we define, the same on every CPU and vector width (db = (1/m) Σ_columns dZ
/// sums its rows here, and the fused epoch reproduces it, so "same bits" rests on this file and no package's loop):
/// <list type="number">
/// <item>P = 64 bytes / sizeof(T) partial sums (P = 16 for float, 8 for double), s[0..P−1], each starting at +0;</item>
/// <item>x[i] is added to s[i mod P], i ascending: s[r] = ((0 + x[r]) + x[r + P]) + x[r + 2P] + …;</item>
/// <item>the partial sums folded in halves: for h = P/2, P/4, …, 1, s[r] = s[r] + s[r + h] for r &lt; h; the sum is s[0].</item>
/// </list>
/// One Vector512 holds the P partial sums where AVX-512 is accelerated, two Vector256 (lanes 0..P/2−1, P/2..P−1) or four
/// Vector128 elsewhere; the last n mod P values are added lane by lane. Every path performs the same additions, so every
/// width gives the same bits (the tests pin this order against a plain loop).
/// </summary>
internal static class RowSum
{
    /// <summary>P, the number of partial sums: 64 bytes of T (16 floats, 8 doubles).</summary>
    public static int Lanes<T>()
        where T : unmanaged
        => 64 / Unsafe.SizeOf<T>();

    /// <summary>Σ x[i] in the order above.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = Lanes<T>(), n = x.Length, i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        Span<T> s = stackalloc T[16];
        ref T sr = ref MemoryMarshal.GetReference(s);
        if (Vector512.IsHardwareAccelerated)
        {
            var s0 = Vector512<T>.Zero;
            for (; i + p <= n; i += p)
            {
                s0 += Vector512.LoadUnsafe(ref xr, (nuint)i);
            }

            s0.StoreUnsafe(ref sr);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            int q = Vector256<T>.Count;
            Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero;
            for (; i + p <= n; i += p)
            {
                s0 += Vector256.LoadUnsafe(ref xr, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref xr, (nuint)(i + q));
            }

            s0.StoreUnsafe(ref sr);
            s1.StoreUnsafe(ref sr, (nuint)q);
        }
        else
        {
            int q = Vector128<T>.Count;
            Vector128<T> s0 = Vector128<T>.Zero, s1 = Vector128<T>.Zero, s2 = Vector128<T>.Zero, s3 = Vector128<T>.Zero;
            for (; i + p <= n; i += p)
            {
                s0 += Vector128.LoadUnsafe(ref xr, (nuint)i);
                s1 += Vector128.LoadUnsafe(ref xr, (nuint)(i + q));
                s2 += Vector128.LoadUnsafe(ref xr, (nuint)(i + (2 * q)));
                s3 += Vector128.LoadUnsafe(ref xr, (nuint)(i + (3 * q)));
            }

            s0.StoreUnsafe(ref sr);
            s1.StoreUnsafe(ref sr, (nuint)q);
            s2.StoreUnsafe(ref sr, (nuint)(2 * q));
            s3.StoreUnsafe(ref sr, (nuint)(3 * q));
        }

        for (int r = 0; i < n; i++, r++)
        {
            Unsafe.Add(ref sr, r) += Unsafe.Add(ref xr, i);      // the tail: i ≡ r (mod P), i ascending
        }

        return Fold(s[..p]);
    }

    /// <summary>
    /// The last step: the P partial sums s[0..P−1] folded in halves (s[r] += s[r + h] for h = P/2, …, 1), overwriting
    /// <paramref name="partials"/>; returns s[0].
    /// </summary>
    public static T Fold<T>(Span<T> partials)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (partials.Length != Lanes<T>())
        {
            throw new ArgumentException($"expected {Lanes<T>()} partial sums, got {partials.Length}", nameof(partials));
        }

        for (int h = partials.Length / 2; h >= 1; h /= 2)
        {
            for (int r = 0; r < h; r++)
            {
                partials[r] += partials[r + h];
            }
        }

        return partials[0];
    }
}
