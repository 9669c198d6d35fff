namespace ShallowNet.Data;

/// <summary>How a table is read: which columns, which cells count as missing, and what to do with invalid rows.</summary>
public sealed record TableReadOptions
{
    /// <summary>The cells that mean "missing" when no other list is given: empty, NA, N/A, NaN, nan, ?, null, NULL.</summary>
    public static IReadOnlyList<string> DefaultMissingTokens { get; } = ["", "NA", "N/A", "NaN", "nan", "?", "null", "NULL"];

    /// <summary>The columns to read, by name (each must exist), or null for every column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// Columns kept as written in every cell (a label: "1.0" stays "1.0"); a missing-value token is missing there as in
    /// every other column, so that "NA" is no class.
    /// </summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>Columns kept exactly as written, tokens included (an id copied to predict's output); only an empty cell is missing there.</summary>
    public IReadOnlyList<string> VerbatimColumns { get; init; } = [];

    /// <summary>Keep the label's column when none is named as written too: the last column with a name (<see cref="Table.DefaultLabel"/>).</summary>
    public bool LastColumnIsText { get; init; }

    /// <summary>
    /// Cells (after trimming spaces) read as missing. An empty cell is always missing. Numbers that are not finite
    /// (inf, 1e999, and NaN unless listed here) are refused: they are not values a network can learn from.
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>Skip rows with the wrong number of fields or a non-finite number instead of refusing the file.</summary>
    public bool DropInvalidRows { get; init; }

    /// <summary>
    /// The most memory reading may take, in bytes (the cells twice, 8 bytes each: collected, then as columns), or null
    /// for half of what this process may use, leaving the other half to the copies its caller makes next. The train
    /// command gives its own: none of its later phases holds more than reading does. Internal: a budget is the tool's
    /// policy, not yet a promise of the library.
    /// </summary>
    internal long? MemoryBudget { get; init; }

    /// <summary>
    /// The builder of column <paramref name="position"/> of <paramref name="header"/>: parsed, kept as text, or kept
    /// verbatim (<paramref name="label"/>: the default label's position, kept as text with <see cref="LastColumnIsText"/>).
    /// </summary>
    internal ColumnBuilder Builder(IReadOnlyList<string> header, int position, int label)
    {
        string name = header[position];
        bool verbatim = VerbatimColumns.Contains(name);
        bool text = verbatim || TextColumns.Contains(name) || (LastColumnIsText && position == label);
        return new ColumnBuilder(name, position, text, verbatim);
    }

    /// <summary><see cref="MemoryBudget"/>, or half of what this process may use.</summary>
    internal long ReadingBudget() => MemoryBudget ?? (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>Where <paramref name="budget"/> comes from, for the refusal: "half of the 537 MB this process may use; …".</summary>
    internal string BudgetSource(long budget) => MemoryBudget is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"half of the {2 * budget / 1e6:F0} MB this process may use; training needs the rest")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"of the {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e6:F0} MB this process may use, with room for the runtime");
}
