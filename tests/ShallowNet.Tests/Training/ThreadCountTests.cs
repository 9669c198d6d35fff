using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training;

/// <summary>
/// Training gives the same bits at any thread count: shapes large enough that the products, the activations and the
/// optimizer's update are all shared between threads (200 inputs, 64 tanh units, batches of 256).
/// </summary>
public class ThreadCountTests
{
    [Theory]
    [InlineData("adam", 256)]
    [InlineData("gd", 0)]
    [InlineData("momentum", 300)]
    public void Training_is_bit_identical_at_one_two_and_three_threads(string optimizer, int batch)
    {
        var (x, y) = Data();
        var results = new[] { 1, 2, 3 }.Select(threads => Train(x, y, optimizer, batch, threads)).ToArray();
        foreach (var (parameters, costs) in results.Skip(1))
        {
            Assert.Equal(results[0].Costs, costs);
            for (int p = 0; p < parameters.Length; p++)
            {
                Assert.Equal(results[0].Parameters[p], parameters[p]);
            }
        }
    }

    private static (float[][] Parameters, double[] Costs) Train(Matrix<float> x, Matrix<float> y, string optimizer, int batch, int threads)
    {
        var network = Initializer.Create<float>([200, 64, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Lecun);
        var options = new TrainingOptions
        {
            Epochs = 4,
            LogEvery = 1,
            LearningRate = 0.01,
            L2 = 0.5,
            BatchSize = batch,
            Optimizer = Optimizer.FromName(optimizer),
            Threads = threads,
            Seed = 3,
        };
        var history = Trainer.Train(network, x, y, options);
        return ([.. network.Parameters.Select(p => p.Data.ToArray())], [.. history.Points.Select(p => p.Cost)]);
    }

    private static (Matrix<float> X, Matrix<float> Y) Data()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix<float>(200, 1000);
        var y = new Matrix<float>(1, 1000);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = (float)random.NextDouble();
        }

        for (int j = 0; j < y.Cols; j++)
        {
            y.Data[j] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        return (x, y);
    }
}
