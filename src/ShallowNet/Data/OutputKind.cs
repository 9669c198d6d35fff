using System.Globalization;

namespace ShallowNet.Data;

/// <summary>What a network predicts, which fixes its output layer and cost.</summary>
public enum OutputKind
{
    /// <summary>Two classes: one sigmoid unit, binary cross-entropy.</summary>
    Binary,

    /// <summary>k classes: k softmax units, cross-entropy.</summary>
    Multiclass,

    /// <summary>Numbers: identity units, mean squared error.</summary>
    Regression,
}

/// <summary>Choosing the output from the labels, and encoding labels as Y.</summary>
internal static class Targets
{
    /// <summary>Integer labels with at most this many distinct values are taken as classes.</summary>
    public const int MaxInferredClasses = 20;

    /// <summary>
    /// The output the labels call for: two distinct values → binary; text, or a few (≤ 20) integer values → multiclass;
    /// other numbers → regression. <paramref name="reason"/> says why, for the user.
    /// </summary>
    public static OutputKind Infer(IReadOnlyList<string> labels, out string reason)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = labels.Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var numbers = distinct.Select(d => double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : (double?)null).ToList();
        bool numeric = numbers.All(n => n is not null);
        int classes = numeric ? numbers.Distinct().Count() : distinct.Count;
        if (classes == 2)
        {
            reason = "the label has 2 distinct values";
            return OutputKind.Binary;
        }

        if (!numeric)
        {
            reason = $"the label has {classes} distinct text values";
            return OutputKind.Multiclass;
        }

        if (classes <= MaxInferredClasses && numbers.All(n => n == Math.Round(n!.Value)))
        {
            reason = $"the label has {classes} distinct integer values";
            return OutputKind.Multiclass;
        }

        reason = $"the label has {classes} distinct numeric values";
        return OutputKind.Regression;
    }

    /// <summary>Regression targets: the labels parsed as numbers, shape (1, m).</summary>
    /// <exception cref="InvalidInputException">A label is not a finite number.</exception>
    public static Numerics.Matrix<T> Values<T>(IReadOnlyList<string> labels, string source, string labelName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        var y = new Numerics.Matrix<T>(1, labels.Count);
        for (int j = 0; j < labels.Count; j++)
        {
            if (!double.TryParse(labels[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw new InvalidInputException($"{source}: {TableFile.ExampleLocation(source, j)} ('{labelName}'): '{labels[j]}' is not a number; a regression target must be numeric");
            }

            y[0, j] = T.CreateChecked(v);
        }

        return y;
    }
}
