using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Model;

/// <summary>
/// A cache made with <c>keepHiddenZ: false</c> computes A[l] in place of Z[l] where g' reads only A (σ, tanh,
/// identity): forward and backward must give the same bits as with Z kept, on the course's case NumPy's numbers, and
/// Z[l] of such a layer is refused with a clear message rather than handed out holding A[l].
/// </summary>
public class LeanCacheTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "tanh", false },
        { "sigmoid", false },
        { "identity", false },
        { "relu", false },
        { "leaky_relu", false },
        { "tanh", true },
        { "relu", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_and_backward_are_bit_identical_to_a_full_cache(string hidden, bool dropout)
    {
        var random = new NumpyRandom(3);
        var g = Activation.FromName(hidden);
        var network = Initializer.Create<double>([5, 9, 7, 1], [g, g, Sigmoid.Instance], random, InitScheme.Lecun);
        const int m = 37;
        var x = new Matrix<double>(5, m);
        var y = new Matrix<double>(1, m);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = random.NextDouble() - 0.5;
        }

        for (int j = 0; j < m; j++)
        {
            y.Data[j] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        DropoutMasks<double>? masks = null;
        if (dropout)
        {
            masks = new DropoutMasks<double>(network, m, [0.7, 0.8]);
            masks.Draw(new NumpyRandom(4));
        }

        var full = new ForwardCache<double>(network, m);
        var lean = new ForwardCache<double>(network, m, keepHiddenZ: false);
        network.Forward(x, full, Compute.Default, masks);
        network.Forward(x, lean, Compute.Default, masks);
        var expected = network.Backward(full, y, l2: 0.1);
        var actual = network.Backward(lean, y, l2: 0.1);

        for (int l = 1; l <= 3; l++)
        {
            Assert.Equal(full.A(l).Data, lean.A(l).Data);
            Assert.Equal(expected.dW(l).Data, actual.dW(l).Data);
            Assert.Equal(expected.db(l).Data, actual.db(l).Data);
            Assert.Equal(expected.dZ(l).Data, actual.dZ(l).Data);
        }

        Assert.Equal(network.Cost(full, y), network.Cost(lean, y));
        bool fromA = hidden is "tanh" or "sigmoid" or "identity";
        Assert.Equal(!fromA, lean.KeepsZ(1));
        Assert.True(lean.KeepsZ(3));                                      // the output layer's Z: the cost's logits
        Assert.Equal(full.Z(3).Data, lean.Z(3).Data);
        if (fromA)
        {
            var error = Assert.Throws<InvalidOperationException>(() => lean.Z(2));
            Assert.Contains("does not keep Z[2]", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(full.Z(2).Data, lean.Z(2).Data);
        }
    }

    [Fact]
    public void Course_case_matches_numpy_without_Z1()
    {
        var c = TestData.CourseCase("backward");
        var network = TestData.ShallowNetwork(c);
        var x = TestData.Mat(c, "X");
        var cache = new ForwardCache<double>(network, x.Cols, keepHiddenZ: false);
        network.Forward(x, cache);
        Assert.False(cache.KeepsZ(1));
        NumericAssert.MatchesBackwardCase(c, cache, network.Backward(cache, TestData.Mat(c, "Y")));
    }
}
