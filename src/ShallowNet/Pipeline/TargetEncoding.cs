using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Pipeline;

/// <summary>Y (n[L], m) from the fit data for each kind of output: a 0/1 row, one-hot columns, or the target values.</summary>
internal static class TargetEncoding
{
    /// <summary>Y of a table read with <see cref="CsvDataset"/>, with several regression <paramref name="targets"/> read as extra columns.</summary>
    /// <exception cref="InvalidInputException">See the other overload.</exception>
    public static Matrix<double> Encode(OutputKind kind, ClassLabels? classes, Dataset data, IReadOnlyList<string>? targets) =>
        Encode(kind, classes, FitData.FromDataset(data, targets));

    /// <summary>
    /// Y for <paramref name="kind"/>: <see cref="FitData.Y"/> when the caller gave it; else binary (1, m) and multiclass
    /// one-hot (k, m) from the labels and <paramref name="classes"/>, regression (1, m) from the labels parsed as numbers.
    /// </summary>
    /// <exception cref="InvalidInputException">A label is not one of the classes, fewer than 2 classes, or a regression label is not a number.</exception>
    public static Matrix<double> Encode(OutputKind kind, ClassLabels? classes, FitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Y is { } given)
        {
            return given;
        }

        switch (kind)
        {
            case OutputKind.Binary:
                return classes!.EncodeBinary<double>(data.RequireLabels(), data.Source);
            case OutputKind.Multiclass:
                if (classes!.Count < 2)
                {
                    throw new InvalidInputException($"{data.Source}: the label has only one value ({classes.Preview()}); a classifier needs at least 2 classes");
                }

                return classes.EncodeOneHot<double>(data.RequireLabels(), data.Source);
            default:
                return Targets.Values<double>(data.RequireLabels(), data.Source, data.LabelName ?? "label");
        }
    }
}
