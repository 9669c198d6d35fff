using System.Runtime.Intrinsics;
using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Activations;

/// <summary>
/// The tanh kernel itself at 256 and 512 bits, in double and float, against Math.Tanh on a dense sweep: uniform points,
/// small magnitudes, and the points where the exponential's k = round(−2|z| / ln 2) changes.
/// </summary>
public class TanhKernelTests
{
    [Fact]
    public void Double_kernel_is_within_four_ulps_of_Math_Tanh()
    {
        foreach (var (name, tanh) in DoubleKernels())
        {
            foreach (double z in Points(seed: 21))
            {
                double expected = Math.Tanh(z), actual = tanh(z);
                long ulps = NumericAssert.Ulps(expected, actual);
                Assert.True(ulps <= 4, $"{name}: tanh({z:R}) = {actual:R}, Math.Tanh gives {expected:R} ({ulps} ulps)");
            }
        }
    }

    [Fact]
    public void Float_kernel_is_within_four_ulps_of_the_rounded_tanh()
    {
        foreach (var (name, tanh) in FloatKernels())
        {
            foreach (double zd in Points(seed: 22))
            {
                float z = (float)zd;
                float expected = (float)Math.Tanh(z), actual = tanh(z);
                long ulps = NumericAssert.Ulps(expected, actual);
                Assert.True(ulps <= 4, $"{name}: tanh({z:R}) = {actual:R}, expected {expected:R} ({ulps} ulps)");
            }
        }
    }

    private static IEnumerable<double> Points(uint seed)
    {
        var r = new NumpyRandom(seed);
        for (int i = 0; i < 100_000; i++)
        {
            double z = (r.NextDouble() - 0.5) * 50;                        // [−25, 25): past where tanh rounds to ±1
            yield return z;
            yield return (r.NextDouble() - 0.5) * Math.Pow(2, -40 + (i % 42));
        }

        for (int j = 0; j < 60; j++)
        {
            double boundary = (j + 0.5) * Math.Log(2) / 2;
            foreach (double z in new[] { boundary, Math.BitDecrement(boundary), Math.BitIncrement(boundary) })
            {
                yield return z;
                yield return -z;
            }
        }
    }

    private static IEnumerable<(string Name, Func<double, double> Tanh)> DoubleKernels()
    {
        yield return ("128-bit", z => TanhOp.Apply<double, Vector128<double>, Simd128<double>>(Vector128.Create(z), default).GetElement(1));
        yield return ("256-bit", z => TanhOp.Apply<double, Vector256<double>, Simd256<double>>(Vector256.Create(z), default).GetElement(3));
        if (Vector512.IsHardwareAccelerated)
        {
            yield return ("512-bit", z => TanhOp.Apply<double, Vector512<double>, Simd512<double>>(Vector512.Create(z), default).GetElement(5));
        }
    }

    private static IEnumerable<(string Name, Func<float, float> Tanh)> FloatKernels()
    {
        yield return ("128-bit", z => TanhOp.Apply<float, Vector128<float>, Simd128<float>>(Vector128.Create(z), default).GetElement(1));
        yield return ("256-bit", z => TanhOp.Apply<float, Vector256<float>, Simd256<float>>(Vector256.Create(z), default).GetElement(3));
        if (Vector512.IsHardwareAccelerated)
        {
            yield return ("512-bit", z => TanhOp.Apply<float, Vector512<float>, Simd512<float>>(Vector512.Create(z), default).GetElement(11));
        }
    }
}
