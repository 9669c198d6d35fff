using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ShallowNet.Data;

/// <summary>
/// Turns the row groups of an open Parquet file into a <see cref="Table"/>: the columns chosen by the options are
/// decoded group by group, then every row is checked in all its cells before any is kept, so that
/// <see cref="TableReadOptions.DropInvalidRows"/> drops a bad row whole, as for CSV.
/// </summary>
internal static class ParquetRows
{
    public static Table Read(ParquetReader reader, string source, TableReadOptions options)
    {
        var fields = reader.Schema.Fields;
        string[] header = [.. fields.Select(f => f.Name)];
        var unnamed = CheckHeader(header, source);
        int label = UnnamedColumns.DefaultLabel(header, unnamed);
        int[] read = options.Columns is null ? [.. Enumerable.Range(0, header.Length)] : CsvTable.FindColumns(header, source, options.Columns);
        foreach (int i in read)
        {
            if (ParquetColumnReader.Unsupported(fields[i]) is { } why)
            {
                throw new InvalidInputException($"{source}: column {i + 1} ('{header[i]}'): {why}");
            }
        }

        var cells = new CellReader(options.MissingTokens);
        bool nanIsMissing = cells.IsMissing("NaN");
        var builders = read.Select(i => options.Builder(header, i, label)).ToArray();
        CheckMemory(source, reader.RowGroups.Sum(g => g.RowCount), builders.Length, options);
        var rowNumbers = new List<int>();
        int dropped = 0, rowNumber = 0;
        string? firstDropped = null;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = (int)group.RowCount;
            var chunks = builders.Select(b => ReadChunk(group, (DataField)fields[b.Position], rows, b, source)).ToArray();
            for (int r = 0; r < rows; r++)
            {
                rowNumber++;
                try
                {
                    for (int c = 0; c < builders.Length; c++)
                    {
                        Check(chunks[c], r, builders[c], cells, nanIsMissing, source, rowNumber);
                    }
                }
                catch (InvalidInputException e) when (options.DropInvalidRows)
                {
                    dropped++;
                    firstDropped ??= e.Message[(source.Length + 2)..];
                    continue;
                }

                for (int c = 0; c < builders.Length; c++)
                {
                    Add(chunks[c], r, builders[c], cells);
                }

                rowNumbers.Add(rowNumber);
            }
        }

        if (rowNumbers.Count == 0)
        {
            throw new InvalidInputException(dropped > 0
                ? $"{source}: all {dropped} rows were invalid and dropped (first: {firstDropped})"
                : $"{source}: no rows");
        }

        return new Table(source, [.. builders.Select(b => b.Build())], [.. rowNumbers], header, numberedByRow: true)
        {
            Unnamed = unnamed,
            MissingTokens = options.MissingTokens,
            DroppedRows = dropped,
            FirstDropped = firstDropped,
        };
    }

    /// <summary>
    /// Decodes one column of a row group. Parquet.Net (6.1) finds no data for a column whose name is empty ("can't find
    /// schema element"), so that one is refused plainly rather than as a corrupt file.
    /// </summary>
    private static ParquetColumnChunk ReadChunk(ParquetRowGroupReader group, DataField field, int rows, ColumnBuilder column, string source)
    {
        try
        {
            return ParquetColumnReader.Read(group, field, rows);
        }
        catch (Exception e) when (e is not InvalidInputException && field.Name.Trim().Length == 0)
        {
            throw new InvalidInputException($"{source}: column {column.Position + 1} ('{column.Name}'): the Parquet reader cannot read a column with an empty name; name it (pandas: df.rename(columns={{'': 'index'}})) or write the table as CSV", e);
        }
    }

    /// <summary>
    /// The footer says how many rows there are: refuse at once, and clearly, a table whose cells as doubles (with the
    /// copies training makes) would not fit in the budget (<see cref="TableReadOptions.MemoryBudget"/>), or that claims more rows than an
    /// array can index (a corrupt footer).
    /// </summary>
    private static void CheckMemory(string source, long rows, int valuesPerRow, TableReadOptions options)
    {
        double needed = 2.0 * 8 * rows * valuesPerRow;
        long budget = options.ReadingBudget();
        if (rows < 0 || rows > int.MaxValue / 2 || needed > budget)
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: too large to hold in memory: {rows} rows of {valuesPerRow} values need about {needed / 1e6:F0} MB to read and encode (each value twice, 8 bytes each), more than the {budget / 1e6:F0} MB reading may take ({options.BudgetSource(budget)}); use fewer rows or columns"));
        }
    }

    // An empty name (pyarrow writes a column named "" as it is) reads as in CSV, so the same table reads alike in both.
    private static string[] CheckHeader(string[] header, string source)
    {
        if (header.Length == 0)
        {
            throw new InvalidInputException($"{source}: the file has no columns");
        }

        for (int i = 0; i < header.Length; i++)
        {
            header[i] = header[i].Trim().Length == 0 ? string.Empty : header[i];
        }

        var unnamed = UnnamedColumns.Name(header);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (!seen.TryAdd(header[i], i))
            {
                throw new InvalidInputException($"{source}: column {i + 1}: duplicate column name '{header[i]}' (also column {seen[header[i]] + 1})");
            }
        }

        return unnamed;
    }

    /// <summary>Refuses a cell that cannot be stored: text that is not UTF-8 or holds NUL (as for CSV), or a number that is not finite.</summary>
    private static void Check(ParquetColumnChunk chunk, int r, ColumnBuilder column, CellReader cells, bool nanIsMissing, string source, int rowNumber)
    {
        if (chunk.Nulls[r])
        {
            return;
        }

        if (chunk.Texts?[r] is { } text)
        {
            int bad = text.AsSpan().IndexOfAny('\uFFFD', '\0');
            if (bad >= 0)
            {
                string what = text[bad] == '\0' ? "a NUL character" : "bytes that are not UTF-8 text";
                throw new InvalidInputException($"{source}: row {rowNumber}, column {column.Position + 1} ('{column.Name}'): {what} in '{CellReader.Shorten(text.AsSpan(0, bad))}...'; expected UTF-8 text");
            }

            cells.Check(text, column, source, rowNumber, "row");
            return;
        }

        double value = chunk.Numbers[r];
        if (!column.KeepText && !double.IsFinite(value) && !(double.IsNaN(value) && nanIsMissing))
        {
            throw new InvalidInputException($"{source}: row {rowNumber}, column {column.Position + 1} ('{column.Name}'): {Format(value)} is not a finite number");
        }
    }

    private static void Add(ParquetColumnChunk chunk, int r, ColumnBuilder column, CellReader cells)
    {
        if (chunk.Nulls[r])
        {
            column.AddMissing();
        }
        else if (chunk.Texts?[r] is { } text)
        {
            cells.Add(text, column);
        }
        else if (column.KeepText)
        {
            // A label kept as written: a number has no written form in Parquet, so its shortest round-trip form stands in
            // (and a NaN is missing where the text "NaN" would be).
            cells.Add(Format(chunk.Numbers[r]), column);
        }
        else if (double.IsNaN(chunk.Numbers[r]))
        {
            column.AddMissing(); // only reached when "NaN" is a missing token
        }
        else
        {
            column.AddNumber(chunk.Numbers[r]);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
