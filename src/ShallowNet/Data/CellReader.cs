using System.Globalization;

namespace ShallowNet.Data;

/// <summary>
/// Reads one cell into a column: a missing-value token, a finite number, or text. A number that is not finite (inf,
/// 1e999, NaN unless it is a missing token) is refused: it is no value a network can learn from, and imputing it would
/// hide a broken file.
/// </summary>
internal sealed class CellReader
{
    private readonly HashSet<string> _missing;

    public CellReader(IReadOnlyList<string> missingTokens)
    {
        _missing = new HashSet<string>(missingTokens.Select(t => t.Trim()), StringComparer.Ordinal) { string.Empty };
    }

    /// <summary>Refuses a cell that cannot be stored (called for the whole row first, so that a bad row can be dropped whole).</summary>
    /// <param name="cell">The cell as written.</param>
    /// <param name="column">Its column.</param>
    /// <param name="source">The file, for the message.</param>
    /// <param name="line">Where the cell is: the line (CSV) or the data row from 1 (Parquet).</param>
    /// <param name="unit">"line" or "row", for the message.</param>
    public void Check(ReadOnlySpan<char> cell, ColumnBuilder column, string source, int line, string unit = "line")
    {
        var trimmed = cell.Trim();
        if (!column.KeepText && !IsMissing(trimmed)
            && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsFinite(value))
        {
            throw new InvalidInputException($"{source}: {unit} {line}, column {column.Position + 1} ('{column.Name}'): '{Shorten(trimmed)}' is not a finite number");
        }
    }

    public void Add(ReadOnlySpan<char> cell, ColumnBuilder column)
    {
        var trimmed = cell.Trim();
        if (column.KeepText)
        {
            if (column.Verbatim ? trimmed.IsEmpty : IsMissing(trimmed))
            {
                column.AddMissing();
            }
            else
            {
                column.AddText(trimmed);
            }
        }
        else if (IsMissing(trimmed))
        {
            column.AddMissing();
        }
        else if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            column.AddNumber(value);
        }
        else
        {
            column.AddText(trimmed);
        }
    }

    /// <summary>Whether <paramref name="trimmed"/> is one of the missing-value tokens (or empty).</summary>
    public bool IsMissing(ReadOnlySpan<char> trimmed) => _missing.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed);

    public static string Shorten(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..37], "...");
}
