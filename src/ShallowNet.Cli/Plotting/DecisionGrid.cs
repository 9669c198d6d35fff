using ShallowNet.Numerics;

namespace ShallowNet.Cli.Plotting;

/// <summary>
/// The data behind a decision-boundary picture: a grid over the input plane (the points' range plus a margin) and the
/// network's answer at each grid point. For a sigmoid output the value is P(class 1); for softmax it is the predicted
/// class index. Row 0 of <see cref="Values"/> is the top of the picture (the largest x1), as in an image.
/// </summary>
/// <param name="X0">Centres of the grid's columns along the first input, ascending.</param>
/// <param name="X1">Centres of the grid's rows along the second input, descending (row 0 at the top).</param>
/// <param name="Values">(rows, columns) = (X1.Length, X0.Length): P(class 1), or the class index for several classes.</param>
/// <param name="Classes">How many classes the network tells apart (2 for a sigmoid output).</param>
internal sealed record DecisionGrid(double[] X0, double[] X1, double[,] Values, int Classes)
{
    /// <summary>The plane's extent: left, right, bottom, top edges of the grid's cells.</summary>
    public (double Left, double Right, double Bottom, double Top) Extent
    {
        get
        {
            double dx = X0.Length > 1 ? X0[1] - X0[0] : 1, dy = X1.Length > 1 ? X1[0] - X1[1] : 1;
            return (X0[0] - (dx / 2), X0[^1] + (dx / 2), X1[^1] - (dy / 2), X1[0] + (dy / 2));
        }
    }

    /// <summary>The predicted class at grid cell (row, column): P &gt; 0.5 for a sigmoid output (the lesson's rule).</summary>
    public int ClassAt(int row, int column) => Classes == 2 ? (Values[row, column] > 0.5 ? 1 : 0) : (int)Values[row, column];

    /// <summary>
    /// Evaluates <paramref name="outputs"/> (raw inputs (2, k) → network output A[L] (n[L], k)) on a grid of
    /// <paramref name="resolution"/> × <paramref name="resolution"/> points covering <paramref name="rawX"/>'s points
    /// with a margin of 1 (the course's plot_decision_boundary) or 10% of the range, whichever is smaller.
    /// </summary>
    /// <exception cref="ArgumentException">X does not have 2 rows.</exception>
    public static DecisionGrid Compute(Matrix<double> rawX, Func<Matrix<double>, Matrix<double>> outputs, int resolution = 200)
    {
        ArgumentNullException.ThrowIfNull(rawX);
        ArgumentNullException.ThrowIfNull(outputs);
        if (rawX.Rows != 2)
        {
            throw new ArgumentException($"a decision boundary needs 2 inputs, got {rawX.Rows}", nameof(rawX));
        }

        var (x0Min, x0Max) = Range(rawX.Row(0));
        var (x1Min, x1Max) = Range(rawX.Row(1));
        double[] x0 = Axis(x0Min, x0Max, resolution, ascending: true);
        double[] x1 = Axis(x1Min, x1Max, resolution, ascending: false);

        var points = new Matrix<double>(2, x0.Length * x1.Length);
        for (int r = 0; r < x1.Length; r++)
        {
            for (int c = 0; c < x0.Length; c++)
            {
                points[0, (r * x0.Length) + c] = x0[c];
                points[1, (r * x0.Length) + c] = x1[r];
            }
        }

        var a = outputs(points);
        var values = new double[x1.Length, x0.Length];
        int classes = a.Rows == 1 ? 2 : a.Rows;
        for (int r = 0; r < x1.Length; r++)
        {
            for (int c = 0; c < x0.Length; c++)
            {
                int j = (r * x0.Length) + c;
                values[r, c] = a.Rows == 1 ? a[0, j] : ArgMax(a, j);
            }
        }

        return new DecisionGrid(x0, x1, values, classes);
    }

    private static int ArgMax(Matrix<double> a, int column)
    {
        int best = 0;
        for (int i = 1; i < a.Rows; i++)
        {
            if (a[i, column] > a[best, column])
            {
                best = i;
            }
        }

        return best;
    }

    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        double margin = Math.Min(1, Math.Max(0.1 * (max - min), 1e-3));
        return (min - margin, max + margin);
    }

    private static double[] Axis(double min, double max, int n, bool ascending)
    {
        var axis = new double[n];
        double step = (max - min) / n;
        for (int i = 0; i < n; i++)
        {
            double centre = min + ((i + 0.5) * step);
            axis[ascending ? i : n - 1 - i] = centre;
        }

        return axis;
    }
}
