using System.Numerics;
using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Cli;

/// <summary>Y from a data set's labels for each kind of output (0/1 row, one-hot columns, or target values).</summary>
internal static class TargetEncoding
{
    /// <summary>
    /// Y for <paramref name="kind"/>: binary (1, m), multiclass one-hot (k, m), regression (targets, m) from the label
    /// column or, for several targets, the extra columns named <paramref name="targets"/>.
    /// </summary>
    public static Matrix<T> Encode<T>(OutputKind kind, ClassLabels? classes, Dataset data, IReadOnlyList<string>? targets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case OutputKind.Binary:
                return classes!.EncodeBinary<T>(data.RequireLabels(), data.Source);
            case OutputKind.Multiclass:
                if (classes!.Count < 2)
                {
                    throw new InvalidInputException($"{data.Source}: the label has only one value ({classes.Preview()}); a classifier needs at least 2 classes");
                }

                return classes.EncodeOneHot<T>(data.RequireLabels(), data.Source);
            default:
                if (targets is { Count: > 1 })
                {
                    var y = new Matrix<T>(targets.Count, data.Examples);
                    for (int i = 0; i < targets.Count; i++)
                    {
                        var column = data.ExtraColumn(targets[i]);
                        for (int j = 0; j < column.Length; j++)
                        {
                            y[i, j] = T.CreateChecked(column[j]);
                        }
                    }

                    return y;
                }

                return Targets.Values<T>(data.RequireLabels(), data.Source, data.LabelName ?? "label");
        }
    }
}
