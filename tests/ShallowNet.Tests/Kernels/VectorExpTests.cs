using System.Runtime.Intrinsics;
using ShallowNet.Kernels;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// The inlined vector exp of the sigmoid and tanh kernels against Math.Exp (glibc, correctly rounded in practice),
/// at 256 and 512 bits, in double and float, over its whole range and at its ends.
/// </summary>
public class VectorExpTests
{
    [Fact]
    public void Double_within_two_ulps_of_math_exp_over_the_whole_range()
    {
        double[] x = Points(-708, 709, 200_000, seed: 11);
        foreach (var (name, exp) in DoubleKernels())
        {
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Exp(x[i]), actual = exp(x[i]);
                long ulps = NumericAssert.Ulps(expected, actual);
                Assert.True(ulps <= 2, $"{name}: exp({x[i]:R}) = {actual:R}, Math.Exp gives {expected:R} ({ulps} ulps)");
            }
        }
    }

    [Fact]
    public void Float_within_two_ulps_of_the_rounded_exp_over_the_whole_range()
    {
        double[] x = Points(-87, 88, 200_000, seed: 12);
        foreach (var (name, exp) in FloatKernels())
        {
            foreach (double xd in x)
            {
                float xi = (float)xd;
                float expected = (float)Math.Exp(xi), actual = exp(xi);
                long ulps = NumericAssert.Ulps(expected, actual);
                Assert.True(ulps <= 2, $"{name}: exp({xi:R}) = {actual:R}, expected {expected:R} ({ulps} ulps)");
            }
        }
    }

    [Fact]
    public void Exact_at_zero_and_at_the_ends_of_the_range()
    {
        foreach (var (name, exp) in DoubleKernels())
        {
            Assert.True(exp(0) == 1, name);
            Assert.True(exp(-0.0) == 1, name);
            Assert.True(NumericAssert.Ulps(Math.Exp(709), exp(709)) <= 2, name);
            Assert.True(NumericAssert.Ulps(Math.Exp(-708), exp(-708)) <= 2, name);

            // below the range: raised to e^−708 (a normal number the callers only add to 1), never garbage or NaN
            Assert.Equal(exp(-708), exp(-745));
            Assert.Equal(exp(-708), exp(double.NegativeInfinity));
            Assert.True(double.IsNaN(exp(double.NaN)), name);
        }

        foreach (var (name, exp) in FloatKernels())
        {
            Assert.True(exp(0f) == 1f, name);
            Assert.Equal(exp(-87f), exp(float.NegativeInfinity));
            Assert.True(float.IsNaN(exp(float.NaN)), name);
        }
    }

    private static double[] Points(double from, double to, int count, uint seed)
    {
        var r = new NumpyRandom(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = from + ((to - from) * r.NextDouble());
        }

        // small magnitudes, where e^x ≈ 1 + x, and the points where k = round(x / ln 2) changes
        for (int i = 0; i < 1000; i++)
        {
            x[i] = (r.NextDouble() - 0.5) * Math.Pow(2, -30 + (i % 30));
            double boundary = ((i - 500) + 0.5) * Math.Log(2);
            if (boundary >= from && boundary <= to)
            {
                x[1000 + i] = boundary;
            }
        }

        return x;
    }

    private static IEnumerable<(string Name, Func<double, double> Exp)> DoubleKernels()
    {
        yield return ("128-bit", x => VectorExp.Exp<double, Vector128<double>, Simd128<double>>(Vector128.Create(x)).GetElement(1));
        yield return ("256-bit", x => VectorExp.Exp<double, Vector256<double>, Simd256<double>>(Vector256.Create(x)).GetElement(3));
        if (Vector512.IsHardwareAccelerated)
        {
            yield return ("512-bit", x => VectorExp.Exp<double, Vector512<double>, Simd512<double>>(Vector512.Create(x)).GetElement(5));
        }
    }

    private static IEnumerable<(string Name, Func<float, float> Exp)> FloatKernels()
    {
        yield return ("128-bit", x => VectorExp.Exp<float, Vector128<float>, Simd128<float>>(Vector128.Create(x)).GetElement(1));
        yield return ("256-bit", x => VectorExp.Exp<float, Vector256<float>, Simd256<float>>(Vector256.Create(x)).GetElement(3));
        if (Vector512.IsHardwareAccelerated)
        {
            yield return ("512-bit", x => VectorExp.Exp<float, Vector512<float>, Simd512<float>>(Vector512.Create(x)).GetElement(11));
        }
    }
}
