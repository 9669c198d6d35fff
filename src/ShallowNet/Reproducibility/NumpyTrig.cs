namespace ShallowNet.Reproducibility;

/// <summary>
/// Double-precision sine and cosine that return exactly the bits NumPy returns for <c>np.sin</c> and <c>np.cos</c>
/// on float64 arrays when NumPy runs its AVX-512 (SKX) loops, which call Intel's SVML "low accuracy" kernels
/// <c>__svml_sin8</c> and <c>__svml_cos8</c> (verified against NumPy 1.24.2 on AMD Zen 4). Source of the algorithm:
/// Intel SVML as vendored by NumPy (<c>numpy/SVML</c>, <c>linux/avx512/svml_z0_sin_d_la.s</c> and
/// <c>svml_z0_cos_d_la.s</c>, Copyright Intel Corporation, BSD-3-Clause).
/// These results differ from glibc's <c>sin</c>/<c>cos</c> (what <see cref="Math.Sin"/> and
/// <see cref="Math.Cos"/> call) by about one ulp on many inputs.
/// </summary>
/// <remarks>
/// <para>
/// This is an independent C# transcription of SVML's fast path, one lane at a time: the same constants (given here
/// as bit patterns), the same three-part Cody–Waite reduction by π, the same odd polynomial and the same sequence of
/// fused multiply-adds (<see cref="Math.FusedMultiplyAdd"/> exactly where SVML uses <c>vfmadd</c>/<c>vfnmadd</c>/
/// <c>vfmsub</c>, plain products and sums elsewhere), so every intermediate is rounded identically.
/// </para>
/// <para>
/// Range of exactness: <see cref="Sin"/> is bit-exact for <c>|x| ≤ 2^24</c> and <see cref="Cos"/> for
/// <c>floor(|x|·(1/π)) ≤ 8388606</c> (about <c>|x| ≤ 2.635e7</c>), i.e. wherever SVML itself takes the fast path.
/// Beyond that SVML switches to a table-driven Payne–Hanek reduction that is not reproduced here; those arguments,
/// and infinities and NaNs, fall back to <see cref="Math.Sin"/>/<see cref="Math.Cos"/>, which agree to within a few
/// ulps but not necessarily bit for bit (for infinities and NaNs only the NaN payload or sign may differ).
/// </para>
/// </remarks>
internal static class NumpyTrig
{
    // Shared reduction constants (identical in both kernels).
    private static readonly double InvPi = BitConverter.Int64BitsToDouble(0x3FD45F306DC9C883); // 1/π
    private static readonly double Pi1 = BitConverter.Int64BitsToDouble(0x400921FB54442D18);   // π, leading part
    private static readonly double Pi2 = BitConverter.Int64BitsToDouble(0x3CA1A62633145C06);   // π, second part
    private static readonly double Pi3 = BitConverter.Int64BitsToDouble(0x395C1CD129024E09);   // π, third part

    // __svml_sin8: round-to-nearest shifter 1.5·2^52 and the fast-path limit |x| <= 2^24.
    private static readonly double SinShifter = BitConverter.Int64BitsToDouble(0x4338000000000000);
    private static readonly double SinRangeVal = BitConverter.Int64BitsToDouble(0x4170000000000000);

    // __svml_sin8 polynomial: sin(r) ≈ r + r^3·(S1 + r²·(S2 + ... + r²·S7)).
    private static readonly double S1 = BitConverter.Int64BitsToDouble(unchecked((long)0xBFC55555555554A8));
    private static readonly double S2 = BitConverter.Int64BitsToDouble(0x3F8111111110A573);
    private static readonly double S3 = BitConverter.Int64BitsToDouble(unchecked((long)0xBF2A01A019A659DD));
    private static readonly double S4 = BitConverter.Int64BitsToDouble(0x3EC71DE3806ADD1A);
    private static readonly double S5 = BitConverter.Int64BitsToDouble(unchecked((long)0xBE5AE6355AAA4A53));
    private static readonly double S6 = BitConverter.Int64BitsToDouble(0x3DE60E6BEE01D83E);
    private static readonly double S7 = BitConverter.Int64BitsToDouble(unchecked((long)0xBD69F1517E9F65F0));

    // __svml_cos8: truncating shifter 2^52, the half-step 2^52 - 0.5, the tiny-argument limit 2^-27 and the
    // fast-path limit on N = floor(|x|/π).
    private static readonly double CosShifter = BitConverter.Int64BitsToDouble(0x4330000000000000);
    private static readonly double CosShifterMinusHalf = BitConverter.Int64BitsToDouble(0x432FFFFFFFFFFFFF);
    private static readonly double CosTiny = BitConverter.Int64BitsToDouble(0x3E40000000000000);
    private const double CosMaxN = 8388606.0;

