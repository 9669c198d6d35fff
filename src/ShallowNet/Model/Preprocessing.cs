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
        if (Mean is null && Std is null)
        {
            return v;
        }

        double mean = Mean?[feature] ?? 0, std = Std?[feature] ?? 1;
        double z = (v - mean) / std;

        // v − mean overflows only for values near ±1.8e308 on either side of the mean; divided first, they stay finite.
        return double.IsFinite(z) || !double.IsFinite(v) ? z : (v / std) - (mean / std);
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

            (mean[i], double s) = MeanAndStd(x.Row(i), columns, inputScale);
            std[i] = s > 0 ? s : 1;
        }

        return new Preprocessing(inputScale, mean, std);
    }

    /// <summary>
    /// The mean and population standard deviation of the entries <paramref name="columns"/> of <paramref name="row"/>
    /// (null for all), each divided by <paramref name="inputScale"/>. Finite for any finite values: where the plain sums
    /// overflow (values from about 1e154, whose squares pass double's 1.8e308), they are taken again on the values divided
    /// by the largest magnitude and scaled back; other data keeps the plain sums' bits.
    /// </summary>
    internal static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> row, int[]? columns, double inputScale)
    {
        var (mean, std) = Moments(row, columns, inputScale, 1);         // ÷ 1 is exact: the plain sums' bits
        if (double.IsFinite(mean) && double.IsFinite(std))
        {
            return (mean, std);
        }

        // u = v / c with c the largest |v|: every |u| ≤ 1, so no sum overflows, and mean·c, std·c ≤ c
        int count = columns?.Length ?? row.Length;
        double c = 0;
        for (int j = 0; j < count; j++)
        {
            c = Math.Max(c, Math.Abs(row[columns?[j] ?? j] / inputScale));
        }

        if (!double.IsFinite(c))
        {
            return (double.NaN, double.NaN);               // not finite values: refused when the data is read
        }

        (mean, std) = Moments(row, columns, inputScale, c);
        return (mean * c, std * c);
    }

    /// <summary>The mean and population standard deviation of the entries, each divided by the scale and then by <paramref name="divisor"/>.</summary>
    private static (double Mean, double Std) Moments(ReadOnlySpan<double> row, int[]? columns, double inputScale, double divisor)
    {
        int count = columns?.Length ?? row.Length;
        double sum = 0;
        for (int j = 0; j < count; j++)
        {
            sum += row[columns?[j] ?? j] / inputScale / divisor;
        }

        double mean = sum / count;
        double ss = 0;
        for (int j = 0; j < count; j++)
        {
            double d = (row[columns?[j] ?? j] / inputScale / divisor) - mean;
            ss += d * d;
        }

        return (mean, Math.Sqrt(ss / count));
    }
}
