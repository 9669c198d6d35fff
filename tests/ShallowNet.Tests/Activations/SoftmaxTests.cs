using ShallowNet.Activations;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Activations;

public class SoftmaxTests
{
    [Fact]
    public void Forward_normalises_each_column_and_matches_the_formula()
    {
        var z = Matrix<double>.FromRows([[1.0, -2.0, 1000.0], [2.0, 0.0, 1000.0], [3.0, 2.0, -1000.0]]);
        var a = new Matrix<double>(3, 3);
        Softmax.Instance.Forward(z, a);
        // Column 0 by the definition e^z / Σ e^z (no overflow at these values).
        double sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / sum, a[0, 0], 15);
        Assert.Equal(Math.Exp(3) / sum, a[2, 0], 15);
        // Column 2: z = ±1000 would overflow e^z without the max shift; the two equal logits share the mass.
        Assert.Equal(0.5, a[0, 2], 15);
        Assert.Equal(0.5, a[1, 2], 15);
        Assert.Equal(0.0, a[2, 2]);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(1.0, a[0, j] + a[1, j] + a[2, j], 14);
        }
    }

    [Fact]
    public void Backward_is_the_Jacobian_times_da_by_central_differences()
    {
        // dz_i = Σ_k (∂a_k/∂z_i) da_k, checked numerically on one column of 4 units.
        var random = new NumpyRandom(11);
        var z = new Matrix<double>(4, 1, random.Randn(4, 1));
        var da = new Matrix<double>(4, 1, random.Randn(4, 1));
        var a = new Matrix<double>(4, 1);
        Softmax.Instance.Forward(z, a);
        var dz = new Matrix<double>(4, 1);
        Softmax.Instance.Backward(z, a, da, dz);

        const double h = 1e-6;
        for (int i = 0; i < 4; i++)
        {
            var plus = z.Clone();
            var minus = z.Clone();
            plus[i, 0] += h;
            minus[i, 0] -= h;
            var ap = new Matrix<double>(4, 1);
            var am = new Matrix<double>(4, 1);
            Softmax.Instance.Forward(plus, ap);
            Softmax.Instance.Forward(minus, am);
            double numeric = 0;
            for (int k = 0; k < 4; k++)
            {
                numeric += (ap[k, 0] - am[k, 0]) / (2 * h) * da[k, 0];
            }

            Assert.True(Math.Abs(numeric - dz[i, 0]) < 1e-8, $"unit {i}: {dz[i, 0]} vs numerical {numeric}");
        }
    }

    [Fact]
    public void Is_not_elementwise_so_the_span_forms_refuse()
    {
        Assert.Throws<NotSupportedException>(() => Softmax.Instance.Forward<double>(new double[3], new double[3]));
        Assert.Equal("softmax", Activation.FromName("softmax").Name);
    }
}
