using System.Numerics;
using ShallowNet.Kernels;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// The vectorised optimizer updates against the scalar expressions they replace, bit for bit (the NumPy comparison
/// and resume-from-checkpoint tests rely on the exact rounding order: separate multiply and add, no FMA).
/// </summary>
public class UpdateKernelsTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 15, 16, 17, 33, 257, 1000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Adam_bit_identical_to_scalar(int n)
    {
        Adam<double>(n, 3);
        Adam<float>(n, 4);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsProp_momentum_Nesterov_gd_bit_identical_to_scalar(int n)
    {
        Others<double>(n, 5);
        Others<float>(n, 6);
    }

    private static void Adam<T>(int n, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new NumpyRandom(seed);
        T[] theta = Draw<T>(r, n), g = Draw<T>(r, n), m = Draw<T>(r, n), v = Draw<T>(r, n, positive: true);
        T[] theta2 = (T[])theta.Clone(), m2 = (T[])m.Clone(), v2 = (T[])v.Clone();
        T b1 = T.CreateChecked(0.9), b2 = T.CreateChecked(0.999), omb1 = T.CreateChecked(1 - 0.9), omb2 = T.CreateChecked(1 - 0.999);
        T c1 = T.One - T.Pow(b1, T.CreateChecked(3)), c2 = T.One - T.Pow(b2, T.CreateChecked(3));
        T alpha = T.CreateChecked(0.001), eps = T.CreateChecked(1e-8);
        UpdateKernels.Adam<T>(theta, g, m, v, new AdamConstants<T>(b1, omb1, b2, omb2, c1, c2, alpha, eps));
        for (int i = 0; i < n; i++)
        {
            m2[i] = (b1 * m2[i]) + (omb1 * g[i]);
            v2[i] = (b2 * v2[i]) + (omb2 * (g[i] * g[i]));
            T mHat = m2[i] / c1;
            T vHat = v2[i] / c2;
            theta2[i] -= alpha * mHat / (T.Sqrt(vHat) + eps);
        }

        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        Assert.Equal(theta2, theta);
    }

    private static void Others<T>(int n, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new NumpyRandom(seed);
        T beta = T.CreateChecked(0.9), omb = T.CreateChecked(1 - 0.9), alpha = T.CreateChecked(0.01), eps = T.CreateChecked(1e-8);
        T[] g = Draw<T>(r, n);

        // RMSprop
        T[] theta = Draw<T>(r, n), s = Draw<T>(r, n, positive: true);
        T[] theta2 = (T[])theta.Clone(), s2 = (T[])s.Clone();
        UpdateKernels.RmsProp<T>(theta, g, s, beta, omb, alpha, eps);
        for (int i = 0; i < n; i++)
        {
            s2[i] = (beta * s2[i]) + (omb * (g[i] * g[i]));
            theta2[i] -= alpha * g[i] / (T.Sqrt(s2[i]) + eps);
        }

        Assert.Equal(s2, s);
        Assert.Equal(theta2, theta);

        // momentum and Nesterov
        foreach (bool nesterov in new[] { false, true })
        {
            theta = Draw<T>(r, n);
            T[] v = Draw<T>(r, n);
            theta2 = (T[])theta.Clone();
            T[] v2 = (T[])v.Clone();
            UpdateKernels.Momentum<T>(theta, g, v, beta, omb, alpha, nesterov);
            for (int i = 0; i < n; i++)
            {
                v2[i] = (beta * v2[i]) + (omb * g[i]);
                theta2[i] -= nesterov ? alpha * ((beta * v2[i]) + (omb * g[i])) : alpha * v2[i];
            }

            Assert.Equal(v2, v);
            Assert.Equal(theta2, theta);
        }

        // gradient descent
        theta = Draw<T>(r, n);
        theta2 = (T[])theta.Clone();
        UpdateKernels.GradientDescent<T>(theta, g, alpha);
        for (int i = 0; i < n; i++)
        {
            theta2[i] -= alpha * g[i];
        }

        Assert.Equal(theta2, theta);
    }

    private static T[] Draw<T>(NumpyRandom r, int n, bool positive = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n];
        for (int i = 0; i < n; i++)
        {
            double u = r.NextDouble();
            x[i] = T.CreateTruncating(positive ? u * 1e-3 : (u - 0.5) * 3);
        }

        return x;
    }
}
