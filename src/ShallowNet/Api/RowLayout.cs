using System.Globalization;
using ShallowNet.Numerics;

namespace ShallowNet.Api;

/// <summary>
/// Converts between scikit-learn's layout (rows × features, one example per row) and the lesson's X (n_x, m), one
/// example per column, which is what the pipeline and the network take. The numbers are copied unchanged, so a fit on
/// rows gives the bits of a fit on the transposed matrix.
/// </summary>
internal static class RowLayout
{
    /// <summary>X (n_x, m) from m rows of n_x features each.</summary>
    /// <exception cref="ArgumentException">There are no rows, or a row is null or differs in length from row 0.</exception>
    public static Matrix<double> ToColumns(IReadOnlyList<double[]> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Count == 0)
        {
            throw new ArgumentException("there are no rows (examples); pass one row of features per example", name);
        }

        int features = (rows[0] ?? throw Ragged(0, null, 0, name)).Length;
        var x = new Matrix<double>(features, rows.Count);
        for (int j = 0; j < rows.Count; j++)
        {
            var row = rows[j];
            if (row is null || row.Length != features)
            {
                throw Ragged(j, row, features, name);
            }

            for (int i = 0; i < features; i++)
            {
                x[i, j] = row[i];
            }
        }

        return x;
    }

    /// <summary>X (n_x, m) from an m × n_x array, each value widened to double.</summary>
    /// <exception cref="ArgumentException">The array has no rows.</exception>
    public static Matrix<double> ToColumns(float[,] rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        int m = rows.GetLength(0), features = rows.GetLength(1);
        if (m == 0)
        {
            throw new ArgumentException("there are no rows (examples); pass one row of features per example", name);
        }

        var x = new Matrix<double>(features, m);
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < features; i++)
            {
                x[i, j] = rows[j, i];
            }
        }

        return x;
    }

    /// <summary>Y (1, m) from one target per example.</summary>
    public static Matrix<double> ToRow(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var y = new Matrix<double>(1, values.Count);
        for (int j = 0; j < values.Count; j++)
        {
            y[0, j] = values[j];
        }

        return y;
    }

    /// <summary>One row per column of <paramref name="columns"/> (k, m): m rows of k values.</summary>
    public static double[][] ToRows(Matrix<double> columns) => columns.Transpose().ToRows();

    /// <summary>Checks that <paramref name="count"/> (labels, targets or weights) matches the number of rows.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public static void RequireCount(Matrix<double> x, int count, string what, string name)
    {
        if (count != x.Cols)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"X has {x.Cols} rows (examples) but {count} {what}; give one per row"), name);
        }
    }

    private static ArgumentException Ragged(int j, double[]? row, int features, string name) =>
        new(row is null
            ? string.Create(CultureInfo.InvariantCulture, $"row {j} is null; every row must hold the example's features")
            : string.Create(CultureInfo.InvariantCulture, $"row {j} has {row.Length} features but row 0 has {features}; the rows must all be the same length (no ragged rows)"), name);
}
