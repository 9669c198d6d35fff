using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Model;

/// <summary>Forward, backward and prediction of the lesson's 2-layer network against the course's NumPy cases.</summary>
public class NetworkTests
{
    [Fact]
    public void Forward_matches_course_case()
    {
        // course_cases.json "forward". 1e-12 relative (floor 1): the GEMM and the vectorised tanh/sigmoid may round
        // differently from NumPy by a few ulps, nothing more.
        var c = TestData.CourseCase("forward");
        var network = TestData.ShallowNetwork(c);
        var cache = network.Forward(TestData.Mat(c, "X"));
        NumericAssert.Close(TestData.Mat(c, "Z1"), cache.Z(1), 1e-12, "Z1");
        NumericAssert.Close(TestData.Mat(c, "A1"), cache.A(1), 1e-12, "A1");
        NumericAssert.Close(TestData.Mat(c, "Z2"), cache.Z(2), 1e-12, "Z2");
        NumericAssert.Close(TestData.Mat(c, "A2"), cache.A(2), 1e-12, "A2");
        Assert.Same(cache.A(2), cache.Output);
    }

    [Fact]
    public void Backward_matches_course_case()
    {
        // course_cases.json "backward": built from its X, Y, W, b; its A1 and A2 are the forward pass of those.
        var c = TestData.CourseCase("backward");
        var network = TestData.ShallowNetwork(c);
        var cache = network.Forward(TestData.Mat(c, "X"));
        NumericAssert.MatchesBackwardCase(c, cache, network.Backward(cache, TestData.Mat(c, "Y")));
    }

    [Fact]
    public void Cost_from_logits_matches_the_course_runs_first_cost()
    {
        // course_cases.json "model": its first logged cost is J of the seed-2 initial network on its X, Y (before any
        // update); Network.Cost computes it from Z[L]. 1e-12 relative.
        var c = TestData.CourseCase("model");
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small);
        var cache = network.Forward(TestData.Mat(c, "X"));
        double expected = c.GetProperty("costs_every_1000")[0].GetDouble();
        NumericAssert.Close(expected, network.Cost(cache, TestData.Mat(c, "Y")), 1e-12, "J(epoch 0)", floor: 0);
    }

    [Fact]
    public void Backward_twice_gives_the_same_gradients()
    {
        // Gradients are overwritten, never accumulated across calls.
        var c = TestData.CourseCase("backward");
        var network = TestData.ShallowNetwork(c);
        var cache = network.Forward(TestData.Mat(c, "X"));
        var y = TestData.Mat(c, "Y");
        var gradients = network.Backward(cache, y);
        double[] first = [.. gradients.dW(1).Data, .. gradients.db(1).Data, .. gradients.dW(2).Data, .. gradients.db(2).Data];
        network.Backward(cache, y, gradients);
        double[] second = [.. gradients.dW(1).Data, .. gradients.db(1).Data, .. gradients.dW(2).Data, .. gradients.db(2).Data];
        Assert.Equal(first, second);
    }

    [Fact]
    public void Predict_matches_course_case()
    {
        // course_cases.json "predict": the parameters are the "model" case's trained W and b. Probabilities within
        // 1e-12 relative (floor 1e-6, as one of them is 3e-5); predictions a > 0.5 exactly.
        var predict = TestData.CourseCase("predict");
        var network = TestData.ShallowNetwork(TestData.CourseCase("model"));
        var x = TestData.Mat(predict, "X");
        Assert.Equal(0.5, predict.GetProperty("threshold").GetDouble());
        NumericAssert.Close(TestData.Mat(predict, "probabilities"), network.PredictProbabilities(x), 1e-12, "P", floor: 1e-6);
        Assert.Equal(TestData.Mat(predict, "predictions").Data, network.Predict(x).Select(p => (double)p));
    }

    [Fact]
    public void Forward_wrong_input_rows_throws_naming_shapes()
    {
        var network = TestData.ShallowNetwork(TestData.CourseCase("forward"));
        var e = Assert.Throws<ArgumentException>(() => network.Forward(new Matrix<double>(3, 400)));
        Assert.Contains("3×400", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_labels_as_column_throws()
    {
        // Y of shape (m, 1) against A[L] (1, m) is the classic silent-broadcast bug: it must throw.
        var c = TestData.CourseCase("backward");
        var network = TestData.ShallowNetwork(c);
        var cache = network.Forward(TestData.Mat(c, "X"));
        Assert.Throws<ArgumentException>(() => network.Backward(cache, TestData.Mat(c, "Y").Transpose()));
        Assert.Throws<ArgumentException>(() => network.Cost(cache, TestData.Mat(c, "Y").Transpose()));
    }

    [Fact]
    public void Layers_not_chaining_throw()
    {
        var e = Assert.Throws<ArgumentException>(() => new Network<double>(
        [
            new DenseLayer<double>(new Matrix<double>(4, 2), new Matrix<double>(4, 1), Tanh.Instance),
            new DenseLayer<double>(new Matrix<double>(1, 3), new Matrix<double>(1, 1), Sigmoid.Instance),
        ]));
        Assert.Contains("Dense(3 => 1, sigmoid)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Network<double>([]));
    }

    [Fact]
    public void Output_without_loss_throws() =>
        Assert.Throws<ArgumentException>(() => new Network<double>(
            [new DenseLayer<double>(new Matrix<double>(1, 2), new Matrix<double>(1, 1), Tanh.Instance)]));

    [Fact]
    public void Dense_layer_bias_wrong_shape_throws()
    {
        Assert.Throws<ArgumentException>(() => new DenseLayer<double>(new Matrix<double>(4, 2), new Matrix<double>(3, 1), Tanh.Instance));
        Assert.Throws<ArgumentException>(() => new DenseLayer<double>(new Matrix<double>(4, 2), new Matrix<double>(1, 4), Tanh.Instance));
    }

    [Fact]
    public void Describes_itself_like_Flux()
    {
        var network = TestData.ShallowNetwork(TestData.CourseCase("forward"));
        Assert.Equal("Dense(2 => 4, tanh)  # 12 parameters", network.Layers[0].ToString());
        Assert.Equal(17, network.ParameterCount);
        Assert.Equal([2, 4, 1], network.Sizes);
    }

    [Fact]
    public void Clone_is_deep()
    {
        var network = TestData.ShallowNetwork(TestData.CourseCase("forward"));
        var copy = network.Clone();
        copy.Layers[0].W.Data[0] = 42;
        Assert.NotEqual(42, network.Layers[0].W.Data[0]);
    }
}
