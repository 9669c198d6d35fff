using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Numerics;

namespace ShallowNet.MLNet;

/// <summary>Reads X (n_x, m) and, for a binary label, Y (1, m) from an <see cref="IDataView"/>.</summary>
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

    public static (Matrix<double> X, Matrix<double> Y) ReadBinary(IDataView data, string featureName, string labelName)
    {
        int n = FeatureCount(data.Schema, featureName);
        var featureColumn = data.Schema[featureName];
        var labelColumn = data.Schema.GetColumnOrNull(labelName) ?? throw new ArgumentOutOfRangeException(nameof(labelName), $"ShallowNetTrainer: no label column '{labelName}' in the data");
        var labelType = labelColumn.Type;
        if (labelType != BooleanDataViewType.Instance && labelType != NumberDataViewType.Single && labelType != NumberDataViewType.Double)
        {
            throw new ArgumentOutOfRangeException(nameof(labelName), $"ShallowNetTrainer: label column '{labelName}' is {labelType}; expected Boolean, or Single or Double holding 0 and 1");
        }

        var x = new List<float[]>();
        var y = new List<double>();
        using (var cursor = data.GetRowCursor([featureColumn, labelColumn]))
        {
            var features = cursor.GetGetter<VBuffer<float>>(featureColumn);
            Func<double> label = LabelGetter(cursor, labelColumn);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                features(ref buffer);
                var row = new float[n];
                buffer.CopyTo(row);
                double yj = label();
                if (yj is not (0 or 1))
                {
                    throw new InvalidInputException($"ShallowNetTrainer: row {x.Count + 1}: label {yj} is not 0 or 1 (binary classification)");
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
        var ym = new Matrix<double>(1, x.Count);
        for (int j = 0; j < x.Count; j++)
        {
            for (int i = 0; i < n; i++)
            {
                xm[i, j] = x[j][i];
            }

            ym[0, j] = y[j];
        }

        return (xm, ym);
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
