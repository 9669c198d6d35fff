using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Tests.Training;

public class CourseModelTests
{
    [Fact]
    public void Nn_model_three_examples_matches_course_run()
    {
        // course_cases.json "model": nn_model(X, Y, n_h, num_iterations, learning_rate) from np.random.seed(init_seed).
        // 10000 epochs of a well-conditioned run: 1e-9 relative on the costs (some are ~2e-5) and on W, b (floor 1).
        var c = TestData.CourseCase("model");
        var x = TestData.Mat(c, "X");
        var y = TestData.Mat(c, "Y");
        int nh = c.GetProperty("n_h").GetInt32();
        var network = Initializer.Create<double>(
            [x.Rows, nh, y.Rows], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(c.GetProperty("init_seed").GetUInt32()), InitScheme.Small);

        var options = new TrainingOptions
        {
            Epochs = c.GetProperty("epochs").GetInt32(),
            LearningRate = c.GetProperty("learning_rate").GetDouble(),
            LogEvery = 1000,
        };
        var history = Trainer.Train(network, x, y, options);

        double[] expected = TestData.Doubles(c.GetProperty("costs_every_1000"));
        Assert.Equal(options.Epochs, history.Epochs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(i * 1000, history.Points[i].Epoch);
            NumericAssert.Close(expected[i], history.Points[i].Cost, 1e-9, $"cost at epoch {i * 1000}", floor: 0);
        }

        NumericAssert.Close(TestData.Mat(c, "W1"), network.Layers[0].W, 1e-9, "W1");
        NumericAssert.Close(TestData.Mat(c, "b1"), network.Layers[0].B, 1e-9, "b1");
        NumericAssert.Close(TestData.Mat(c, "W2"), network.Layers[1].W, 1e-9, "W2");
        NumericAssert.Close(TestData.Mat(c, "b2"), network.Layers[1].B, 1e-9, "b2");
    }
}
