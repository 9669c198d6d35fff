using System.Globalization;
using Sylvan.Data.Csv;

namespace ShallowNet.Data;

/// <summary>
/// Reads a CSV file with a header row (plain or <c>.csv.gz</c>) into a <see cref="Table"/>, keeping numbers, texts and
/// missing cells apart. Numbers are parsed in the invariant culture whatever the machine's locale. Parsing is done by
/// Sylvan.Data.Csv (quotes, CRLF, BOM, delimiter detection); the structure is checked here: the header (no empty or
/// duplicate names; an empty name reads as pandas reads it, <see cref="UnnamedColumns"/>), the field count of every row, UTF-8 text, and finite numbers.
/// </summary>
public static class CsvTable
{
    /// <summary>The longest row (and the reader's largest buffer): 64 MiB of text.</summary>
    private const int MaxRow = 64 * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> (a .csv or .csv.gz file).</summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed; the message names the file, line and column.</exception>
    public static Table Read(string path, TableReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(Directory.Exists(path) ? $"{path}: is a directory, not a CSV file" : $"{path}: file not found");
        }

        try
        {
            // The file is hashed as it is read (one pass: a FIFO or pipe can be read only once), as stored.
            using var hashing = new HashingStream(File.OpenRead(path));
            using var stream = CsvDataset.Decompressed(hashing, path);
            using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true); // the CSV reader closes it
            var table = Read(text, path, options);
            table.Sha256 = hashing.FinishHex();
            return table;
        }
        catch (IOException e)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException($"{path}: not a valid gzip file: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException($"{path}: permission denied", e);
        }
        catch (Exception e) when (e is OutOfMemoryException or OverflowException)
        {
            throw new InvalidInputException($"{path}: too large to hold in memory ({new FileInfo(path).Length / 1e9:F1} GB of text, about 8 bytes per value as numbers); use fewer rows or columns", e);
        }
    }

    /// <summary>Reads CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidInputException">The text is malformed.</exception>
    public static Table Read(TextReader text, string source, TableReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        options ??= new TableReadOptions();
        var csvOptions = new CsvDataReaderOptions { HasHeaders = true, Culture = CultureInfo.InvariantCulture, MaxBufferSize = MaxRow };
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, csvOptions);
        }
        catch (Exception e) when (IsCsvError(e))
        {
            throw new InvalidInputException(e switch
            {
                CsvMissingHeadersException => $"{source}: the file is empty; expected a header row of column names",
                CsvRecordTooLargeException => $"{source}: a line longer than {MaxRow >> 20} MiB within the first lines, more than one row may hold; is it a CSV file?",
                _ => $"{source}: line 1: cannot read the header: {e.Message}",
            }, e);
        }

        using (reader)
        {
            var (header, unnamed) = ReadHeader(reader, source);
            int label = UnnamedColumns.DefaultLabel(header, unnamed);
            int[] read = options.Columns is null ? [.. Enumerable.Range(0, header.Length)] : FindColumns(header, source, options.Columns);
            var cells = new CellReader(options.MissingTokens);
            var builders = read.Select(i => options.Builder(header, i, label)).ToArray();
            var lines = new List<int>();
            int dropped = 0;
            string? firstDropped = null;
            long memoryBudget = options.ReadingBudget();

            // Sylvan numbers records; a quoted cell holding line breaks makes its record span several lines of the file,
            // and messages name the line an editor shows (the record's first)
            int breaks = header.Sum(LineBreaks);
            while (ReadRow(reader, source, breaks))
            {
                if ((lines.Count & 4095) == 4095)
                {
                    CheckMemory(source, lines.Count, read.Length, memoryBudget, options);
                }

                int line = reader.RowNumber + 1 + breaks; // Sylvan counts data rows from 1; the header is line 1
                for (int field = 0; field < reader.RowFieldCount; field++)
                {
                    breaks += LineBreaks(reader.GetFieldSpan(field));
                }

                if (reader.RowFieldCount == 1 && reader.GetFieldSpan(0).IsWhiteSpace())
                {
                    continue; // a blank line
                }

                try
                {
                    CheckRow(reader, header, source, line);
                    foreach (var column in builders)
                    {
                        cells.Check(reader.GetFieldSpan(column.Position), column, source, line);
                    }
                }
                catch (InvalidInputException e) when (options.DropInvalidRows)
                {
                    dropped++;
                    firstDropped ??= e.Message[(source.Length + 2)..];
                    continue;
                }

                foreach (var column in builders)
                {
                    cells.Add(reader.GetFieldSpan(column.Position), column);
                }

                lines.Add(line);
            }

            if (lines.Count == 0)
            {
                throw new InvalidInputException(dropped > 0
                    ? $"{source}: all {dropped} rows were invalid and dropped (first: {firstDropped})"
                    : $"{source}: no examples after the header");
            }

            return new Table(source, [.. builders.Select(b => b.Build())], [.. lines], header)
            {
                Unnamed = unnamed,
                MissingTokens = options.MissingTokens,
                DroppedRows = dropped,
                FirstDropped = firstDropped,
            };
        }
    }

    private static (string[] Header, string[] Unnamed) ReadHeader(CsvDataReader reader, string source)
    {
        var header = new string[reader.FieldCount];
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = reader.GetName(i).Trim();
        }

        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            throw new InvalidInputException($"{source}: the file is empty; expected a header row of column names");
        }

        if (header.Any(h => h.Contains('\uFFFD') || h.Contains('\0')))
        {
            throw new InvalidInputException($"{source}: not a UTF-8 text file (the header has bytes that are not text); expected CSV with a header row");
        }

        var unnamed = UnnamedColumns.Name(header);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (!seen.TryAdd(header[i], i))
            {
                throw new InvalidInputException($"{source}: line 1, column {i + 1}: duplicate column name '{header[i]}' (also column {seen[header[i]] + 1})");
            }
        }

        return (header, unnamed);
    }

    /// <summary>The positions of <paramref name="names"/> in the header; an error lists those that are not there.</summary>
    internal static int[] FindColumns(IReadOnlyList<string> header, string source, IReadOnlyList<string> names, string what = "column")
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);   // a lookup, not a scan per name: tables have thousands of columns
        for (int i = 0; i < header.Count; i++)
        {
            position.TryAdd(header[i], i);
        }

        var missing = names.Where(f => !position.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException(
                $"{source}: no {what}{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Count > 5 ? ", ..." : string.Empty)}; the columns are {Table.ColumnList(header)}");
        }

        return [.. names.Distinct(StringComparer.Ordinal).Select(f => position[f])];
    }

    /// <summary>The next record; a malformed one is reported at its first line (<paramref name="breaks"/>: the line breaks inside the cells before it).</summary>
    private static bool ReadRow(CsvDataReader reader, string source, int breaks)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new InvalidInputException($"{source}: line {reader.RowNumber + 1 + breaks}: longer than {MaxRow >> 20} MiB, more than one row may hold; is it a CSV file?", e);
        }
        catch (Exception e) when (IsCsvError(e))
        {
            throw new InvalidInputException($"{source}: line {reader.RowNumber + 1 + breaks}: {e.Message}", e);
        }
    }

    /// <summary>Line breaks in a cell or record (\n, \r\n or a lone \r, as the reader ends lines).</summary>
    internal static int LineBreaks(string cell) => LineBreaks(cell.AsSpan());

    private static int LineBreaks(ReadOnlySpan<char> cell)
    {
        int count = 0;
        for (int i = cell.IndexOfAny('\n', '\r'); i >= 0; i = cell.IndexOfAny('\n', '\r'))
        {
            count++;
            int next = cell[i] == '\r' && i + 1 < cell.Length && cell[i + 1] == '\n' ? i + 2 : i + 1;
            cell = cell[next..];
        }

        return count;
    }

    // Sylvan reports malformed CSV (bad quotes, records too large, missing headers) with its own exception types.
    private static bool IsCsvError(Exception e) => e.GetType().Namespace == typeof(CsvDataReader).Namespace;

    /// <summary>
    /// The row must have the header's field count, and every cell must be text: bytes that are not UTF-8 (decoded as
    /// U+FFFD, which would merge distinct labels into one) and NUL characters (which number parsing would ignore after
    /// a number) are refused.
    /// </summary>
    private static void CheckRow(CsvDataReader reader, string[] header, string source, int line)
    {
        if (reader.RowFieldCount != header.Length)
        {
            throw new InvalidInputException($"{source}: line {line}: {reader.RowFieldCount} fields, but the header has {header.Length}");
        }

        for (int col = 0; col < reader.RowFieldCount; col++)
        {
            var cell = reader.GetFieldSpan(col);
            int bad = cell.IndexOfAny('\uFFFD', '\0');
            if (bad >= 0)
            {
                string what = cell[bad] == '\0' ? "a NUL byte" : "bytes that are not UTF-8 text";
                throw new InvalidInputException($"{source}: line {line}, column {col + 1} ('{header[col]}'): {what} in '{CellReader.Shorten(cell[..bad])}...'; expected UTF-8 text");
            }
        }
    }

    /// <summary>
    /// The rows are streamed, but the cells must fit in memory as doubles (and training makes further copies): refuse
    /// early and clearly when the budget (<see cref="TableReadOptions.MemoryBudget"/>) would not do.
    /// </summary>
    private static void CheckMemory(string source, int rows, int valuesPerRow, long budget, TableReadOptions options)
    {
        long needed = 2L * 8 * (rows + 1) * valuesPerRow + (24L * rows);
        if (needed > budget)
        {
            throw new InvalidInputException(
                $"{source}: too large to hold in memory: {rows} rows of {valuesPerRow} values read so far need about {needed / 1e6:F0} MB to read and encode (each value twice, 8 bytes each), more than the {budget / 1e6:F0} MB reading may take ({options.BudgetSource(budget)}); use fewer rows or columns");
        }
    }
}
