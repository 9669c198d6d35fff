using System.Globalization;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>
/// What the estimators check of data handed over in memory before fitting, so that a caller's mistake is named as
/// one: a NaN label became a NullReferenceException, a NaN in X "training diverged" after the work, a table of rows
/// without features a message about an internal 'sizes' parameter.
/// </summary>
internal static class FitInputs
{
    /// <exception cref="ArgumentException">X has no features, a feature name or a label is null.</exception>
    /// <exception cref="InvalidInputException">A value of X or of the targets is NaN or infinite.</exception>
    public static void Check(FitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.X.Rows == 0)
        {
            throw new ArgumentException("X has no features (0 rows of n_x): each example needs at least one value", nameof(data));
        }

        if (IndexOfNull(data.FeatureNames) is int unnamed and >= 0)
        {
            throw new ArgumentException($"featureNames[{unnamed}] is null; every feature needs a name (the model file records them)", nameof(data));
        }

        if (data.Labels is { } labels && IndexOfNull(labels) is int label and >= 0)
        {
            throw new ArgumentException($"labels[{label}] is null; every example needs a label", nameof(data));
        }

        RequireFinite(data.X, "X", data.FeatureNames);
        if (data.Y is { } y)
        {
            RequireFinite(y, "the targets", data.TargetNames);
        }
    }

    private static int IndexOfNull(IReadOnlyList<string> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                return i;
            }
        }

        return -1;
    }

    private static void RequireFinite(Numerics.Matrix<double> values, string what, IReadOnlyList<string>? names)
    {
        int bad = Array.FindIndex(values.Data, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            int row = bad / values.Cols, example = bad % values.Cols;
            string name = names is not null && row < names.Count ? $" ('{names[row]}')" : string.Empty;
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{what}[{row}, {example}]{name}, example {example}: {values.Data[bad]} is not a finite number; drop or impute it before fitting"));
        }
    }
}
