using CsCheck;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Properties;

/// <summary>Properties of the math on random networks: finite outputs on finite inputs, and descent on full batch.</summary>
public class MathPropertyTests
{
    private static readonly string[] Hidden = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"];
    private static readonly string[] Outputs = ["sigmoid", "softmax", "identity"];

    private static Gen<(Network<double> Network, Matrix<double> X, Matrix<double> Y)> Problems(double weightScale, double inputScale) =>
        Gen.Select(Gen.Int[1, 3], Gen.Int[0, 4], Gen.Int[0, 2], Gen.UInt, Gen.Int[1, 9]).Select(t =>
        {
            var (depth, hidden, output, seed, m) = t;
            var random = new NumpyRandom(seed);
            int outputs = Outputs[output] == "sigmoid" ? 1 : 3;
            int[] sizes = [(int)random.NextInterval(4) + 1, .. Enumerable.Range(0, depth - 1).Select(_ => (int)random.NextInterval(5) + 1), outputs];
            var layers = new List<DenseLayer<double>>();
            for (int l = 1; l < sizes.Length; l++)
            {
                var w = new Matrix<double>(sizes[l], sizes[l - 1], [.. random.Randn(sizes[l], sizes[l - 1]).Select(v => v * weightScale)]);
                var b = new Matrix<double>(sizes[l], 1, [.. random.Randn(sizes[l], 1).Select(v => v * weightScale)]);
                layers.Add(new DenseLayer<double>(w, b, Activation.FromName(l == sizes.Length - 1 ? Outputs[output] : Hidden[hidden])));
            }

            var x = new Matrix<double>(sizes[0], m, [.. random.Randn(sizes[0], m).Select(v => v * inputScale)]);
            var y = new Matrix<double>(outputs, m);
            for (int j = 0; j < m; j++)
            {
                if (Outputs[output] == "identity")
                {
                    y[0, j] = random.NextGaussian();
                    y[1, j] = random.NextGaussian();
                    y[2, j] = random.NextGaussian();
                }
                else
                {
                    y[outputs == 1 ? 0 : (int)random.NextInterval(2), j] = outputs == 1 ? random.NextInterval(1) : 1;
                }
            }

            return (new Network<double>(layers), x, y);
        });

    [Fact]
    public void Forward_is_finite_on_finite_inputs_and_classifier_outputs_are_probabilities()
    {
        Problems(weightScale: 3, inputScale: 50).Sample(p =>
        {
            var output = p.Network.Forward(p.X).Output;
            Assert.All(output.Data, v => Assert.True(double.IsFinite(v), $"non-finite output in {p.Network}"));
            if (p.Network.IsClassifier)
            {
                Assert.All(output.Data, v => Assert.InRange(v, 0, 1));
            }

            Assert.True(double.IsFinite(p.Network.Cost(p.Network.Forward(p.X), p.Y)));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void A_tiny_full_batch_step_never_increases_the_cost()
    {
        Problems(weightScale: 0.5, inputScale: 1).Sample(p =>
        {
            var cache = p.Network.Forward(p.X);
            double before = p.Network.Cost(cache, p.Y);
            var gradients = p.Network.Backward(cache, p.Y);
            double squaredNorm = gradients.Parameters.Sum(g => g.Data.Sum(v => v * v));
            if (squaredNorm < 1e-10)
            {
                return; // a stationary point: no step can be told from rounding
            }

            double step = 1e-4 / Math.Max(1, Math.Sqrt(squaredNorm));
            var rule = new ShallowNet.Training.Optimizers.GradientDescent();
            rule.Apply(p.Network, gradients, rule.Init(p.Network), step);
            double after = p.Network.Cost(p.Network.Forward(p.X), p.Y);
            // First order: J falls by about step·‖g‖²; allow rounding of a few ulps of J.
            Assert.True(after <= before + (4 * double.Epsilon) + (1e-15 * Math.Abs(before)), $"J rose from {before:R} to {after:R} (‖g‖² = {squaredNorm:E2})");
        }, iter: 500, threads: 1);
    }
}
