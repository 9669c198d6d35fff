using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training.Optimizers;

/// <summary>
/// Five full-batch steps of every optimizer, with and without L2, for sigmoid, softmax and regression networks,
/// against an independent NumPy implementation (Fixtures/scripts/optimizer_runs.py → Fixtures/optimizer_runs.json).
/// </summary>
public class OptimizerReferenceTests
{
    private static readonly Lazy<JsonDocument> s_runs = new(() => JsonDocument.Parse(File.ReadAllText(TestData.FixturePath("optimizer_runs.json"))));

    public static TheoryData<int> Cases
    {
        get
        {
            var data = new TheoryData<int>();
            for (int i = 0; i < s_runs.Value.RootElement.GetProperty("cases").GetArrayLength(); i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weights_after_five_steps_match_NumPy(int index)
    {
        var c = s_runs.Value.RootElement.GetProperty("cases")[index];
        string label = $"{c.GetProperty("output").GetString()} {c.GetProperty("optimizer").GetString()} l2={c.GetProperty("l2").GetDouble()}";
        var activations = c.GetProperty("activations").EnumerateArray().Select(a => Activation.FromName(a.GetString()!)).ToArray();
        var w0 = c.GetProperty("W0").EnumerateArray().Select(TestData.Mat).ToArray();
        var b0 = c.GetProperty("b0").EnumerateArray().Select(b => new Matrix<double>(b.GetArrayLength(), 1, TestData.Doubles(b))).ToArray();
        var network = new Network<double>(w0.Select((w, l) => new DenseLayer<double>(w, b0[l], activations[l])));

        var options = new TrainingOptions
        {
            Epochs = c.GetProperty("steps").GetInt32(),
            LearningRate = c.GetProperty("learning_rate").GetDouble(),
            L2 = c.GetProperty("l2").GetDouble(),
            Optimizer = Optimizer.FromName(c.GetProperty("optimizer").GetString()!),
        };
        Trainer.Train(network, TestData.Mat(c, "X"), TestData.Mat(c, "Y"), options);

        var expectedW = c.GetProperty("W").EnumerateArray().Select(TestData.Mat).ToArray();
        var expectedB = c.GetProperty("b").EnumerateArray().Select(TestData.Doubles).ToArray();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            // 1e-12 relative: only summation order and (1 − β) rounding differ from NumPy.
            NumericAssert.Close(expectedW[l], network.Layers[l].W, 1e-12, $"{label} W{l + 1}", floor: 1);
            NumericAssert.Close(new Matrix<double>(expectedB[l].Length, 1, expectedB[l]), network.Layers[l].B, 1e-12, $"{label} b{l + 1}", floor: 1);
        }
    }
}
