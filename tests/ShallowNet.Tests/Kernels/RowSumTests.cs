using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// <see cref="RowSum"/> pins db's order of summation: these tests write the documented order as a plain loop and ask
/// for the same bits, so a change of order (or a return to a package's internal loop) fails here. The values span
/// sixteen decades, so that another order gives other bits (checked: the sequential sum differs).
/// </summary>
public class RowSumTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 70; n++)
        {
            data.Add(n);
        }

        foreach (int n in new[] { 127, 128, 129, 400, 1000, 4099, 65536 + 13 })
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sums_doubles_in_the_documented_order_bit_for_bit(int n)
    {
        double[] x = Values(n, seed: n);
        Assert.Equal(BitConverter.DoubleToInt64Bits(DocumentedOrder(x)), BitConverter.DoubleToInt64Bits(RowSum.Sum<double>(x)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sums_floats_in_the_documented_order_bit_for_bit(int n)
    {
        float[] x = [.. Values(n, seed: 1000 + n).Select(v => (float)(v * 1e-10))];   // within float's range
        Assert.Equal(BitConverter.SingleToInt32Bits(DocumentedOrder(x)), BitConverter.SingleToInt32Bits(RowSum.Sum<float>(x)));
    }

    [Fact]
    public void The_order_matters_for_these_values_so_the_tests_above_can_fail()
    {
        double[] x = Values(1000, seed: 1000);
        float[] y = [.. Values(1000, seed: 2000).Select(v => (float)(v * 1e-10))];
        Assert.NotEqual(Sequential(x), DocumentedOrder(x));
        Assert.NotEqual(Sequential(y), DocumentedOrder(y));
    }

    [Fact]
    public void Has_sixteen_float_and_eight_double_partial_sums_on_every_CPU()
    {
        Assert.Equal(16, RowSum.Lanes<float>());
        Assert.Equal(8, RowSum.Lanes<double>());
    }

    [Fact]
    public void Special_values_propagate_as_in_the_plain_loop()
    {
        double[] x = [.. Values(37, seed: 3)];
        x[5] = double.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, RowSum.Sum<double>(x));
        x[21] = double.NegativeInfinity;
        Assert.True(double.IsNaN(RowSum.Sum<double>(x)));
        Assert.Equal(0.0, RowSum.Sum<double>([-0.0, -0.0]));                 // from +0, as the plain loop
        Assert.False(double.IsNegative(RowSum.Sum<double>([-0.0, -0.0])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(400)]
    public void Dense_backward_computes_db_as_one_over_m_times_the_documented_sum(int m)
    {
        var random = new NumpyRandom(8);
        var layer = new DenseLayer<double>(TestData.RandomMatrix(random, 3, 2), TestData.RandomMatrix(random, 3, 1), Tanh.Instance);
        var dz = TestData.RandomMatrix(random, 3, m);
        var aPrev = TestData.RandomMatrix(random, 2, m);
        var dw = new Matrix<double>(3, 2);
        var db = new Matrix<double>(3, 1);

        layer.Backward(dz, aPrev, dw, db, null);

        for (int i = 0; i < 3; i++)
        {
            double expected = (1.0 / m) * DocumentedOrder(dz.Row(i).ToArray());
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(db[i, 0]));
        }
    }

    /// <summary>
    /// The order RowSum documents, as a plain loop: P = 64 bytes of partial sums from +0, x[i] added to s[i mod P] with
    /// i ascending, then s[r] += s[r + h] for h = P/2, …, 1; the sum is s[0].
    /// </summary>
    private static T DocumentedOrder<T>(T[] x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var s = new T[p];
        Array.Fill(s, T.Zero);
        for (int i = 0; i < x.Length; i++)
        {
            s[i % p] += x[i];
        }

        for (int h = p / 2; h >= 1; h /= 2)
        {
            for (int r = 0; r < h; r++)
            {
                s[r] += s[r + h];
            }
        }

        return s[0];
    }

    private static T Sequential<T>(T[] x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum;
    }

    // Gaussian values times 10^u, u uniform in [−8, 8]: sums whose bits depend on the order
    private static double[] Values(int n, int seed)
    {
        var random = new NumpyRandom((uint)seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextGaussian() * Math.Pow(10, (16 * random.NextDouble()) - 8);
        }

        return x;
    }
}
