using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

/// <summary>The other planar sets: shapes, class balance, geometry, determinism and argument checks.</summary>
public class SyntheticSetsTests
{
    public static TheoryData<string> Names => new() { "moons", "circles", "blobs", "quantiles", "xor" };

    private static Dataset Make(string name, int m, uint seed) => name switch
    {
        "moons" => SyntheticData.Moons(m, seed),
        "circles" => SyntheticData.Circles(m, seed),
        "blobs" => SyntheticData.Blobs(m, seed),
        "quantiles" => SyntheticData.GaussianQuantiles(m, seed),
        _ => SyntheticData.Xor(m, seed),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_set_has_m_points_in_2D_two_classes_and_repeats_with_its_seed(string name)
    {
        var a = Make(name, 201, 3);
        var b = Make(name, 201, 3);
        var c = Make(name, 201, 4);
        Assert.Equal(2, a.X.Rows);
        Assert.Equal(201, a.Examples);
        Assert.Equal(["0", "1"], a.Labels!.Distinct().Order());
        Assert.Equal(a.X.Data, b.X.Data);
        Assert.NotEqual(a.X.Data, c.X.Data);
        Assert.All(a.X.Data, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Circles_without_noise_lie_on_radius_1_and_factor()
    {
        var data = SyntheticData.Circles(100, 1, noise: 0, factor: 0.5);
        for (int j = 0; j < data.Examples; j++)
        {
            double r = Math.Sqrt((data.X[0, j] * data.X[0, j]) + (data.X[1, j] * data.X[1, j]));
            Assert.Equal(data.Labels![j] == "0" ? 1.0 : 0.5, r, 12);
        }
    }

    [Fact]
    public void Moons_without_noise_lie_on_the_two_half_circles()
    {
        var data = SyntheticData.Moons(100, 1, noise: 0);
        for (int j = 0; j < data.Examples; j++)
        {
            double cx = data.Labels![j] == "0" ? 0 : 1, cy = data.Labels[j] == "0" ? 0 : 0.5;
            double r = Math.Sqrt(Math.Pow(data.X[0, j] - cx, 2) + Math.Pow(data.X[1, j] - cy, 2));
            Assert.Equal(1.0, r, 12);
        }

        Assert.Equal(50, data.Labels!.Count(l => l == "0"));
    }

    [Fact]
    public void Quantiles_put_the_inner_half_in_class_0()
    {
        var data = SyntheticData.GaussianQuantiles(200, 1);
        double Radius(int j) => Math.Sqrt((data.X[0, j] * data.X[0, j]) + (data.X[1, j] * data.X[1, j]));
        double innerMax = Enumerable.Range(0, 200).Where(j => data.Labels![j] == "0").Max(Radius);
        double outerMin = Enumerable.Range(0, 200).Where(j => data.Labels![j] == "1").Min(Radius);
        Assert.True(innerMax <= outerMin);
        Assert.Equal(100, data.Labels!.Count(l => l == "0"));
    }

    [Fact]
    public void Xor_without_noise_labels_by_quadrant()
    {
        var data = SyntheticData.Xor(100, 2, noise: 0);
        for (int j = 0; j < data.Examples; j++)
        {
            Assert.Equal(data.X[0, j] * data.X[1, j] < 0 ? "1" : "0", data.Labels![j]);
        }
    }

    [Fact]
    public void Blobs_spread_points_over_the_centres_with_alternating_classes()
    {
        var data = SyntheticData.Blobs(200, 5, centers: 6);
        Assert.Equal(100, data.Labels!.Count(l => l == "0"));           // blobs 0, 2, 4 get 34, 33, 33 of the 200 points
        Assert.All(data.X.Data, v => Assert.InRange(v, -16, 16));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Moons(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Circles(100, 1, noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Circles(100, 1, factor: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Blobs(100, 1, centers: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.GaussianQuantiles(100, 1, variance: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Xor(100, 1, noise: double.NaN));
    }
}
