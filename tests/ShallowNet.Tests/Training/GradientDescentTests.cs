using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.Tests.Training;

public class GradientDescentTests
{
    [Fact]
    public void Step_MatchesCourseUpdateCase()
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

        new GradientDescent(c.GetProperty("learning_rate").GetDouble()).Step(network, gradients);

        NumericAssert.Close(TestData.Mat(c, "W1_new"), network.Layers[0].W, 1e-15, "W1", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "b1_new"), network.Layers[0].B, 1e-15, "b1", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "W2_new"), network.Layers[1].W, 1e-15, "W2", floor: 1);
        NumericAssert.Close(TestData.Mat(c, "b2_new"), network.Layers[1].B, 1e-15, "b2", floor: 1);
    }
}
