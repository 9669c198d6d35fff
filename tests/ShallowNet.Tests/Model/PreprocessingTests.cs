using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Tests.Model;

/// <summary>Standardisation statistics for any finite values, and the plain sums' bits for the rest.</summary>
public class PreprocessingTests
{
    [Theory]
    [InlineData(1e308)]
    [InlineData(-1.7e308)]
    [InlineData(1e160)]
    [InlineData(1e200)]
    public void Values_whose_squares_overflow_get_finite_statistics_and_finite_standard_values(double big)
    {
        // The squares of values from about 1e154 are infinite: the std was Infinity, the model file could not be written.
        var x = Matrix<double>.FromRows([[1, 3, 5, 7, 9, 11], [2, 4, big, 8, 10, 12]]);
        var p = Preprocessing.Fit(x, inputScale: 1, standardize: true);
        Assert.All(p.Mean!.Concat(p.Std!), v => Assert.True(double.IsFinite(v), $"{v}"));

        // The outlier against five equal-looking values: population mean big/6, std |big|·√5/6.
        Assert.Equal(big / 6, p.Mean![1], Math.Abs(big) * 1e-15);
        Assert.Equal(Math.Abs(big) / 6 * Math.Sqrt(5), p.Std![1], Math.Abs(big) * 1e-15);
        var z = p.Apply(x);
        Assert.Equal(Math.Sign(big) * Math.Sqrt(5), z[1, 2], 1e-12);
        Assert.All(z.AsSpan().ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Values_on_both_sides_of_the_largest_double_standardise_without_overflowing()
    {
        // v − mean for -1.7e308 against a mean near +8.5e307 is beyond double: it is divided by the std first.
        var x = Matrix<double>.FromRows([[-1.7e308, 1.7e308, 1.7e308, 1.7e308]]);
        var p = Preprocessing.Fit(x, inputScale: 1, standardize: true);
        var z = p.Apply(x);
        Assert.Equal(-Math.Sqrt(3), z[0, 0], 1e-12);
        Assert.Equal(1 / Math.Sqrt(3), z[0, 1], 1e-12);
    }

    [Fact]
    public void Ordinary_values_keep_the_plain_sums_bits()
    {
        double[] row = [0.1, 2.5, -3.75, 1e10, 7e-3, 42];
        double sum = 0, ss = 0;
        foreach (double v in row)
        {
            sum += v;
        }

        double mean = sum / row.Length;
        foreach (double v in row)
        {
            ss += (v - mean) * (v - mean);
        }

        double std = Math.Sqrt(ss / row.Length);
        var p = Preprocessing.Fit(Matrix<double>.FromRows([row]), inputScale: 1, standardize: true);
        Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(p.Mean![0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(std), BitConverter.DoubleToInt64Bits(p.Std![0]));
    }
}
