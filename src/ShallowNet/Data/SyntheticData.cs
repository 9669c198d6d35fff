using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

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

    /// <summary>
    /// Two interleaving half circles (scikit-learn's <c>make_moons</c> geometry): class 0 on (cos t, sin t) and class 1
    /// on (1 − cos t, 1 − sin t − 0.5) for t = linspace(0, π), plus Gaussian noise of standard deviation
    /// <paramref name="noise"/> on each coordinate (the course's "noisy moons" use 0.2). Class 0 gets ⌊m/2⌋ points.
    /// The same shape as scikit-learn's, drawn with the NumPy-compatible generator (not the same draws).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4 or the noise is negative.</exception>
    public static Dataset Moons(int m = 400, uint seed = 1, double noise = 0.2)
    {
        Check(m, noise);
        var random = new NumpyRandom(seed);
        int outer = m / 2, inner = m - outer;
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        double[] tOuter = Linspace(0, Math.PI, outer), tInner = Linspace(0, Math.PI, inner);
        for (int i = 0; i < m; i++)
        {
            bool first = i < outer;
            double t = first ? tOuter[i] : tInner[i - outer];
            x[0, i] = first ? Math.Cos(t) : 1 - Math.Cos(t);
            x[1, i] = first ? Math.Sin(t) : 1 - Math.Sin(t) - 0.5;
            labels[i] = first ? "0" : "1";
        }

        AddNoise(x, random, noise);
        return new Dataset("moons", ["x0", "x1"], x, "y", labels);
    }

    /// <summary>
    /// A circle inside a circle (scikit-learn's <c>make_circles</c> geometry): class 0 on the unit circle, class 1 on a
    /// circle of radius <paramref name="factor"/>, angles evenly spaced in [0, 2π), plus Gaussian noise of standard
    /// deviation <paramref name="noise"/> (the course's "noisy circles" use factor 0.5, noise 0.3). Class 0 gets ⌊m/2⌋ points.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4, the noise is negative or the factor is not in (0, 1).</exception>
    public static Dataset Circles(int m = 400, uint seed = 1, double noise = 0.3, double factor = 0.5)
    {
        Check(m, noise);
        if (!(factor is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the inner circle's radius must be in (0, 1)");
        }

        var random = new NumpyRandom(seed);
        int outer = m / 2, inner = m - outer;
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int i = 0; i < m; i++)
        {
            bool first = i < outer;
            double t = first ? 2 * Math.PI * i / outer : 2 * Math.PI * (i - outer) / inner;
            double r = first ? 1 : factor;
            x[0, i] = r * Math.Cos(t);
            x[1, i] = r * Math.Sin(t);
            labels[i] = first ? "0" : "1";
        }

        AddNoise(x, random, noise);
        return new Dataset("circles", ["x0", "x1"], x, "y", labels);
    }

    /// <summary>
    /// Gaussian blobs (scikit-learn's <c>make_blobs</c> geometry) labelled in two classes, as in the course's planar
    /// assignment (<c>make_blobs(centers=6)</c>, then <c>y % 2</c>): <paramref name="centers"/> centres drawn uniformly in
    /// [−10, 10)², m/centers points around each (the first m mod centers get one more), standard deviation
    /// <paramref name="std"/>; blob k has class k mod 2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4, centers less than 2 or std not positive.</exception>
    public static Dataset Blobs(int m = 400, uint seed = 1, int centers = 6, double std = 1.0)
    {
        Check(m, 0);
        if (centers < 2 || centers > m)
        {
            throw new ArgumentOutOfRangeException(nameof(centers), centers, "need at least 2 centres and no more than m");
        }

        if (!(std > 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "the standard deviation must be positive");
        }

        var random = new NumpyRandom(seed);
        var centre = new double[centers, 2];
        for (int k = 0; k < centers; k++)
        {
            centre[k, 0] = -10 + (20 * random.NextDouble());
            centre[k, 1] = -10 + (20 * random.NextDouble());
        }

        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        int j = 0;
        for (int k = 0; k < centers; k++)
        {
            int count = (m / centers) + (k < m % centers ? 1 : 0);
            for (int i = 0; i < count; i++, j++)
            {
                x[0, j] = centre[k, 0] + (std * random.NextGaussian());
                x[1, j] = centre[k, 1] + (std * random.NextGaussian());
                labels[j] = (k % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new Dataset("blobs", ["x0", "x1"], x, "y", labels);
    }

    /// <summary>
    /// Gaussian quantiles (scikit-learn's <c>make_gaussian_quantiles</c> geometry, as the course's
    /// <c>cov=0.5, n_classes=2</c>): m points from N(0, <paramref name="variance"/>·I) in 2-D; the half nearest the origin
    /// is class 0 and the outer half class 1, so the boundary is a circle.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4 or the variance is not positive.</exception>
    public static Dataset GaussianQuantiles(int m = 400, uint seed = 1, double variance = 0.5)
    {
        Check(m, 0);
        if (!(variance > 0) || !double.IsFinite(variance))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), variance, "the variance must be positive");
        }

        var random = new NumpyRandom(seed);
        double sd = Math.Sqrt(variance);
        var points = new (double X0, double X1)[m];
        for (int i = 0; i < m; i++)
        {
            points[i] = (sd * random.NextGaussian(), sd * random.NextGaussian());
        }

        var order = Enumerable.Range(0, m).OrderBy(i => (points[i].X0 * points[i].X0) + (points[i].X1 * points[i].X1)).ToArray();
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            x[0, j] = points[order[j]].X0;
            x[1, j] = points[order[j]].X1;
            labels[j] = j < m / 2 ? "0" : "1";
        }

        return new Dataset("quantiles", ["x0", "x1"], x, "y", labels);
    }

    /// <summary>
    /// The XOR pattern: m points uniform in [−1, 1)², class 1 where exactly one coordinate is positive (the second and
    /// fourth quadrants), plus Gaussian noise of standard deviation <paramref name="noise"/> added after labelling.
    /// No line separates it; one hidden layer of 2+ units does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m is less than 4 or the noise is negative.</exception>
    public static Dataset Xor(int m = 400, uint seed = 1, double noise = 0.1)
    {
        Check(m, noise);
        var random = new NumpyRandom(seed);
        var x = new Matrix<double>(2, m);
        var labels = new string[m];
        for (int j = 0; j < m; j++)
        {
            x[0, j] = -1 + (2 * random.NextDouble());
            x[1, j] = -1 + (2 * random.NextDouble());
            labels[j] = (x[0, j] > 0) != (x[1, j] > 0) ? "1" : "0";
        }

        AddNoise(x, random, noise);
        return new Dataset("xor", ["x0", "x1"], x, "y", labels);
    }

    private static void Check(int m, double noise)
    {
        if (m < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, "need at least 4 points");
        }

        if (!(noise >= 0) || !double.IsFinite(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "the noise must be 0 or more");
        }
    }

    /// <summary>Adds noise·N(0, 1) to every entry, row by row (as <c>X += normal(scale=noise, size=X.shape)</c>).</summary>
    private static void AddNoise(Matrix<double> x, NumpyRandom random, double noise)
    {
        if (noise == 0)
        {
            return;
        }

        for (int j = 0; j < x.Cols; j++)
        {
            for (int i = 0; i < x.Rows; i++)
            {
                x[i, j] += noise * random.NextGaussian();
            }
        }
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
