using System.Diagnostics;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using ShallowNet.Training;
using Xunit.Abstractions;

namespace ShallowNet.Tests.Training;

/// <summary>
/// The lesson's planar experiment (2-4-1, tanh, lr 1.2, 10000 epochs) against planar_expected.json (NumPy, float64).
/// docs/DESIGN.md: at lr 1.2 the run oscillates after epoch 7000, where NumPy and PyTorch differ in the 5th decimal, so the
/// costs must agree to 1e-9 up to epoch 7000 and to 1e-3 after; the accuracy must be in [0.90, 0.91].
/// </summary>
public class PlanarRunTests(ITestOutputHelper output)
{
    private static readonly TrainingOptions s_options = new() { Epochs = 10000, LearningRate = 1.2, LogEvery = 1000 };

    [Fact]
    public void From_init_file_matches_NumPy()
    {
        var model = ModelFile.Load(TestData.FixturePath("planar_init.json"));
        var (x, y, actual) = LoadPlanar();
        var network = model.Network;

        var clock = Stopwatch.StartNew();
        var history = Trainer.Train(network, x, y, s_options);
        output.WriteLine($"float64 planar run: {clock.Elapsed.TotalSeconds:F2} s");

        AssertCosts(history, stableTolerance: 1e-9, oscillatingTolerance: 1e-3);
        Assert.InRange(Metrics.Accuracy(network.Predict(x), actual), 0.90, 0.91);
    }

    [Fact]
    public void From_seed2_starts_from_the_files_weights_and_matches_NumPy()
    {
        var file = ModelFile.Load(TestData.FixturePath("planar_init.json")).Network;
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small);
        for (int l = 0; l < 2; l++)
        {
            NumericAssert.BitExact(file.Layers[l].W, network.Layers[l].W, $"W{l + 1}");
            NumericAssert.BitExact(file.Layers[l].B, network.Layers[l].B, $"b{l + 1}");
        }

        var (x, y, actual) = LoadPlanar();
        var history = Trainer.Train(network, x, y, s_options);
        AssertCosts(history, stableTolerance: 1e-9, oscillatingTolerance: 1e-3);
        Assert.InRange(Metrics.Accuracy(network.Predict(x), actual), 0.90, 0.91);
    }

    [Fact]
    public void Float32_tracks_NumPy_to_float_precision()
    {
        // The same run in float32. Its costs cannot match float64 NumPy closely: float32 has ~7 significant digits and
        // 10000 steps accumulate its rounding, so 1e-3 absolute up to epoch 7000 is float32's precision here
        // (after 7000 the run oscillates, see above, and is not compared).
        var network = ModelFile.Load(TestData.FixturePath("planar_init.json")).Network.Convert<float>();
        var (x, y, _) = LoadPlanar();

        var clock = Stopwatch.StartNew();
        var history = Trainer.Train(network, x.Convert<float>(), y.Convert<float>(), s_options);
        output.WriteLine($"float32 planar run: {clock.Elapsed.TotalSeconds:F2} s");

        double[] expected = TestData.Doubles(TestData.PlanarExpected.GetProperty("costs"));
        for (int i = 0; i <= 7; i++)
        {
            Assert.Equal(i * 1000, history.Points[i].Epoch);
            output.WriteLine($"epoch {i * 1000}: float32 {history.Points[i].Cost:R}, NumPy {expected[i]:R}, diff {history.Points[i].Cost - expected[i]:E2}");
            NumericAssert.Close(expected[i], history.Points[i].Cost, 1e-3, $"float32 cost at epoch {i * 1000}");
        }
    }

    private static (Matrix<double> X, Matrix<double> Y, int[] Classes) LoadPlanar()
    {
        var data = CsvDataset.Read(TestData.FixturePath("planar_flower.csv"));
        var classes = ClassLabels.FromLabels(data.RequireLabels());
        var y = classes.EncodeBinary<double>(data.RequireLabels(), data.Source);
        return (data.X, y, classes.Encode(data.RequireLabels(), data.Source));
    }

    private void AssertCosts(TrainingHistory history, double stableTolerance, double oscillatingTolerance)
    {
        var expected = TestData.PlanarExpected;
        Assert.Equal(1000, expected.GetProperty("cost_every").GetInt32());
        double[] costs = TestData.Doubles(expected.GetProperty("costs"));
        Assert.Equal(10, costs.Length);
        Assert.Equal(10000, history.Epochs);
        for (int i = 0; i < costs.Length; i++)
        {
            Assert.Equal(i * 1000, history.Points[i].Epoch);
            double diff = history.Points[i].Cost - costs[i];
            output.WriteLine($"epoch {i * 1000}: ours {history.Points[i].Cost:R}, NumPy {costs[i]:R}, diff {diff:E2} ({NumericAssert.Ulps(costs[i], history.Points[i].Cost)} ulps)");
            NumericAssert.Close(costs[i], history.Points[i].Cost, i <= 7 ? stableTolerance : oscillatingTolerance, $"cost at epoch {i * 1000}");
        }
    }
}