    // __svml_cos8 polynomial (its own coefficients, slightly different from the sine's).
    private static readonly double K1 = BitConverter.Int64BitsToDouble(unchecked((long)0xBFC55555555554A7));
    private static readonly double K2 = BitConverter.Int64BitsToDouble(0x3F8111111110A4A8);
    private static readonly double K3 = BitConverter.Int64BitsToDouble(unchecked((long)0xBF2A01A019A5B87B));
    private static readonly double K4 = BitConverter.Int64BitsToDouble(0x3EC71DE38030FEA0);
    private static readonly double K5 = BitConverter.Int64BitsToDouble(unchecked((long)0xBE5AE63546002231));
    private static readonly double K6 = BitConverter.Int64BitsToDouble(0x3DE60E6857A2F220);
    private static readonly double K7 = BitConverter.Int64BitsToDouble(unchecked((long)0xBD69F0D60811AAC8));

    /// <summary>
    /// The sine of <paramref name="x"/> (radians), bit-identical to NumPy's float64 <c>np.sin</c> on AVX-512
    /// (SVML <c>__svml_sin8</c>) for <c>|x| ≤ 2^24</c>; larger arguments, infinities and NaNs use
    /// <see cref="Math.Sin"/>.
    /// </summary>
    /// <param name="x">The angle in radians.</param>
    /// <returns>The sine of <paramref name="x"/>.</returns>
    public static double Sin(double x)
    {
        // SVML sends |x| > 2^24 (and NaN) to its long reduction; that path is not reproduced.
        if (!(Math.Abs(x) <= SinRangeVal))
        {
            return Math.Sin(x);
        }

        // x = N·π + R with N = round(x/π): the shifter puts N in the low mantissa bits; its parity is the sign.
        double shifted = Math.FusedMultiplyAdd(x, InvPi, SinShifter);
        long sign = BitConverter.DoubleToInt64Bits(shifted) << 63;
        if (x == 0.0)
        {
            // SVML's "x == -0.0" mask (true for both zeros) folds the argument's own sign in.
            sign ^= BitConverter.DoubleToInt64Bits(x);
        }

        double n = shifted - SinShifter;
        double r = Math.FusedMultiplyAdd(-n, Pi1, x);
        r = Math.FusedMultiplyAdd(-n, Pi2, r);
        double r2 = r * r;                           // squared before the third correction, as SVML does
        r = Math.FusedMultiplyAdd(-n, Pi3, r);

        double p = Math.FusedMultiplyAdd(S7, r2, S6);
        double r3 = r * r2;
        p = Math.FusedMultiplyAdd(r2, p, S5);
        p = Math.FusedMultiplyAdd(r2, p, S4);
        p = Math.FusedMultiplyAdd(r2, p, S3);
        p = Math.FusedMultiplyAdd(r2, p, S2);
        p = Math.FusedMultiplyAdd(r2, p, S1);
        double result = Math.FusedMultiplyAdd(r3, p, r);

        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(result) ^ sign);
    }

    /// <summary>
    /// The cosine of <paramref name="x"/> (radians), bit-identical to NumPy's float64 <c>np.cos</c> on AVX-512
    /// (SVML <c>__svml_cos8</c>) for <c>floor(|x|/π) ≤ 8388606</c> (about <c>|x| ≤ 2.635e7</c>); larger
    /// arguments, infinities and NaNs use <see cref="Math.Cos"/>.
    /// </summary>
    /// <param name="x">The angle in radians.</param>
    /// <returns>The cosine of <paramref name="x"/>.</returns>
    public static double Cos(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax <= 1e9))
        {
            return Math.Cos(x);
        }

        // SVML computes |x|·(1/π) + 2^52 in one FMA rounded toward zero, giving 2^52 + floor(|x|·(1/π)).
        // Emulate it: round to nearest, then step down when the exact product lies below the rounded integer
        // (the sign of a once-rounded FMA residual is the sign of the exact residual).
        double nearest = Math.FusedMultiplyAdd(ax, InvPi, CosShifter) - CosShifter;
        double floorN = Math.FusedMultiplyAdd(ax, InvPi, -nearest) < 0.0 ? nearest - 1.0 : nearest;
        if (floorN > CosMaxN)
        {
            // SVML's long-reduction path: not reproduced.
            return Math.Cos(x);
        }

        double shifted = CosShifter + floorN;        // exact, as in SVML's register
        long sign = BitConverter.DoubleToInt64Bits(shifted) << 63;
        double nHalf = shifted - CosShifterMinusHalf; // N + 0.5, exact

        // cos|x| = (-1)^N · sin(R) with R = (N + 0.5)·π - |x|.
        double r = Math.FusedMultiplyAdd(nHalf, Pi1, -ax);
        r = Math.FusedMultiplyAdd(Pi2, nHalf, r);
        double r2 = r * r;                            // squared before the third correction, as SVML does
        r = Math.FusedMultiplyAdd(Pi3, nHalf, r);

        double p = Math.FusedMultiplyAdd(K7, r2, K6);
        p = Math.FusedMultiplyAdd(r2, p, K5);
        p = Math.FusedMultiplyAdd(r2, p, K4);
        p = Math.FusedMultiplyAdd(r2, p, K3);
        double rs = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(r) ^ sign);
        p = Math.FusedMultiplyAdd(r2, p, K2);
        double r3 = rs * r2;
        p = Math.FusedMultiplyAdd(r2, p, K1);
        double result = Math.FusedMultiplyAdd(r3, p, rs);

        // SVML returns exactly 1.0 for |x| < 2^-27.
        return ax < CosTiny ? 1.0 : result;
    }
}
