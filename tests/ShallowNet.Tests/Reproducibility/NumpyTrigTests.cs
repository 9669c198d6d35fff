using System.Globalization;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Reproducibility;

public class NumpyTrigTests
{
    private static readonly Lazy<(double X, double Sin, double Cos)[]> s_rows = new(LoadRows);

    private static (double X, double Sin, double Cos)[] LoadRows()
    {
        var lines = File.ReadAllLines(TestData.FixturePath("numpy_trig.csv"));
        Assert.Equal("x,sin,cos", lines[0]);
        return
        [
            .. lines.Skip(1).Where(l => l.Length > 0).Select(l =>
            {
                var f = l.Split(',');
                return (Parse(f[0]), Parse(f[1]), Parse(f[2]));
            }),
        ];
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    [Fact]
    public void Fixture_has_thousands_of_rows()
    {
        Assert.True(s_rows.Value.Length > 2000, $"only {s_rows.Value.Length} rows");
    }

    [Fact]
    public void Sin_matches_numpy_bit_for_bit()
    {
        var bad = s_rows.Value.Where(r => Bits(NumpyTrig.Sin(r.X)) != Bits(r.Sin))
            .Select(r => $"x={r.X:R}: numpy {r.Sin:R}, ours {NumpyTrig.Sin(r.X):R}").ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} mismatches, e.g. {string.Join("; ", bad.Take(5))}");
    }

    [Fact]
    public void Cos_matches_numpy_bit_for_bit()
    {
        var bad = s_rows.Value.Where(r => Bits(NumpyTrig.Cos(r.X)) != Bits(r.Cos))
            .Select(r => $"x={r.X:R}: numpy {r.Cos:R}, ours {NumpyTrig.Cos(r.X):R}").ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} mismatches, e.g. {string.Join("; ", bad.Take(5))}");
    }

    [Fact]
    public void Fixture_is_not_just_libm()
    {
        // The point of NumpyTrig: NumPy's SVML results differ from Math.Sin/Math.Cos (glibc) on many inputs.
        // If this fails, the fixture was regenerated on a machine or NumPy that does not use SVML.
        int differ = s_rows.Value.Count(r => Bits(Math.Sin(r.X)) != Bits(r.Sin) || Bits(Math.Cos(r.X)) != Bits(r.Cos));
        Assert.True(differ > 100, $"only {differ} rows differ from Math.Sin/Math.Cos");
    }

    [Fact]
    public void Signed_zeros_keep_numpys_signs()
    {
        Assert.Equal(Bits(0.0), Bits(NumpyTrig.Sin(0.0)));
        Assert.Equal(Bits(-0.0), Bits(NumpyTrig.Sin(-0.0)));
        Assert.Equal(Bits(1.0), Bits(NumpyTrig.Cos(0.0)));
        Assert.Equal(Bits(1.0), Bits(NumpyTrig.Cos(-0.0)));
    }

    [Theory]
    [InlineData(5e-324)]
    [InlineData(-5e-324)]
    [InlineData(1e-300)]
    public void Sin_of_tiny_argument_is_the_argument(double x)
    {
        Assert.Equal(Bits(x), Bits(NumpyTrig.Sin(x)));
    }

    [Theory]
    [InlineData(7.450580596923827e-09)]   // the double just below 2^-27
    [InlineData(-7.450580596923827e-09)]
    public void Cos_BelowTwoToMinus27_IsExactlyOne(double x)
    {
        Assert.Equal(Bits(1.0), Bits(NumpyTrig.Cos(x)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_gives_NaN(double x)
    {
        Assert.True(double.IsNaN(NumpyTrig.Sin(x)));
        Assert.True(double.IsNaN(NumpyTrig.Cos(x)));
    }

    [Theory]
    [InlineData(1e8)]
    [InlineData(-3e15)]
    [InlineData(1e300)]
    public void Beyond_the_exact_range_falls_back_to_math(double x)
    {
        // Outside the exact range NumpyTrig falls back to Math.Sin/Math.Cos (documented).
        Assert.Equal(Math.Sin(x), NumpyTrig.Sin(x));
        Assert.Equal(Math.Cos(x), NumpyTrig.Cos(x));
    }
}
