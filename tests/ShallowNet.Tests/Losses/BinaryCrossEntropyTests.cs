using ShallowNet.Activations;
using ShallowNet.Losses;
using ShallowNet.Numerics;

namespace ShallowNet.Tests.Losses;

public class BinaryCrossEntropyTests
{
    [Fact]
    public void Cost_from_probabilities_matches_course_case()
    {
        // course_cases.json "cost": NumPy's compute_cost on A2 and Y. 1e-12 relative: the sum of three logs in a
        // different order can differ by a few ulps, not more.
        var c = TestData.CourseCase("cost");
        double expected = c.GetProperty("cost").GetDouble();
        double actual = BinaryCrossEntropy.CostFromProbabilities(TestData.Mat(c, "A2"), TestData.Mat(c, "Y"));
        NumericAssert.Close(expected, actual, 1e-12, "J");
    }

    [Fact]
    public void Cost_from_logits_matches_course_case()
    {
        // The network's cost is computed from Z[L] (stable form); feed it Z = logit(A2) for the same case.
        // logit then σ loses a few ulps, far below the 1e-12 relative tolerance.
        var c = TestData.CourseCase("cost");
        var a = TestData.Mat(c, "A2");
        var z = new Matrix<double>(a.Rows, a.Cols);
        for (int i = 0; i < a.Length; i++)
        {
            z.Data[i] = Math.Log(a.Data[i] / (1 - a.Data[i]));
        }

        double expected = c.GetProperty("cost").GetDouble();
        double actual = BinaryCrossEntropy.Instance.Cost(z, a, TestData.Mat(c, "Y"));
        NumericAssert.Close(expected, actual, 1e-12, "J from logits");
    }

    [Fact]
    public void Cost_from_logits_stays_finite_where_probabilities_saturate()
    {
        // σ(±800) rounds to exactly 1 or 0, so the probability formula takes log(0) = −∞; the logit form does not.
        // −log(1 − σ(800)) = log(1 + e^800) = 800 + log(1 + e^−800), which is 800 in double.
        var z = new Matrix<double>(1, 2, [800, -800]);
        var a = new Matrix<double>(1, 2, [1, 0]);
        var y = new Matrix<double>(1, 2, [0, 1]);
        Assert.Equal(double.PositiveInfinity, BinaryCrossEntropy.CostFromProbabilities(a, y));
        Assert.Equal(800, BinaryCrossEntropy.Instance.Cost(z, a, y));
    }

    [Fact]
    public void Cost_wrong_label_shape_throws()
    {
        // (m, 1) labels against a (1, m) output must not broadcast silently.
        var z = new Matrix<double>(1, 3);
        var y = new Matrix<double>(3, 1);
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Instance.Cost(z, z, y));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.CostFromProbabilities(z, y));
    }

    [Fact]
    public void Output_error_is_a_minus_y()
    {
        var a = new Matrix<double>(1, 3, [0.25, 0.5, 0.875]);
        var y = new Matrix<double>(1, 3, [1, 0, 1]);
        var dz = new Matrix<double>(1, 3);
        BinaryCrossEntropy.Instance.OutputError(a, y, dz);
        Assert.Equal([-0.75, 0.5, -0.125], dz.Data);
    }

    [Fact]
    public void For_output_pairs_sigmoid_only()
    {
        Assert.Same(BinaryCrossEntropy.Instance, Loss.ForOutput(Sigmoid.Instance));
        Assert.Throws<ArgumentException>(() => Loss.ForOutput(Tanh.Instance));
    }
}
