using ShallowNet.Activations;
using ShallowNet.Diagnostics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using Xunit.Abstractions;

namespace ShallowNet.Tests.Diagnostics;

/// <summary>Gradient checks for every output and loss, at depths 1 to 3, with L2 and with fixed dropout masks.</summary>
public class GradientCheckOutputsTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, double, double> Cases
    {
        get
        {
            var data = new TheoryData<string, int, double, double>();
            foreach (string outputName in new[] { "sigmoid", "softmax", "identity" })
            {
                foreach (int depth in new[] { 1, 2, 3 })
                {
                    data.Add(outputName, depth, 0, 1);      // plain
                    data.Add(outputName, depth, 0.7, 1);    // with L2
                    if (depth > 1)
                    {
                        data.Add(outputName, depth, 0, 0.6);   // with dropout (fixed masks)
                        data.Add(outputName, depth, 0.3, 0.8); // both
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backprop_matches_numerical_gradient(string outputName, int depth, double l2, double keep)
    {
        var random = new NumpyRandom((uint)(depth * 31) + (uint)outputName.Length);
        int units = outputName == "sigmoid" ? 1 : 3;
        int[] sizes = depth switch { 1 => [4, units], 2 => [4, 6, units], _ => [4, 6, 5, units] };
        var layers = new List<DenseLayer<double>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var w = TestData.RandomMatrix(random, sizes[l], sizes[l - 1], Math.Sqrt(1.0 / sizes[l - 1]));
            var b = TestData.RandomMatrix(random, sizes[l], 1, 0.1);
            var g = l == sizes.Length - 1 ? Activation.FromName(outputName) : l % 2 == 1 ? Tanh.Instance : (Activation)new LeakyRelu(0.1);
            layers.Add(new DenseLayer<double>(w, b, g));
        }

        var network = new Network<double>(layers);
        const int m = 7;
        var x = TestData.RandomMatrix(random, 4, m);
        var y = Targets(outputName, units, m, random);
        DropoutMasks<double>? masks = null;
        if (keep < 1)
        {
            masks = new DropoutMasks<double>(network, m, [.. Enumerable.Repeat(keep, depth - 1)]);
            masks.Draw(random);
        }

        var result = GradientCheck.Run(network, x, y, l2: l2, dropout: masks);
        output.WriteLine($"{outputName} depth {depth} l2 {l2} keep {keep}: {result.RelativeDifference:E2}");
        Assert.True(result.RelativeDifference < 1e-7, $"{outputName} depth {depth} l2 {l2} keep {keep}: relative difference {result.RelativeDifference:E3} (worst {result.WorstParameter})");
    }

    private static Matrix<double> Targets(string outputName, int units, int m, NumpyRandom random)
    {
        var y = new Matrix<double>(units, m);
        for (int j = 0; j < m; j++)
        {
            switch (outputName)
            {
                case "sigmoid":
                    y[0, j] = random.NextDouble() < 0.5 ? 0 : 1;
                    break;
                case "softmax":
                    y[(int)random.NextInterval((ulong)units - 1), j] = 1;
                    break;
                default:
                    for (int i = 0; i < units; i++)
                    {
                        y[i, j] = random.NextGaussian();
                    }

                    break;
            }
        }

        return y;
    }
}
