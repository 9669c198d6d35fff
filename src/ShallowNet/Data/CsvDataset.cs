using System.Globalization;
using ShallowNet.Numerics;
using Sylvan.Data.Csv;

namespace ShallowNet.Data;

/// <summary>
/// Reads a table of examples from CSV with a header row (plain or <c>.csv.gz</c>), one example per row, into
/// X (n_x, m) with one example per column. Numbers are parsed in the invariant culture whatever the machine's
/// locale. Parsing is done by Sylvan.Data.Csv (quotes, CRLF, BOM, delimiter detection).
/// </summary>
public static class CsvDataset
{
    /// <summary>
    /// Reads <paramref name="path"/>. The label column is <paramref name="labelColumn"/> or, when null and
    /// <paramref name="labelRequired"/>, the last column. The features are <paramref name="featureColumns"/> in that
    /// order or, when null, every other column.
    /// </summary>
    /// <param name="path">A .csv or .csv.gz file.</param>
    /// <param name="labelColumn">The label column's name, or null for the last column.</param>
    /// <param name="featureColumns">The feature columns to take, by name, or null for all but the label.</param>
    /// <param name="labelRequired">When false, a missing label column is allowed (prediction data).</param>
    /// <param name="extraColumns">Numeric columns read apart from the features (targets, sample weights), into <see cref="Dataset.Extra"/>.</param>
    /// <exception cref="InvalidInputException">The file is missing or malformed; the message names the file, line and column.</exception>
    /// <param name="dropInvalidRows">Skip rows with a missing, non-numeric or non-finite value (or the wrong number of fields) instead of refusing the file; <see cref="Dataset.DroppedRows"/> says how many.</param>
    public static Dataset Read(string path, string? labelColumn = null, IReadOnlyList<string>? featureColumns = null, bool labelRequired = true, IReadOnlyList<string>? extraColumns = null, bool dropInvalidRows = false)
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
            using var stream = Decompressed(hashing, path);
            using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true); // the CSV reader closes it
            var data = Read(text, path, labelColumn, featureColumns, labelRequired, extraColumns, dropInvalidRows);
            return data with { Sha256 = hashing.FinishHex() };
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
            // The rows are streamed, but the examples themselves must fit in memory as doubles (8 bytes a value).
            throw new InvalidInputException($"{path}: too large to hold in memory ({new FileInfo(path).Length / 1e9:F1} GB of text, about 8 bytes per value as numbers); use fewer rows or columns", e);
        }
    }

    /// <summary>Reads CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidInputException">The text is malformed.</exception>
    public static Dataset Read(TextReader text, string source, string? labelColumn = null, IReadOnlyList<string>? featureColumns = null, bool labelRequired = true, IReadOnlyList<string>? extraColumns = null, bool dropInvalidRows = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Culture = CultureInfo.InvariantCulture,
            MaxBufferSize = 64 * 1024 * 1024,
        };

        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, options);
        }
        catch (Exception e) when (IsCsvError(e))
        {
            throw new InvalidInputException($"{source}: line 1: cannot read the header: {e.Message}", e);
        }

        using (reader)
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

            CheckHeader(header, source);
            int labelIndex = FindLabel(header, source, labelColumn, labelRequired);
            int[] extraIndex = FindColumns(header, source, extraColumns ?? [], "column");
            int[] featureIndex = FindFeatures(header, source, featureColumns, labelIndex, extraIndex);
            var extras = new List<double[]>();

            var rows = new List<double[]>();
            var labels = labelIndex >= 0 ? new List<string>() : null;
            int dropped = 0;
            string? firstDropped = null;
            long memoryBudget = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
            int valuesPerRow = featureIndex.Length + extraIndex.Length;
            while (ReadRow(reader, source))
            {
                if ((rows.Count & 4095) == 4095)
                {
                    CheckMemory(source, rows.Count, valuesPerRow, memoryBudget);
                }

                int line = reader.RowNumber + 1; // Sylvan counts data rows from 1; the header is line 1
                if (reader.RowFieldCount == 1 && reader.GetFieldSpan(0).IsWhiteSpace())
                {
                    continue; // a blank line
                }

                double[] row;
                double[]? extra = null;
                string? label;
                try
                {
                    if (reader.RowFieldCount != header.Length)
                    {
                        throw new InvalidInputException($"{source}: line {line}: {reader.RowFieldCount} fields, but the header has {header.Length}");
                    }

                    CheckText(reader, header, source, line);
                    row = new double[featureIndex.Length];
                    for (int f = 0; f < featureIndex.Length; f++)
                    {
                        int col = featureIndex[f];
                        row[f] = ParseNumber(reader.GetFieldSpan(col), source, line, col, header[col]);
                    }

                    if (extraIndex.Length > 0)
                    {
                        extra = new double[extraIndex.Length];
                        for (int e = 0; e < extraIndex.Length; e++)
                        {
                            extra[e] = ParseNumber(reader.GetFieldSpan(extraIndex[e]), source, line, extraIndex[e], header[extraIndex[e]]);
                        }
                    }

                    label = labelIndex >= 0 ? reader.GetString(labelIndex).Trim() : null;
                    if (label is { Length: 0 } && labelRequired)
                    {
                        throw new InvalidInputException($"{source}: line {line}, column {labelIndex + 1} ('{header[labelIndex]}'): empty label");
                    }

                    if (label is not null && double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsFinite(number))
                    {
                        throw new InvalidInputException($"{source}: line {line}, column {labelIndex + 1} ('{header[labelIndex]}'): '{Shorten(label)}' is not a valid label (a missing or non-finite value, not a class)");
                    }
                }
                catch (InvalidInputException e) when (dropInvalidRows)
                {
                    dropped++;
                    firstDropped ??= e.Message[(source.Length + 2)..];
                    continue;
                }

                rows.Add(row);
                if (extra is not null)
                {
                    extras.Add(extra);
                }

                if (label is not null)
                {
                    labels!.Add(label);
                }
            }

            if (rows.Count == 0)
            {
                throw new InvalidInputException(dropped > 0
                    ? $"{source}: all {dropped} rows were invalid and dropped (first: {firstDropped})"
                    : $"{source}: no examples after the header");
            }

            var x = new Matrix<double>(featureIndex.Length, rows.Count);
            for (int j = 0; j < rows.Count; j++)
            {
                for (int i = 0; i < featureIndex.Length; i++)
                {
                    x[i, j] = rows[j][i];
                }
            }

            Matrix<double>? extraMatrix = null;
            if (extraIndex.Length > 0)
            {
                extraMatrix = new Matrix<double>(extraIndex.Length, rows.Count);
                for (int j = 0; j < rows.Count; j++)
                {
                    for (int e = 0; e < extraIndex.Length; e++)
                    {
                        extraMatrix[e, j] = extras[j][e];
                    }
                }
            }

            return new Dataset(source, [.. featureIndex.Select(i => header[i])], x, labelIndex >= 0 ? header[labelIndex] : null, labels)
            {
                ExtraNames = extraIndex.Length > 0 ? [.. extraIndex.Select(i => header[i])] : null,
                Extra = extraMatrix,
                DroppedRows = dropped,
                FirstDropped = firstDropped,
            };
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

    private static Stream Decompressed(Stream file, string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(file) : file;

    private static bool ReadRow(CsvDataReader reader, string source)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception e) when (IsCsvError(e))
        {
            throw new InvalidInputException($"{source}: line {reader.RowNumber + 2}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The rows are streamed, but the examples must fit in memory as doubles (twice while X is assembled, and training
    /// makes further copies): refuse early and clearly when half the memory available to the process would not do.
    /// </summary>
    private static void CheckMemory(string source, int rows, int valuesPerRow, long budget)
    {
        long needed = 2L * 8 * (rows + 1) * valuesPerRow + (24L * rows);
        if (needed > budget)
        {
            throw new InvalidInputException(
                $"{source}: too large to hold in memory: {rows} rows of {valuesPerRow} values read so far already need {needed / 1e6:F0} MB of the {2 * budget / 1e6:F0} MB this process may use; use fewer rows or columns");
        }
    }

    // Sylvan reports malformed CSV (bad quotes, records too large, missing headers) with its own exception types.
    private static bool IsCsvError(Exception e) => e.GetType().Namespace == typeof(CsvDataReader).Namespace;

    /// <summary>
    /// Every cell of the row must be text: bytes that are not UTF-8 (decoded as U+FFFD, which would merge distinct
    /// labels into one) and NUL characters (which number parsing would ignore after a number) are refused.
    /// </summary>
    private static void CheckText(CsvDataReader reader, string[] header, string source, int line)
    {
        for (int col = 0; col < reader.RowFieldCount; col++)
        {
            var cell = reader.GetFieldSpan(col);
            int bad = cell.IndexOfAny('\uFFFD', '\0');
            if (bad >= 0)
            {
                string what = cell[bad] == '\0'
                    ? "a NUL byte"
                    : "bytes that are not UTF-8 text";
                throw new InvalidInputException($"{source}: line {line}, column {col + 1} ('{header[col]}'): {what} in '{Shorten(cell[..bad])}...'; expected UTF-8 text");
            }
        }
    }

    private static double ParseNumber(ReadOnlySpan<char> cell, string source, int line, int col, string name)
    {
        var trimmed = cell.Trim();
        if (trimmed.IsEmpty)
        {
            throw new InvalidInputException($"{source}: line {line}, column {col + 1} ('{name}'): empty cell; expected a number");
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            string hint = trimmed.Contains(',') && double.TryParse(trimmed.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? " (numbers use '.' as the decimal point)"
                : trimmed.Contains('\uFFFD') ? " (the file is not UTF-8 text)" : string.Empty;
            throw new InvalidInputException($"{source}: line {line}, column {col + 1} ('{name}'): '{Shorten(trimmed)}' is not a number{hint}");
        }

        if (!double.IsFinite(value))
        {
            throw new InvalidInputException($"{source}: line {line}, column {col + 1} ('{name}'): '{Shorten(trimmed)}' is not a finite number");
        }

        return value;
    }

    private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..37], "...");

    private static void CheckHeader(string[] header, string source)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new InvalidInputException($"{source}: line 1, column {i + 1}: empty column name in the header");
            }

            if (!seen.TryAdd(header[i], i))
            {
                throw new InvalidInputException($"{source}: line 1, column {i + 1}: duplicate column name '{header[i]}' (also column {seen[header[i]] + 1})");
            }
        }
    }

    private static int FindLabel(string[] header, string source, string? labelColumn, bool labelRequired)
    {
        if (labelColumn is null)
        {
            if (!labelRequired)
            {
                return -1;
            }

            if (header.Length < 2)
            {
                throw new InvalidInputException($"{source}: only one column ('{header[0]}'); expected feature columns and a label column");
            }

            return header.Length - 1;
        }

        int index = Array.IndexOf(header, labelColumn);
        if (index < 0 && labelRequired)
        {
            throw new InvalidInputException($"{source}: no label column '{labelColumn}'; the columns are {Columns(header)}");
        }

        return index;
    }

    private static int[] FindFeatures(string[] header, string source, IReadOnlyList<string>? featureColumns, int labelIndex, int[] extraIndex)
    {
        if (featureColumns is null)
        {
            var all = Enumerable.Range(0, header.Length).Where(i => i != labelIndex && Array.IndexOf(extraIndex, i) < 0).ToArray();
            if (all.Length == 0)
            {
                throw new InvalidInputException($"{source}: no feature columns besides the label and target columns");
            }

            return all;
        }

        return FindColumns(header, source, featureColumns, "feature column");
    }

    private static int[] FindColumns(string[] header, string source, IReadOnlyList<string> names, string what)
    {
        var missing = names.Where(f => Array.IndexOf(header, f) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException(
                $"{source}: no {what}{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Count > 5 ? ", ..." : string.Empty)}; the columns are {Columns(header)}");
        }

        return [.. names.Select(f => Array.IndexOf(header, f))];
    }

    private static string Columns(string[] header) =>
        string.Join(", ", header.Take(8).Select(h => $"'{h}'")) + (header.Length > 8 ? $", ... ({header.Length} in all)" : string.Empty);
}
