namespace ShallowNet.Data;

/// <summary>
/// A table as read from a file (CSV, gzip-compressed CSV or Parquet), one example per row, with every column kept as it
/// was written: numbers, texts and missing cells. <see cref="Dataset"/> is its numeric view; the column encoding
/// (<see cref="Model.ColumnEncoding"/>) turns it into X for a network.
/// </summary>
public sealed class Table
{
    private readonly Dictionary<string, TableColumn> _byName;
    private readonly int[] _lines;

    // Parquet has no lines: its cells are placed by data row (from 1), and messages must say so.
    private readonly bool _numberedByRow;

    internal Table(string source, IReadOnlyList<TableColumn> columns, int[] lines, IReadOnlyList<string> header, bool numberedByRow = false)
    {
        Source = source;
        Columns = columns;
        Header = header;
        _lines = lines;
        _numberedByRow = numberedByRow;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the table came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The columns read, in file order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Every column name in the file (also those not read), in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>
    /// The columns the header left unnamed, under the names pandas gives them (<c>Unnamed: N</c>, N the position from
    /// 0): the index <c>df.to_csv()</c> writes, the empty column a trailing comma makes.
    /// </summary>
    public IReadOnlyList<string> Unnamed { get; internal init; } = [];

    /// <summary>The cells read as missing (<see cref="TableReadOptions.MissingTokens"/>): the model records them.</summary>
    public IReadOnlyList<string> MissingTokens { get; internal init; } = TableReadOptions.DefaultMissingTokens;

    /// <summary>The label when none is named: the last column with a name in the header, or the last column when none has one.</summary>
    public string DefaultLabel => Header[UnnamedColumns.DefaultLabel(Header, Unnamed)];

    /// <summary>The number of rows (examples).</summary>
    public int Rows => _lines.Length;

    /// <summary>Lowercase hex SHA-256 of the file's bytes as stored, or null.</summary>
    public string? Sha256 { get; internal set; }

    /// <summary>Rows skipped as invalid (only when reading with dropInvalidRows).</summary>
    public int DroppedRows { get; init; }

    /// <summary>Why the first dropped row was dropped, or null.</summary>
    public string? FirstDropped { get; init; }

    /// <summary>The column called <paramref name="name"/>, or null.</summary>
    public TableColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidInputException">There is none; the message lists the columns.</exception>
    public TableColumn Column(string name, string what = "column") =>
        Find(name) ?? throw new InvalidInputException($"{Source}: no {what} '{name}'; the columns are {ColumnList(Header)}");

    /// <summary>The cells of a column that is not a feature (a target, weights): every one must be a number.</summary>
    /// <exception cref="InvalidInputException">The column is missing, or a cell is missing or text; the message names line and column.</exception>
    public double[] RequireNumbers(string name, string what = "column")
    {
        var column = Column(name, what);
        int text = column.FirstTextRow, missing = column.FirstMissingRow;
        if (text >= 0 || missing >= 0)
        {
            int row = text >= 0 && (missing < 0 || text < missing) ? text : missing;
            throw new InvalidInputException(column.TextAt(row) is { } t
                ? $"{Where(column, row)}: '{t}' is not a number"
                : $"{Where(column, row)}: empty cell; expected a number");
        }

        return column.Numbers.ToArray();
    }

    /// <summary>
    /// The line of the file that holds row <paramref name="row"/> (the header is line 1), for messages; for a file
    /// without lines (Parquet), the data row's number counted from 1.
    /// </summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>Where row <paramref name="row"/> is in the file, for messages: "line L" (CSV) or "row R" (Parquet, from 1).</summary>
    public string Location(int row) => $"{(_numberedByRow ? "row" : "line")} {LineOf(row)}";

    /// <summary>"source: line L, column C ('name')" for a cell (or "row R" for Parquet), the start of an error message.</summary>
    public string Where(TableColumn column, int row) =>
        $"{Source}: {Location(row)}, column {column.Position + 1} ('{column.Name}')";

    /// <summary>The table restricted to <paramref name="rows"/>, in that order (a fold, a split).</summary>
    public Table SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Table(Source, [.. Columns.Select(c => c.Select(rows))], [.. rows.Select(r => _lines[r])], Header, _numberedByRow) { Sha256 = Sha256, Unnamed = Unnamed, MissingTokens = MissingTokens };
    }

    /// <summary>The same rows, saying that <paramref name="dropped"/> rows were dropped in all, the first for <paramref name="firstDropped"/>.</summary>
    public Table WithDropped(int dropped, string firstDropped) =>
        new(Source, Columns, _lines, Header, _numberedByRow) { Sha256 = Sha256, Unnamed = Unnamed, MissingTokens = MissingTokens, DroppedRows = dropped, FirstDropped = firstDropped };

    /// <summary>Up to eight names quoted, then how many in all.</summary>
    internal static string ColumnList(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(8).Select(h => $"'{h}'")) + (names.Count > 8 ? $", ... ({names.Count} in all)" : string.Empty);
}
