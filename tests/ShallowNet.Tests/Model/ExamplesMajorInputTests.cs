using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Model;

/// <summary>
/// The trainer gathers mini-batches examples-major (Xᵀ, one example per row) and runs the network on that layout:
/// forward and backward must give what they give on X itself, and on the course's case what NumPy gives.
/// </summary>
public class ExamplesMajorInputTests
{
    [Fact]
    public void Course_case_forward_and_backward_from_x_transposed_match_numpy()
    {
        var c = TestData.CourseCase("backward");
        var network = TestData.ShallowNetwork(c);
        var x = TestData.Mat(c, "X");
        var cache = new ForwardCache<double>(network, x.Cols);
        network.Forward(x.Transpose(), Op.Transpose, cache, Compute.Default, null);
        NumericAssert.MatchesBackwardCase(c, cache, network.Backward(cache, TestData.Mat(c, "Y")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Wide_batch_same_gradients_as_from_x(int threads)
    {
        // the wide workload's shapes on a batch of 128: the products take other GEMM paths, so equal to rounding
        var random = new NumpyRandom(5);
        var network = Initializer.Create<double>([784, 64, 1], [Tanh.Instance, Sigmoid.Instance], random, InitScheme.Lecun);
        var x = new Matrix<double>(784, 128);
        var y = new Matrix<double>(1, 128);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = random.NextDouble();
        }

        for (int j = 0; j < y.Cols; j++)
        {
            y.Data[j] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        var compute = new Compute { Threads = threads };
        var byColumns = new ForwardCache<double>(network, 128);
        network.Forward(x, byColumns, compute);
        var expected = network.Backward(byColumns, y, compute);

        var byRows = new ForwardCache<double>(network, 128);
        network.Forward(x.Transpose(), Op.Transpose, byRows, compute, null);
        var actual = network.Backward(byRows, y, compute);

        NumericAssert.Close(byColumns.Output, byRows.Output, 1e-13, "A2");
        NumericAssert.Close(expected.dW(1), actual.dW(1), 1e-12, "dW1", floor: 1e-3);
        NumericAssert.Close(expected.db(1), actual.db(1), 1e-12, "db1", floor: 1e-3);
        NumericAssert.Close(expected.dW(2), actual.dW(2), 1e-12, "dW2", floor: 1e-3);
    }

    [Fact]
    public void Wrong_shape_is_refused()
    {
        var network = Initializer.Create<double>([3, 2, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(1));
        var cache = new ForwardCache<double>(network, 4);
        var ex = Assert.Throws<ArgumentException>(() => network.Forward(new Matrix<double>(3, 4), Op.Transpose, cache, Compute.Default, null));
        Assert.Contains("expects X with 3 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transpose_of_a_tall_and_a_wide_matrix()
    {
        foreach (var (rows, cols) in new[] { (70, 33), (33, 70), (1, 5), (5, 1) })
        {
            var m = new Matrix<double>(rows, cols);
            for (int i = 0; i < m.Length; i++)
            {
                m.Data[i] = i;
            }

            var t = m.Transpose();
            Assert.Equal((cols, rows), (t.Rows, t.Cols));
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    Assert.Equal(m[i, j], t[j, i]);
                }
            }
        }
    }
}
