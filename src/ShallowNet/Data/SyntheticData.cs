using ShallowNet.Numerics;

namespace ShallowNet.Data;

/// <summary>Built-in data sets, generated with the NumPy-compatible generator so they match the course's bit for bit.</summary>
public static class SyntheticData
{
    /// <summary>
    /// The course's planar "flower" (<c>load_planar_dataset</c>): m points in 2-D, half of each class, on the petals
    /// of r = 4·sin(4t). For class j = 0, 1: t = linspace(3.12 j, 3.12 (j + 1), m/2) + 0.2·randn(m/2),
    /// r = 4 sin(4t) + 0.2·randn(m/2), x = (r sin t, r cos t). With seed 1 and m = 400 this is the course's data set,
    /// bit for bit: sin and cos are NumPy's own (<see cref="NumpyTrig"/>), not glibc's, which differ by an ulp.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4 or odd.</exception>
    public static Dataset Planar(int m = 400, uint seed = 1)
    {
        if (m < 4 || m % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, "the flower needs an even number of points, at least 4");
        }

        var random = new NumpyRandom(seed);
        int n = m / 2;                     // points per class
        const double rays = 4;             // maximum ray of the flower
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < 2; j++)
        {
            double[] line = Linspace(j * 3.12, (j + 1) * 3.12, n);
            double[] tNoise = random.Randn(1, n);
            double[] rNoise = random.Randn(1, n);
            for (int i = 0; i < n; i++)
            {
                double t = line[i] + (tNoise[i] * 0.2);
                double r = (rays * NumpyTrig.Sin(4 * t)) + (rNoise[i] * 0.2);
                x[0, (n * j) + i] = r * NumpyTrig.Sin(t);
                x[1, (n * j) + i] = r * NumpyTrig.Cos(t);
                labels[(n * j) + i] = j == 0 ? "0" : "1";
            }
        }

        return new Dataset("planar", ["x0", "x1"], x, "y", labels);
    }

    /// <summary><c>np.linspace(start, stop, num)</c>: start + i·step, the last value exactly stop.</summary>
    internal static double[] Linspace(double start, double stop, int num)
    {
        var y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++)
        {
            y[i] = (i * step) + start;
        }

        y[^1] = stop;
        return y;
    }
}
