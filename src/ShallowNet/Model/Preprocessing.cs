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
            double mean = Mean?[i] ?? 0, std = Std?[i] ?? 1;
            for (int j = 0; j < row.Length; j++)
            {
                double v = InputScale == 1 ? row[j] : row[j] / InputScale;
                row[j] = Mean is null && Std is null ? v : (v - mean) / std;
            }
        }
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

            var row = x.Row(i);
            double sum = 0;
            foreach (double v in row)
            {
                sum += v / inputScale;
            }

            mean[i] = sum / row.Length;
            double ss = 0;
            foreach (double v in row)
            {
                double d = (v / inputScale) - mean[i];
                ss += d * d;
            }

            double s = Math.Sqrt(ss / row.Length);
            std[i] = s > 0 ? s : 1;
        }

        return new Preprocessing(inputScale, mean, std);
    }
}
