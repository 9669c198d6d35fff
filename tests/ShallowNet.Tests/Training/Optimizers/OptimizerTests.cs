using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training.Optimizers;

public class OptimizerTests
{
    [Fact]
    public void Gradient_descent_matches_course_update_case()
    {
        // course_cases.json "update": W − lr·dW as NumPy rounds it (the product, then the difference).
        // 1e-15 absolute: the parameters are at most ~0.2 in magnitude, so this is a few ulps.
        var c = TestData.CourseCase("update");
        var network = TestData.ShallowNetwork(c);
        var gradients = new Gradients<double>(network, m: 3);
        TestData.Mat(c, "dW1").Data.CopyTo(gradients.dW(1).Data, 0);
        TestData.Mat(c, "db1").Data.CopyTo(gradients.db(1).Data, 0);
        TestData.Mat(c, "dW2").Data.CopyTo(gradients.dW(2).Data, 0);
        TestData.Mat(c, "db2").Data.CopyTo(gradients.db(2).Data, 0);

        var gd = new GradientDescent();
        gd.Apply(network, gradients, gd.Init(network), c.GetProperty("learning_rate").GetDouble());

        NumericAssert.Close(TestData.Mat(c, "W1_new"), network.Layers[0].W, 1e-15, "W1", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "b1_new"), network.Layers[0].B, 1e-15, "b1", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "W2_new"), network.Layers[1].W, 1e-15, "W2", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "b2_new"), network.Layers[1].B, 1e-15, "b2", floor: 1);
    }

    // The first step of each rule from zero state, worked out by hand from the rule's definition (t = 1):
    //   momentum: v = (1−β)g,  θ' = θ − α(1−β)g
    //   nesterov: v = (1−β)g,  θ' = θ − α(β(1−β)g + (1−β)g)
    //   rmsprop:  s = (1−β)g², θ' = θ − αg/(√((1−β)g²) + ε)
    //   adam:     m̂ = g, v̂ = g², θ' = θ − αg/(|g| + ε)   (bias correction undoes the first-step shrinkage)
    [Theory]
    [InlineData("gd", 0.5, 2.0, 0.1, 0.5 - (0.1 * 2.0))]
    [InlineData("momentum", 0.5, 2.0, 0.1, 0.5 - (0.1 * 0.1 * 2.0))]
    [InlineData("nesterov", 0.5, 2.0, 0.1, 0.5 - (0.1 * ((0.9 * 0.1 * 2.0) + (0.1 * 2.0))))]
    [InlineData("adam", 0.5, 2.0, 0.1, 0.5 - (0.1 * 2.0 / (2.0 + 1e-8)))]
    [InlineData("adam", 0.5, -3e-4, 0.01, 0.5 + (0.01 * 3e-4 / (3e-4 + 1e-8)))]
    public void First_step_is_the_rule_worked_by_hand(string name, double theta, double gradient, double rate, double expected)
    {
        var (network, gradients) = OneParameter(theta, gradient);
        var rule = Optimizer.FromName(name);
        rule.Apply(network, gradients, rule.Init(network), rate);
        Assert.Equal(expected, network.Layers[0].W[0, 0], 14);
    }

    [Fact]
    public void RmsProp_first_step_is_the_rule_worked_by_hand()
    {
        var (network, gradients) = OneParameter(0.5, 2.0);
        var rule = new RmsProp(Beta: 0.9, Epsilon: 1e-8);
        rule.Apply(network, gradients, rule.Init(network), 0.01);
        Assert.Equal(0.5 - (0.01 * 2.0 / (Math.Sqrt(0.1 * 4.0) + 1e-8)), network.Layers[0].W[0, 0], 14);
    }

    [Fact]
    public void Adam_second_step_uses_bias_correction_with_t_equals_two()
    {
        // g1 = 1, g2 = 3: m = 0.9·0.1 + 0.1·3 = 0.39, v = 0.999·0.001 + 0.001·9 = 0.009999;
        // m̂ = 0.39/(1 − 0.81), v̂ = 0.009999/(1 − 0.998001).
        var (network, gradients) = OneParameter(0, 1);
        var adam = new Adam();
        var state = adam.Init(network);
        adam.Apply(network, gradients, state, 0.1);
        double afterFirst = network.Layers[0].W[0, 0];
        gradients.dW(1)[0, 0] = 3;
        adam.Apply(network, gradients, state, 0.1);
        double mHat = 0.39 / (1 - 0.81), vHat = 0.009999 / (1 - 0.998001);
        Assert.Equal(2, state.Steps);
        Assert.Equal(afterFirst - (0.1 * mHat / (Math.Sqrt(vHat) + 1e-8)), network.Layers[0].W[0, 0], 12);
    }

    [Fact]
    public void Nesterov_is_momentum_with_the_look_ahead_option()
    {
        var nesterov = Optimizer.FromName("nesterov");
        Assert.Equal(new Momentum { Nesterov = true }, nesterov);
        Assert.Equal("nesterov", nesterov.Name);
        Assert.Equal("momentum", Optimizer.FromName("momentum").Name);
        Assert.NotEqual(new Momentum(), nesterov);
        Assert.Equal(0.8, ((Momentum)nesterov with { Beta = 0.8 }).Beta);
        Assert.True(((Momentum)nesterov with { Beta = 0.8 }).Nesterov);   // the CLI's --beta1 keeps the option
    }

    [Theory]
    [InlineData("gd", 0.5)]
    [InlineData("momentum", 0.5)]
    [InlineData("nesterov", 0.5)]
    [InlineData("rmsprop", 0.01)]
    [InlineData("adam", 0.01)]
    public void Each_rule_lowers_the_cost_of_logistic_regression(string name, double rate)
    {
        // Logistic regression (one sigmoid layer) is convex: 200 full-batch steps must lower the cost a lot.
        var random = new NumpyRandom(3);
        var x = TestData.RandomMatrix(random, 3, 60);
        var y = new Matrix<double>(1, 60);
        for (int j = 0; j < 60; j++)
        {
            y[0, j] = x[0, j] - (0.5 * x[1, j]) + (0.2 * x[2, j]) > 0 ? 1 : 0;
        }

        var network = Initializer.Create<double>([3, 1], [Sigmoid.Instance], new NumpyRandom(1));
        var history = Trainer.Train(network, new TrainingSet<double>(x, y), new TrainingOptions { Epochs = 200, LearningRate = rate, LogEvery = 50, Optimizer = Optimizer.FromName(name) });
        Assert.True(history.FinalCost < 0.5 * history.Points[0].Cost, $"{name}: {history.Points[0].Cost} → {history.FinalCost}");
    }

    [Fact]
    public void From_name_rejects_unknown_names()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.FromName("adagrad"));
        Assert.Contains("adam", e.Message, StringComparison.Ordinal);
    }

    private static (Network<double> Network, Gradients<double> Gradients) OneParameter(double theta, double gradient)
    {
        var w = new Matrix<double>(1, 1);
        w[0, 0] = theta;
        var network = new Network<double>([new DenseLayer<double>(w, new Matrix<double>(1, 1), Sigmoid.Instance)]);
        var gradients = new Gradients<double>(network, m: 1);
        gradients.dW(1)[0, 0] = gradient;
        return (network, gradients);
    }
}
