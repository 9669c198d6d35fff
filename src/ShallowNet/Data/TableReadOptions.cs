namespace ShallowNet.Data;

/// <summary>How a table is read: which columns, which cells count as missing, and what to do with invalid rows.</summary>
public sealed record TableReadOptions
{
    /// <summary>The cells that mean "missing" when no other list is given: empty, NA, N/A, NaN, nan, ?, null, NULL.</summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } = ["", "NA", "N/A", "NaN", "nan", "?", "null", "NULL"];

    /// <summary>The columns to read, by name (each must exist), or null for every column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Columns kept as written in every cell (a label: "1.0" stays "1.0"); only an empty cell is missing there.</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>Keep the last column as written too (the label when none is named).</summary>
    public bool LastColumnIsText { get; init; }

    /// <summary>
    /// Cells (after trimming spaces) read as missing. An empty cell is always missing. Numbers that are not finite
    /// (inf, 1e999, and NaN unless listed here) are refused: they are not values a network can learn from.
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>Skip rows with the wrong number of fields or a non-finite number instead of refusing the file.</summary>
    public bool DropInvalidRows { get; init; }
}
