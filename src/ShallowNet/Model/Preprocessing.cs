using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// What is done to raw features before the network sees them, stored in the model file so that predict does the
/// same: x ← x / input_scale, then, when standardising, x ← (x − mean) / std per feature (from the training set).
/// </summary>
/// <param name="InputScale">Every feature is divided by it (the course divides pixels by 255). 1 = unchanged.</param>
/// <param name="Mean">Per-feature mean after scaling, or null.</param>
/// <param name="Std">Per-feature standard deviation after scaling, or null.</param>
public sealed record Preprocessing(double InputScale = 1, IReadOnlyList<double>? Mean = null, IReadOnlyList<double>? Std = null)
{
    /// <summary>No preprocessing.</summary>
    public static Preprocessing None { get; } = new();

    /// <summary>Whether <see cref="Apply"/> changes anything.</summary>
    public bool IsIdentity => InputScale == 1 && Mean is null && Std is null;

    /// <summary>The preprocessed copy of X (n_x, m).</summary>
    public Matrix<double> Apply(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = x.Clone();
        ApplyInPlace(result);
        return result;
    }

    /// <summary>Preprocesses X (n_x, m) where it is, for a copy the caller owns (training keeps fewer copies of X).</summary>
    internal void ApplyInPlace(Matrix<double> x)
    {
        if (IsIdentity)
        {
            return;
        }

        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = Transform(i, row[j]);
            }
        }
    }

    /// <summary>
    /// The preprocessed columns <paramref name="columns"/> of X (n_x, m) in precision T, converted value by value: a
    /// float32 run gets the bits that preprocessing in double and converting would give, without a double copy of X.
    /// </summary>
    internal Matrix<T> ApplyTo<T>(Matrix<double> x, ReadOnlySpan<int> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(x.Rows, columns.Length);
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<double> source = x.Row(i);
            var row = result.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = T.CreateChecked(Transform(i, source[columns[j]]));
            }
        }

        return result;
    }

    /// <summary>Feature <paramref name="feature"/>'s value <paramref name="x"/> preprocessed.</summary>
    private double Transform(int feature, double x)
    {
        double v = InputScale == 1 ? x : x / InputScale;
        return Mean is null && Std is null ? v : (v - (Mean?[feature] ?? 0)) / (Std?[feature] ?? 1);
    }

    /// <summary>
    /// Standardisation fitted on X (n_x, m) after dividing by <paramref name="inputScale"/>: the mean and the population
    /// standard deviation of each feature (a constant feature gets std 1, so it maps to 0).
    /// </summary>
    /// <param name="x">The training features.</param>
    /// <param name="inputScale">Every feature is divided by it first.</param>
    /// <param name="standardize">Whether to centre and scale.</param>
    /// <param name="scalable">Per feature, whether to standardise it (one-hot features keep mean 0, std 1: they stay 0/1); null for all.</param>
    public static Preprocessing Fit(Matrix<double> x, double inputScale, bool standardize, IReadOnlyList<bool>? scalable = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fit(x, null, inputScale, standardize, scalable);
    }

    /// <summary>As <see cref="Fit(Matrix{double}, double, bool, IReadOnlyList{bool}?)"/> on the columns <paramref name="columns"/> of X (in that order; null for all), without copying them.</summary>
    internal static Preprocessing Fit(Matrix<double> x, int[]? columns, double inputScale, bool standardize, IReadOnlyList<bool>? scalable)
    {
        if (!standardize)
        {
            return new Preprocessing(inputScale);
        }

        var mean = new double[x.Rows];
        var std = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            if (scalable is not null && !scalable[i])
            {
                (mean[i], std[i]) = (0, 1);
                continue;
            }

            ReadOnlySpan<double> row = x.Row(i);
            int count = columns?.Length ?? row.Length;
            double sum = 0;
            for (int j = 0; j < count; j++)
            {
                sum += row[columns?[j] ?? j] / inputScale;
            }

            mean[i] = sum / count;
            double ss = 0;
            for (int j = 0; j < count; j++)
            {
                double d = (row[columns?[j] ?? j] / inputScale) - mean[i];
                ss += d * d;
            }

            double s = Math.Sqrt(ss / count);
            std[i] = s > 0 ? s : 1;
        }

        return new Preprocessing(inputScale, mean, std);
    }
}
