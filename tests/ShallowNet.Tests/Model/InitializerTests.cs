using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Model;

public class InitializerTests
{
    [Fact]
    public void Seed2_small_2_4_1_is_the_course_initialization_bit_for_bit()
    {
        // course_cases.json "initialize": np.random.seed(2); W1 = randn(4, 2)·0.01; W2 = randn(1, 4)·0.01; b = 0.
        var c = TestData.CourseCase("initialize");
        Assert.Equal(2, c.GetProperty("seed").GetInt32());
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small);
        NumericAssert.BitExact(TestData.Mat(c, "W1"), network.Layers[0].W, "W1");
        NumericAssert.BitExact(TestData.Mat(c, "b1"), network.Layers[0].B, "b1");
        NumericAssert.BitExact(TestData.Mat(c, "W2"), network.Layers[1].W, "W2");
        NumericAssert.BitExact(TestData.Mat(c, "b2"), network.Layers[1].B, "b2");
    }

    [Fact]
    public void Seed2_small_3_5_2_is_the_course_initialization_bit_for_bit()
    {
        // course_cases.json "initialize_3_5_2" gives W1 (5, 3) and W2 (2, 5) only, drawn from one stream row by row:
        // its first 8 values are the 2-4-1 case's W1 and the next 4 its W2. It has no b; b must be zero (docs/DESIGN.md).
        var c = TestData.CourseCase("initialize_3_5_2");
        Assert.Equal(2, c.GetProperty("seed").GetInt32());
        Assert.False(c.TryGetProperty("b1", out _));
        var network = Initializer.Create<double>([3, 5, 2], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small);
        NumericAssert.BitExact(TestData.Mat(c, "W1"), network.Layers[0].W, "W1");
        NumericAssert.BitExact(TestData.Mat(c, "W2"), network.Layers[1].W, "W2");
        Assert.All(network.Layers, l => Assert.All(l.B.Data, b => Assert.Equal(0.0, b)));
    }

    [Theory]
    [InlineData(InitScheme.Lecun)]
    [InlineData(InitScheme.He)]
    [InlineData(InitScheme.Glorot)]
    public void Schemes_scale_the_same_draws(InitScheme scheme)
    {
        // docs/DESIGN.md: lecun × sqrt(1/n[l-1]) (written as randn / sqrt(n[l-1]), the course's code), he × sqrt(2/n[l-1]),
        // glorot × sqrt(2/(n[l-1] + n[l])); the draws are the same randn stream as for `small`.
        int[] sizes = [3, 5, 2];
        var network = Initializer.Create<double>(sizes, [Relu.Instance, Sigmoid.Instance], new NumpyRandom(2), scheme);
        var random = new NumpyRandom(2);
        for (int l = 1; l < sizes.Length; l++)
        {
            double[] draws = random.Randn(sizes[l], sizes[l - 1]);
            int nPrev = sizes[l - 1], n = sizes[l];
            double[] expected = scheme switch
            {
                InitScheme.Lecun => [.. draws.Select(w => w / Math.Sqrt(nPrev))],
                InitScheme.He => [.. draws.Select(w => w * Math.Sqrt(2.0 / nPrev))],
                _ => [.. draws.Select(w => w * Math.Sqrt(2.0 / (nPrev + n)))],
            };
            Assert.Equal(expected, network.Layers[l - 1].W.Data);
        }
    }

    [Fact]
    public void Small_scale_is_configurable()
    {
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small, smallScale: 0.5);
        double[] draws = new NumpyRandom(2).Randn(4, 2);
        Assert.Equal(draws.Select(w => w * 0.5), network.Layers[0].W.Data);
    }

    [Fact]
    public void Float_gets_the_double_weights_rounded()
    {
        var c = TestData.CourseCase("initialize");
        var network = Initializer.Create<float>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
        Assert.Equal(TestData.Mat(c, "W1").Data.Select(w => (float)w), network.Layers[0].W.Data);
    }

    [Fact]
    public void Bad_sizes_throw()
    {
        var random = new NumpyRandom(1);
        Assert.Throws<ArgumentException>(() => Initializer.Create<double>([2, 4, 1], [Sigmoid.Instance], random));
        Assert.Throws<ArgumentException>(() => Initializer.Create<double>([2], [], random));
        Assert.Throws<ArgumentException>(() => Initializer.Create<double>([2, 0, 1], [Tanh.Instance, Sigmoid.Instance], random));
    }
}
