using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

public class SyntheticDataTests
{
    [Fact]
    public void Planar_seed1_is_the_courses_flower_bit_for_bit()
    {
        // Fixtures/planar_flower.csv is NumPy's load_planar_dataset() (seed 1, m = 400), written with repr() so each
        // number parses back to NumPy's exact double; we compare every bit. (With glibc's sin/cos, i.e. Math.Sin/Cos,
        // 574 of the 800 coordinates were 1-5 ulps off: NumPy's AVX-512 loops use SVML's sin/cos, see NumpyTrig.)
        var (x0, x1, y) = TestData.PlanarCsvColumns();
        var data = SyntheticData.Planar(400, 1);
        Assert.Equal(400, data.Examples);
        Assert.Equal(["x0", "x1"], data.FeatureNames);
        Assert.Equal("y", data.LabelName);
        Assert.Equal(y, data.Labels);
        var expected = new ShallowNet.Numerics.Matrix<double>(2, 400, [.. x0, .. x1]);
        NumericAssert.BitExact(expected, data.X, "X");
    }

    [Fact]
    public void Planar_half_of_each_class()
    {
        var data = SyntheticData.Planar(10, 3);
        Assert.Equal(5, data.Labels!.Count(l => l == "0"));
        Assert.Equal(5, data.Labels!.Count(l => l == "1"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(401)]
    public void Planar_bad_size_throws(int m) => Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Planar(m, 1));
}
