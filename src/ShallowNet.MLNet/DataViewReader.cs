using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Numerics;

namespace ShallowNet.MLNet;

/// <summary>Reads X (n_x, m), the labels and the optional example weights from an <see cref="IDataView"/>.</summary>
internal static class DataViewReader
{
    /// <summary>The size of the feature column, which must be a known-size vector of Single.</summary>
    public static int FeatureCount(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"ShallowNetTrainer: no feature column '{name}' in the data");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType item, Size: > 0 } vector || item.RawType != typeof(float))
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"ShallowNetTrainer: feature column '{name}' is {column.Type}; expected a known-size vector of Single (use mlContext.Transforms.Concatenate)");
        }

        return vector.Size;
    }

    /// <summary>Reads X, the 0/1 label Y (1, m) and the weights (null without a weight column) of a binary classification.</summary>
    public static (Matrix<double> X, Matrix<double> Y, double[]? Weights) ReadBinary(IDataView data, string featureName, string labelName, string? weightName)
    {
        var labelColumn = LabelColumn(data.Schema, labelName);
        var labelType = labelColumn.Type;
        if (labelType != BooleanDataViewType.Instance && labelType != NumberDataViewType.Single && labelType != NumberDataViewType.Double)
        {
            throw new ArgumentOutOfRangeException(nameof(labelName), $"ShallowNetTrainer: label column '{labelName}' is {labelType}; expected Boolean, or Single or Double holding 0 and 1");
        }

        var (x, y, w) = Read(data, featureName, labelColumn, weightName, LabelGetter, static (row, yj) =>
        {
            if (yj is not (0 or 1))
            {
                throw new InvalidInputException($"ShallowNetTrainer: row {row}: label {yj} is not 0 or 1 (binary classification)");
            }
        });
        return (x, Row(y), w);
    }

    /// <summary>Reads X and the target Y (1, m) of a regression: a Single or Double label, finite on every row.</summary>
    public static (Matrix<double> X, Matrix<double> Y, double[]? Weights) ReadRegression(IDataView data, string featureName, string labelName, string? weightName)
    {
        var labelColumn = LabelColumn(data.Schema, labelName);
        if (labelColumn.Type != NumberDataViewType.Single && labelColumn.Type != NumberDataViewType.Double)
        {
            throw new ArgumentOutOfRangeException(nameof(labelName), $"ShallowNetRegressionTrainer: label column '{labelName}' is {labelColumn.Type}; expected Single or Double");
        }

        var (x, y, w) = Read(data, featureName, labelColumn, weightName, LabelGetter, static (row, yj) =>
        {
            if (!double.IsFinite(yj))
            {
                throw new InvalidInputException($"ShallowNetRegressionTrainer: row {row}: label {yj} is not a finite number");
            }
        });
        return (x, Row(y), w);
    }

    /// <summary>Reads X and the class index (key − 1, 0..k−1) of every row of a key-typed label with <paramref name="classes"/> keys.</summary>
    public static (Matrix<double> X, int[] Classes, double[]? Weights) ReadMulticlass(IDataView data, string featureName, DataViewSchema.Column labelColumn, string? weightName, int classes)
    {
        var (x, y, w) = Read(data, featureName, labelColumn, weightName, KeyGetter, (row, yj) =>
        {
            if (yj < 1 || yj > classes)
            {
                throw new InvalidInputException(yj == 0
                    ? $"ShallowNetMulticlassTrainer: row {row}: the label is missing (key 0)"
                    : $"ShallowNetMulticlassTrainer: row {row}: label key {yj} is outside 1..{classes}");
            }
        });
        return (x, [.. y.Select(v => (int)v - 1)], w);
    }

    private static DataViewSchema.Column LabelColumn(DataViewSchema schema, string labelName) =>
        schema.GetColumnOrNull(labelName) ?? throw new ArgumentOutOfRangeException(nameof(labelName), $"ShallowNetTrainer: no label column '{labelName}' in the data");

    private static Matrix<double> Row(List<double> y)
    {
        var ym = new Matrix<double>(1, y.Count);
        for (int j = 0; j < y.Count; j++)
        {
            ym[0, j] = y[j];
        }

        return ym;
    }

    /// <summary>The example weight column: a Single or Double scalar, or null when no weights are asked for.</summary>
    private static DataViewSchema.Column? WeightColumn(DataViewSchema schema, string? weightName)
    {
        if (weightName is null)
        {
            return null;
        }

        var column = schema.GetColumnOrNull(weightName) ?? throw new ArgumentOutOfRangeException(nameof(weightName), $"ShallowNetTrainer: no example weight column '{weightName}' in the data");
        return column.Type == NumberDataViewType.Single || column.Type == NumberDataViewType.Double ? column
            : throw new ArgumentOutOfRangeException(nameof(weightName), $"ShallowNetTrainer: example weight column '{weightName}' is {column.Type}; expected Single or Double");
    }

    private static (Matrix<double> X, List<double> Y, double[]? Weights) Read(
        IDataView data, string featureName, DataViewSchema.Column labelColumn, string? weightName,
        Func<DataViewRowCursor, DataViewSchema.Column, Func<double>> makeLabelGetter, Action<int, double> check)
    {
        int n = FeatureCount(data.Schema, featureName);
        var featureColumn = data.Schema[featureName];
        var weightColumn = WeightColumn(data.Schema, weightName);
        var x = new List<float[]>();
        var y = new List<double>();
        var weights = new List<double>();
        using (var cursor = data.GetRowCursor(weightColumn is { } wc ? [featureColumn, labelColumn, wc] : [featureColumn, labelColumn]))
        {
            var features = cursor.GetGetter<VBuffer<float>>(featureColumn);
            Func<double> label = makeLabelGetter(cursor, labelColumn);
            Func<double>? weight = weightColumn is { } column ? LabelGetter(cursor, column) : null;
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                features(ref buffer);
                var row = new float[n];
                buffer.CopyTo(row);
                double yj = label();
                check(x.Count + 1, yj);
                if (weight is not null)
                {
                    // Checked here, by row, as the pipeline's own check speaks of a CSV file's lines.
                    double wj = weight();
                    if (!(double.IsFinite(wj) && wj >= 0))
                    {
                        throw new InvalidInputException($"ShallowNetTrainer: row {x.Count + 1}: example weight {wj} in column '{weightName}' is {(double.IsFinite(wj) ? "negative" : "not a finite number")}");
                    }

                    weights.Add(wj);
                }

                x.Add(row);
                y.Add(yj);
            }
        }

        if (x.Count == 0)
        {
            throw new InvalidInputException("ShallowNetTrainer: the training data has no rows");
        }

        var xm = new Matrix<double>(n, x.Count);
        for (int j = 0; j < x.Count; j++)
        {
            for (int i = 0; i < n; i++)
            {
                xm[i, j] = x[j][i];
            }
        }

        return (xm, y, weightColumn is null ? null : [.. weights]);
    }

    private static Func<double> KeyGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<uint>(column);
        return () =>
        {
            uint v = 0;
            getter(ref v);
            return v;
        };
    }

    private static Func<double> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(column);
            return () =>
            {
                bool v = false;
                getter(ref v);
                return v ? 1 : 0;
            };
        }

        if (column.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(column);
            return () =>
            {
                float v = 0;
                getter(ref v);
                return v;
            };
        }

        var doubles = cursor.GetGetter<double>(column);
        return () =>
        {
            double v = 0;
            doubles(ref v);
            return v;
        };
    }
}
