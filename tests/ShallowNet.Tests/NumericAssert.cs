using System.Globalization;
using System.Text.Json;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Tests;

/// <summary>Assertions on matrices and numbers that name the worst element and its error when they fail.</summary>
internal static class NumericAssert
{
    /// <summary>Every element bit-identical (NaN-free inputs; +0 and −0 count as different).</summary>
    public static void BitExact(Matrix<double> expected, Matrix<double> actual, string what)
    {
        SameShape(expected, actual, what);
        for (int i = 0; i < expected.Length; i++)
        {
            long e = BitConverter.DoubleToInt64Bits(expected.Data[i]);
            long a = BitConverter.DoubleToInt64Bits(actual.Data[i]);
            if (e != a)
            {
                Assert.Fail(Invariant($"{what}[{i / expected.Cols}, {i % expected.Cols}]: expected {expected.Data[i]:R}, got {actual.Data[i]:R} ({Ulps(expected.Data[i], actual.Data[i])} ulps apart)"));
            }
        }
    }

    /// <summary>|actual − expected| ≤ tolerance · max(|expected|, floor) for every element.</summary>
    /// <summary>
    /// A forward and backward pass against course_cases.json "backward" (built from its X, Y, W, b): A1, A2 and the
    /// gradients, ~1e-3..1e-1, to 1e-12 relative to each element with a floor of 1e-3 (the case's smallest magnitudes).
    /// </summary>
    public static void MatchesBackwardCase(JsonElement c, ForwardCache<double> cache, Gradients<double> gradients)
    {
        Close(TestData.Mat(c, "A1"), cache.A(1), 1e-12, "A1", floor: 1e-3);
        Close(TestData.Mat(c, "A2"), cache.A(2), 1e-12, "A2");
        Close(TestData.Mat(c, "dW1"), gradients.dW(1), 1e-12, "dW1", floor: 1e-3);
        Close(TestData.Mat(c, "db1"), gradients.db(1), 1e-12, "db1", floor: 1e-3);
        Close(TestData.Mat(c, "dW2"), gradients.dW(2), 1e-12, "dW2", floor: 1e-3);
        Close(TestData.Mat(c, "db2"), gradients.db(2), 1e-12, "db2", floor: 1e-3);
    }

    public static void Close(Matrix<double> expected, Matrix<double> actual, double tolerance, string what, double floor = 1)
    {
        SameShape(expected, actual, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected.Data[i], actual.Data[i], tolerance, Invariant($"{what}[{i / expected.Cols}, {i % expected.Cols}]"), floor);
        }
    }

    /// <summary>|actual − expected| ≤ tolerance · max(|expected|, floor).</summary>
    public static void Close(double expected, double actual, double tolerance, string what, double floor = 1)
    {
        double bound = tolerance * Math.Max(Math.Abs(expected), floor);
        double error = Math.Abs(actual - expected);
        if (!(error <= bound))
        {
            Assert.Fail(Invariant($"{what}: expected {expected:R}, got {actual:R}; |error| {error:E3} > {bound:E3}"));
        }
    }

    /// <summary>The largest |actual − expected| / max(|expected|, floor) over the elements (for reporting).</summary>
    public static double MaxRelativeError(Matrix<double> expected, Matrix<double> actual, double floor = 0)
    {
        SameShape(expected, actual, "matrix");
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(Math.Abs(expected.Data[i]), floor);
            double error = Math.Abs(actual.Data[i] - expected.Data[i]);
            worst = Math.Max(worst, scale == 0 ? error : error / scale);
        }

        return worst;
    }

    /// <summary>How many representable doubles lie between a and b (0 when bit-identical).</summary>
    public static long Ulps(double a, double b)
    {
        static long Ordered(double x)
        {
            long bits = BitConverter.DoubleToInt64Bits(x);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>How many representable floats lie between a and b (0 when bit-identical).</summary>
    public static long Ulps(float a, float b)
    {
        static long Ordered(float x)
        {
            long bits = BitConverter.SingleToInt32Bits(x);
            return bits < 0 ? int.MinValue - bits : bits;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>The largest ulp distance between corresponding elements.</summary>
    public static long MaxUlps(Matrix<double> expected, Matrix<double> actual)
    {
        SameShape(expected, actual, "matrix");
        long worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Ulps(expected.Data[i], actual.Data[i]));
        }

        return worst;
    }

    private static void SameShape<T>(Matrix<T> expected, Matrix<T> actual, string what)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.True(expected.Rows == actual.Rows && expected.Cols == actual.Cols, $"{what}: expected shape {expected.Shape}, got {actual.Shape}");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
