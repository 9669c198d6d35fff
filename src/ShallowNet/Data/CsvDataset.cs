using System.Globalization;
using ShallowNet.Numerics;

namespace ShallowNet.Data;

/// <summary>
/// Reads a table of numeric examples from CSV with a header row (plain or <c>.csv.gz</c>), one example per row, into
/// X (n_x, m) with one example per column. Every feature cell must be a finite number: this is the strict view of a
/// <see cref="CsvTable"/>, for data and models whose columns are all numeric (the lesson's, and version-1 model files).
/// </summary>
public static class CsvDataset
{
    /// <summary>
    /// Reads <paramref name="path"/>. The label column is <paramref name="labelColumn"/> or, when null and
    /// <paramref name="labelRequired"/>, the last column with a name (<see cref="Table.DefaultLabel"/>). The features are <paramref name="featureColumns"/> in that
    /// order or, when null, every other column.
    /// </summary>
    /// <param name="path">A .csv or .csv.gz file, or a .parquet file (read by <see cref="ParquetTable"/>).</param>
    /// <param name="labelColumn">The label column's name, or null for the last column with a name.</param>
    /// <param name="featureColumns">The feature columns to take, by name, or null for all but the label.</param>
    /// <param name="labelRequired">When false, a missing label column is allowed (prediction data).</param>
    /// <param name="extraColumns">Numeric columns read apart from the features (targets, sample weights), into <see cref="Dataset.Extra"/>.</param>
    /// <exception cref="InvalidInputException">The file is missing or malformed; the message names the file, line and column.</exception>
    /// <param name="dropInvalidRows">Skip rows with a missing, non-numeric or non-finite value (or the wrong number of fields) instead of refusing the file; <see cref="Dataset.DroppedRows"/> says how many.</param>
    public static Dataset Read(string path, string? labelColumn = null, IReadOnlyList<string>? featureColumns = null, bool labelRequired = true, IReadOnlyList<string>? extraColumns = null, bool dropInvalidRows = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = TableFile.Read(path, ReadOptions(labelColumn, labelRequired, dropInvalidRows));
        return FromTable(table, labelColumn, featureColumns, labelRequired, extraColumns, dropInvalidRows);
    }

    /// <summary>Reads CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidInputException">The text is malformed.</exception>
    public static Dataset Read(TextReader text, string source, string? labelColumn = null, IReadOnlyList<string>? featureColumns = null, bool labelRequired = true, IReadOnlyList<string>? extraColumns = null, bool dropInvalidRows = false)
    {
        var table = CsvTable.Read(text, source, ReadOptions(labelColumn, labelRequired, dropInvalidRows));
        return FromTable(table, labelColumn, featureColumns, labelRequired, extraColumns, dropInvalidRows);
    }

    // Every column is read (the file is read once: it may be a pipe); only an empty cell counts as missing here.
    private static TableReadOptions ReadOptions(string? labelColumn, bool labelRequired, bool dropInvalidRows) => new()
    {
        MissingTokens = [],
        DropInvalidRows = dropInvalidRows,
        TextColumns = labelColumn is null ? [] : [labelColumn],
        LastColumnIsText = labelColumn is null && labelRequired,
    };

    /// <summary>The numeric view of a table read in full: the label, feature and extra columns chosen by name.</summary>
    internal static Dataset FromTable(Table table, string? labelColumn, IReadOnlyList<string>? featureColumns, bool labelRequired, IReadOnlyList<string>? extraColumns, bool dropInvalidRows)
    {
        var header = table.Header;
        string? label = FindLabel(table, labelColumn, labelRequired);
        var extras = extraColumns ?? [];
        CsvTable.FindColumns(header, table.Source, extras);
        IReadOnlyList<string> features;
        if (featureColumns is null)
        {
            features = [.. header.Where(h => h != label && !extras.Contains(h))];
            if (features.Count == 0)
            {
                throw new InvalidInputException($"{table.Source}: no feature columns besides the label and target columns");
            }
        }
        else
        {
            CsvTable.FindColumns(header, table.Source, featureColumns, "feature column");
            features = featureColumns;
        }

        return FromTable(table, new ColumnPlan(label, features, extras), labelRequired, dropInvalidRows);
    }

