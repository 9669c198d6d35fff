using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShallowNet.Kernels;

/// <summary>
/// e^x on whole vectors (and, for tanh, split so that e^x ± 1 keep their accuracy), inlined into the sigmoid and tanh
/// kernels. The library's Vector512.Exp is a call that the JIT does not inline, and every vector register live across
/// it is spilled to the stack and reloaded: in the lesson's network that was half the time of the tanh pass.
/// <para>
/// Cody–Waite reduction: x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2, so e^x = 2^k · e^r. One FMA
/// t = x·log₂e + (1.5·2^p + bias) rounds to the nearest k and leaves k + bias in the low bits of t (p = 52 in double,
/// 23 in float); shifting those bits into the exponent field gives 2^k without a conversion. e^r is its Taylor
/// polynomial, degree 13 in double (truncation below 5e-18 at |r| = ln 2 / 2) and 7 in float (below 6e-9), by Estrin's scheme.
/// About 1 ulp for x in [−708, 709] (float [−87, 88]). Below that range x is raised to its lower end (e^−708 ≈ 3e-308,
/// which the callers only add to 1); callers keep x at most at the upper end. NaN stays NaN.
/// </para>
/// </summary>
internal static class VectorExp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<T, TV, TOps>(TV x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        bool single = typeof(T) == typeof(float);
        x = TOps.MaxBound(x, TOps.Broadcast(T.CreateTruncating(single ? -87.0 : -708.0)));
        var (twoToK, r) = Reduce<T, TV, TOps>(x);

        // e^r = Σ_{n=0..N} rⁿ/n! (the reciprocals of n! are folded by the compiler). The loops that call this are
        // bound by latency, not by throughput: Estrin's scheme (pairs, then r², r⁴, r⁸) is 4 FMAs deep, Horner's 13.
        TV p;
        if (single)
        {
            TV r2 = TOps.Multiply(r, r);
            TV p01 = TOps.MultiplyAdd(r, C(1), C(1));
            TV p23 = TOps.MultiplyAdd(r, C(1.0 / 6), C(0.5));
            TV p45 = TOps.MultiplyAdd(r, C(1.0 / 120), C(1.0 / 24));
            TV p67 = TOps.MultiplyAdd(r, C(1.0 / 5040), C(1.0 / 720));
            TV r4 = TOps.Multiply(r2, r2);
            p = TOps.MultiplyAdd(TOps.MultiplyAdd(p67, r2, p45), r4, TOps.MultiplyAdd(p23, r2, p01));
        }
        else
        {
            TV r2 = TOps.Multiply(r, r);
            TV p01 = TOps.MultiplyAdd(r, C(1), C(1));
            TV p23 = TOps.MultiplyAdd(r, C(1.0 / 6), C(0.5));
            TV p45 = TOps.MultiplyAdd(r, C(1.0 / 120), C(1.0 / 24));
            TV p67 = TOps.MultiplyAdd(r, C(1.0 / 5040), C(1.0 / 720));
            TV p89 = TOps.MultiplyAdd(r, C(1.0 / 362880), C(1.0 / 40320));
            TV p1011 = TOps.MultiplyAdd(r, C(1.0 / 39916800), C(1.0 / 3628800));
            TV p1213 = TOps.MultiplyAdd(r, C(1.0 / 6227020800), C(1.0 / 479001600));
            TV r4 = TOps.Multiply(r2, r2);
            TV p03 = TOps.MultiplyAdd(p23, r2, p01);
            TV p47 = TOps.MultiplyAdd(p67, r2, p45);
            TV p811 = TOps.MultiplyAdd(p1011, r2, p89);
            TV r8 = TOps.Multiply(r4, r4);
            TV p07 = TOps.MultiplyAdd(p47, r4, p03);
            TV p813 = TOps.MultiplyAdd(p1213, r4, p811);
            p = TOps.MultiplyAdd(p813, r8, p07);
        }

        return TOps.Multiply(p, twoToK);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TV C(double value) => TOps.Broadcast(T.CreateTruncating(value));
    }

    /// <summary>
    /// e^x = 2^k·e^r split into 2^k and e^r − 1, the latter with full relative accuracy (r + r²·Q(r), the 1 never
    /// added), for callers that need e^x − 1 or e^x + 1: each is then one FMA, 2^k·(e^r − 1) + (2^k ∓ 1), rounded once.
    /// For |x| &lt; ln 2 / 2, k = 0 and e^x − 1 is the polynomial itself, so tiny x give x exactly. x in [−40, 0]
    /// (callers cap it; NaN stays NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TV TwoToK, TV ExpRMinusOne) Split<T, TV, TOps>(TV x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        var (twoToK, r) = Reduce<T, TV, TOps>(x);
        TV r2 = TOps.Multiply(r, r);
        return (twoToK, TOps.MultiplyAdd(r2, Q<T, TV, TOps>(r, r2), r));
    }

    /// <summary>x = k·ln 2 + r with |r| ≤ ln 2 / 2: returns 2^k (built in the exponent bits) and r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TV TwoToK, TV R) Reduce<T, TV, TOps>(TV x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        bool single = typeof(T) == typeof(float);
        T magic = single ? T.CreateTruncating(12582912.0 + 127) : T.CreateTruncating(6755399441055744.0 + 1023);
        T log2e = T.CreateTruncating(1.4426950408889634);

        // ln 2 in two parts: k·ln2Hi is exact for the k that occur, ln2Lo carries the rest
        T ln2Hi = single ? T.CreateTruncating(0.693145751953125) : T.CreateTruncating(6.93147180369123816490e-01);
        T ln2Lo = single ? T.CreateTruncating(1.428606765330187045e-06) : T.CreateTruncating(1.90821492927058770002e-10);

        TV t = TOps.MultiplyAdd(x, TOps.Broadcast(log2e), TOps.Broadcast(magic));
        TV k = TOps.Subtract(t, TOps.Broadcast(magic));
        TV r = TOps.MultiplyAdd(k, TOps.Broadcast(-ln2Hi), x);
        r = TOps.MultiplyAdd(k, TOps.Broadcast(-ln2Lo), r);
        return (single ? TOps.ShiftLeftBits(t, 23) : TOps.ShiftLeftBits(t, 52), r);
    }

    /// <summary>Q(r) = Σ_{n=2..N} rⁿ⁻²/n! (N as in <see cref="Exp"/>), so that e^r − 1 = r + r²·Q(r); Estrin's scheme.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Q<T, TV, TOps>(TV r, TV r2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TV p23 = TOps.MultiplyAdd(r, C(1.0 / 6), C(0.5));
        TV p45 = TOps.MultiplyAdd(r, C(1.0 / 120), C(1.0 / 24));
        TV p67 = TOps.MultiplyAdd(r, C(1.0 / 5040), C(1.0 / 720));
        TV r4 = TOps.Multiply(r2, r2);
        if (typeof(T) == typeof(float))
        {
            return TOps.MultiplyAdd(p67, r4, TOps.MultiplyAdd(p45, r2, p23));
        }

        TV p89 = TOps.MultiplyAdd(r, C(1.0 / 362880), C(1.0 / 40320));
        TV p1011 = TOps.MultiplyAdd(r, C(1.0 / 39916800), C(1.0 / 3628800));
        TV p1213 = TOps.MultiplyAdd(r, C(1.0 / 6227020800), C(1.0 / 479001600));
        TV r8 = TOps.Multiply(r4, r4);
        TV p25 = TOps.MultiplyAdd(p45, r2, p23);
        TV p69 = TOps.MultiplyAdd(p89, r2, p67);
        TV p1013 = TOps.MultiplyAdd(p1213, r2, p1011);
        return TOps.MultiplyAdd(p1013, r8, TOps.MultiplyAdd(p69, r4, p25));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TV C(double value) => TOps.Broadcast(T.CreateTruncating(value));
    }
}
