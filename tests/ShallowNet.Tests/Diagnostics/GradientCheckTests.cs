using ShallowNet.Activations;
using ShallowNet.Diagnostics;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using Xunit.Abstractions;

namespace ShallowNet.Tests.Diagnostics;

/// <summary>Back-propagation against central differences (the course's gradient check), below its 1e-7 threshold.</summary>
public class GradientCheckTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string name in Activation.HiddenNames)
            {
                data.Add(name, 2);
                data.Add(name, 3);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backprop_matches_numerical_gradient(string hidden, int layers)
    {
        // 3 inputs, 5 examples; hidden layers of 5 and 4 units, sigmoid output. W = randn·sqrt(1/n[l-1]) and
        // b = 0.1·randn keep |z| of order 1, so no unit is saturated; the course's threshold is 1e-7.
        uint seed = (uint)(100 + (10 * Array.IndexOf([.. Activation.HiddenNames], hidden)) + layers);
        var random = new NumpyRandom(seed);
        int[] sizes = layers == 2 ? [3, 5, 1] : [3, 5, 4, 1];
        var network = RandomNetwork(random, sizes, Activation.FromName(hidden));
        var x = TestData.RandomMatrix(random, 3, 5);
        var y = TestData.RandomLabels(random, 1, 5);
        var before = network.Clone();

        var result = GradientCheck.Run(network, x, y);
        output.WriteLine($"{hidden} L={layers}: relative difference {result.RelativeDifference:E2}, worst {result.WorstParameter} |error| {result.MaxAbsoluteError:E2}");

        Assert.Equal(network.ParameterCount, result.Parameters);
        Assert.True(result.Passed, $"{hidden} L={layers}: relative difference {result.RelativeDifference:E3} ≥ 1e-7 (worst {result.WorstParameter}, |error| {result.MaxAbsoluteError:E3})");
        Assert.True(result.RelativeDifference < 1e-7);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(before.Layers[l].W.Data, network.Layers[l].W.Data);   // the check restores every parameter
            Assert.Equal(before.Layers[l].B.Data, network.Layers[l].B.Data);
        }
    }

    [Fact]
    public void Wrong_derivative_is_caught()
    {
        // A hidden activation whose g' is wrong (tanh with g' = 1, the "fix" STYLE.md warns about) must fail the check.
        var random = new NumpyRandom(7);
        var network = RandomNetwork(random, [3, 5, 1], new TanhWithWrongDerivative());
        var x = TestData.RandomMatrix(random, 3, 5);
        var y = TestData.RandomLabels(random, 1, 5);
        var result = GradientCheck.Run(network, x, y);
        Assert.False(result.Passed);
        Assert.True(result.RelativeDifference > 1e-3, $"relative difference {result.RelativeDifference:E3}");
        Assert.StartsWith("W[1]", result.WorstParameter, StringComparison.Ordinal);
    }

    [Fact]
    public void A_correct_regression_gradient_passes_where_a_large_cost_limits_the_differences()
    {
        // An untrained regression model on targets around 400: J ≈ 10⁵, so each finite difference at ε = 1e-7 carries
        // a rounding of about 10⁻⁴, and the course's measure exceeds 1e-7 although back-propagation is right.
        var (network, x, y) = Regression(new NumpyRandom(9), identityHidden: false);
        var result = GradientCheck.Run(network, x, y);
        output.WriteLine($"relative {result.RelativeDifference:E2}, ‖diff‖ {result.DifferenceNorm:E2}, bound {result.RoundingBound:E2}, ‖grad‖ {result.GradientNorm:E2}");
        Assert.True(result.RelativeDifference > GradientCheckResult.Threshold, "the case should be one the course's measure alone fails");
        Assert.True(result.WithinRounding);
        Assert.True(result.Passed);
        Assert.True(GradientCheck.Run(network, x, y, epsilon: 1e-5).RelativeDifference < GradientCheckResult.Threshold);
    }

    [Fact]
    public void A_wrong_derivative_still_fails_where_the_cost_is_large()
    {
        var (network, x, y) = Regression(new NumpyRandom(9), identityHidden: true);
        var result = GradientCheck.Run(network, x, y);
        Assert.False(result.WithinRounding, $"‖diff‖ {result.DifferenceNorm:E2}, bound {result.RoundingBound:E2}");
        Assert.False(result.Passed);
    }

    [Fact]
    public void Epsilon_must_be_positive()
    {
        var random = new NumpyRandom(8);
        var network = RandomNetwork(random, [3, 5, 1], Tanh.Instance);
        var x = TestData.RandomMatrix(random, 3, 5);
        var y = TestData.RandomLabels(random, 1, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, x, y, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, x, y, double.NaN));
    }

    // 3 inputs, 200 examples, 8 tanh units (or the wrong-derivative tanh), an identity output; y = 400 + 150·x0 − 80·x1 + 30·x2.
    private static (Network<double> Network, ShallowNet.Numerics.Matrix<double> X, ShallowNet.Numerics.Matrix<double> Y) Regression(NumpyRandom random, bool identityHidden)
    {
        var w1 = TestData.RandomMatrix(random, 8, 3, Math.Sqrt(1.0 / 3));
        var w2 = TestData.RandomMatrix(random, 1, 8, Math.Sqrt(1.0 / 8));
        var network = new Network<double>(
        [
            new DenseLayer<double>(w1, new ShallowNet.Numerics.Matrix<double>(8, 1), identityHidden ? new TanhWithWrongDerivative() : Tanh.Instance),
            new DenseLayer<double>(w2, new ShallowNet.Numerics.Matrix<double>(1, 1), Identity.Instance),
        ]);
        var x = TestData.RandomMatrix(random, 3, 200);
        var y = new ShallowNet.Numerics.Matrix<double>(1, 200);
        for (int j = 0; j < 200; j++)
        {
            y[0, j] = 400 + (150 * x[0, j]) - (80 * x[1, j]) + (30 * x[2, j]);
        }

        return (network, x, y);
    }

    private static Network<double> RandomNetwork(NumpyRandom random, int[] sizes, Activation hidden)
    {
        var layers = new List<DenseLayer<double>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var w = TestData.RandomMatrix(random, sizes[l], sizes[l - 1], Math.Sqrt(1.0 / sizes[l - 1]));
            var b = TestData.RandomMatrix(random, sizes[l], 1, 0.1);
            layers.Add(new DenseLayer<double>(w, b, l == sizes.Length - 1 ? Sigmoid.Instance : hidden));
        }

        return new Network<double>(layers);
    }

    private sealed class TanhWithWrongDerivative : Activation
    {
        public override string Name => "tanh";

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => Tanh.Instance.Forward(z, a);

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz) => da.CopyTo(dz);
    }
}