    private static string? FindLabel(Table table, string? labelColumn, bool labelRequired)
    {
        var (header, source) = (table.Header, table.Source);
        if (labelColumn is null)
        {
            if (!labelRequired)
            {
                return null;
            }

            return header.Count >= 2
                ? table.DefaultLabel
                : throw new InvalidInputException($"{source}: only one column ('{header[0]}'); expected feature columns and a label column");
        }

        if (!header.Contains(labelColumn))
        {
            return labelRequired
                ? throw new InvalidInputException($"{source}: no label column '{labelColumn}'; the columns are {Table.ColumnList(header)}")
                : null;
        }

        return labelColumn;
    }

    private sealed record ColumnPlan(string? Label, IReadOnlyList<string> Features, IReadOnlyList<string> Extras);

    /// <summary>
    /// The numeric view of a table: the plan's features and extra columns as numbers, the label as text. A cell that is
    /// missing or not a number is an error naming its line and column, or drops its row with <paramref name="dropInvalidRows"/>.
    /// </summary>
    private static Dataset FromTable(Table table, ColumnPlan plan, bool labelRequired, bool dropInvalidRows)
    {
        var features = plan.Features.Select(n => table.Column(n)).ToArray();
        var extras = plan.Extras.Select(n => table.Column(n)).ToArray();
        var label = plan.Label is null ? null : table.Column(plan.Label);
        var keep = new List<int>(table.Rows);
        string? firstDropped = table.FirstDropped;
        for (int r = 0; r < table.Rows; r++)
        {
            try
            {
                foreach (var column in features.Concat(extras))
                {
                    CheckNumber(table, column, r);
                }

                if (label is not null)
                {
                    CheckLabel(table, label, r, labelRequired);
                }

                keep.Add(r);
            }
            catch (InvalidInputException e) when (dropInvalidRows)
            {
                firstDropped ??= e.Message[(table.Source.Length + 2)..];
            }
        }

        int dropped = table.DroppedRows + (table.Rows - keep.Count);
        if (keep.Count == 0)
        {
            throw new InvalidInputException($"{table.Source}: all {dropped} rows were invalid and dropped (first: {firstDropped})");
        }

        return new Dataset(table.Source, plan.Features, Rows(features, keep), plan.Label, label is null ? null : [.. keep.Select(r => label.TextAt(r) ?? string.Empty)])
        {
            ExtraNames = extras.Length > 0 ? plan.Extras : null,
            Extra = extras.Length > 0 ? Rows(extras, keep) : null,
            DroppedRows = dropped,
            FirstDropped = dropped > 0 ? firstDropped : null,
            Sha256 = table.Sha256,
            Locate = j => table.Location(keep[j]),
        };
    }

    private static Matrix<double> Rows(TableColumn[] columns, List<int> keep)
    {
        var x = new Matrix<double>(columns.Length, keep.Count);
        for (int i = 0; i < columns.Length; i++)
        {
            var values = columns[i].Numbers;
            var row = x.Row(i);
            for (int j = 0; j < keep.Count; j++)
            {
                row[j] = values[keep[j]];
            }
        }

        return x;
    }

    private static void CheckNumber(Table table, TableColumn column, int row)
    {
        if (column.TextAt(row) is { } text)
        {
            throw new InvalidInputException($"{table.Where(column, row)}: '{CellReader.Shorten(text)}' is not a number{Model.ColumnEncoding.DecimalCommaHint(text)}");
        }

        if (column.IsMissing(row))
        {
            throw new InvalidInputException($"{table.Where(column, row)}: empty cell; expected a number");
        }
    }

    /// <summary>A label must be there (when required) and must not be a number that is not finite (NaN, inf).</summary>
    internal static void CheckLabel(Table table, TableColumn column, int row, bool required)
    {
        string? text = column.TextAt(row);
        if (text is null && required)
        {
            throw new InvalidInputException($"{table.Where(column, row)}: missing label");
        }

        if (text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsFinite(number))
        {
            throw new InvalidInputException($"{table.Where(column, row)}: '{CellReader.Shorten(text)}' is not a valid label (a missing or non-finite value, not a class)");
        }
    }

    /// <summary>
    /// Opens a file, decompressing it when its name ends in .gz; a gzip file must be whole (every member's CRC-32 and
    /// length checked, nothing after the last member), or reading it throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static Stream OpenMaybeCompressed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decompressed(File.OpenRead(path), path);
    }

    internal static Stream Decompressed(Stream file, string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(file) : file;
}
