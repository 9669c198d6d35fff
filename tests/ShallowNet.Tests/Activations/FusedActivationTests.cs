using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Activations;

/// <summary>
/// The fused kernels (bias + activation in one pass inside <see cref="DenseLayer{T}.Forward"/>) against the unfused
/// definition Z = W·A + b, A = g(Z) written with the public pieces, for every activation and vector remainder.
/// </summary>
public class FusedActivationTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Activation.HiddenNames)
        {
            foreach (int m in new[] { 1, 7, 8, 15, 16, 17, 33, 400 })
            {
                data.Add(name, m);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dense_forward_equals_gemm_then_bias_then_activation(string name, int m)
    {
        Check<double>(name, m);
        Check<float>(name, m);
    }

    private static void Check<T>(string name, int m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(5);
        var g = Activation.FromName(name, 0.1);
        var w = Fill<T>(random, 3, 4);
        var b = Fill<T>(random, 3, 1);
        var x = Fill<T>(random, 4, m);
        var layer = new DenseLayer<T>(w, b, g);
        var z = new Matrix<T>(3, m);
        var a = new Matrix<T>(3, m);
        layer.Forward(x, z, a);

        var zExpected = Gemm.Multiply(w, Op.None, x, Op.None);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < m; j++)
            {
                zExpected[i, j] += b[i, 0];
            }
        }

        var aExpected = new Matrix<T>(3, m);
        g.Forward<T>(zExpected.AsSpan(), aExpected.AsSpan());
        Assert.Equal(zExpected.Data, z.Data);
        Assert.Equal(aExpected.Data, a.Data);
    }

    private static Matrix<T> Fill<T>(NumpyRandom random, int rows, int cols)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(rows, cols);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(3 * random.NextGaussian());
        }

        return x;
    }
}
