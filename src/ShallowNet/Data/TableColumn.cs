using System.Globalization;

namespace ShallowNet.Data;

/// <summary>
/// One column of a <see cref="Table"/> as read, before any decision about its role: each cell is a number, a text, or
/// missing (one of the missing-value tokens). Numbers are held as doubles; texts only where a cell is not a number.
/// </summary>
public sealed class TableColumn
{
    private readonly double[] _numbers;
    private readonly string?[]? _texts;

    internal TableColumn(string name, int position, double[] numbers, string?[]? texts)
    {
        Name = name;
        Position = position;
        _numbers = numbers;
        _texts = texts;
        for (int r = 0; r < numbers.Length; r++)
        {
            if (texts?[r] is not null)
            {
                TextCount++;
                FirstTextRow = FirstTextRow < 0 ? r : FirstTextRow;
            }
            else if (double.IsNaN(numbers[r]))
            {
                MissingCount++;
                FirstMissingRow = FirstMissingRow < 0 ? r : FirstMissingRow;
            }
        }
    }

    /// <summary>The column's name in the header.</summary>
    public string Name { get; }

    /// <summary>Its position in the file, from 0 (messages say column Position + 1).</summary>
    public int Position { get; }

    /// <summary>The number of cells (rows).</summary>
    public int Count => _numbers.Length;

    /// <summary>How many cells are missing.</summary>
    public int MissingCount { get; }

    /// <summary>How many cells hold text that is not a number.</summary>
    public int TextCount { get; }

    /// <summary>How many cells hold a number.</summary>
    public int NumberCount => Count - MissingCount - TextCount;

    /// <summary>The first row holding text that is not a number, or −1.</summary>
    public int FirstTextRow { get; } = -1;

    /// <summary>The first missing row, or −1.</summary>
    public int FirstMissingRow { get; } = -1;

    /// <summary>The cells as numbers: NaN where a cell is missing or is text.</summary>
    public ReadOnlySpan<double> Numbers => _numbers;

    /// <summary>Whether cell <paramref name="row"/> is missing.</summary>
    public bool IsMissing(int row) => _texts?[row] is null && double.IsNaN(_numbers[row]);

    /// <summary>The text of a cell that is not a number, or null.</summary>
    public string? TextAt(int row) => _texts?[row];

    /// <summary>
    /// The cell as a category: its text, or for a number its shortest round-trip form (so "1.0" and "1" are one
    /// category, in training and at prediction alike); null when missing.
    /// </summary>
    public string? Category(int row) =>
        _texts?[row] ?? (double.IsNaN(_numbers[row]) ? null : _numbers[row].ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The column restricted to <paramref name="rows"/>, in that order.</summary>
    internal TableColumn Select(IReadOnlyList<int> rows)
    {
        var numbers = new double[rows.Count];
        string?[]? texts = _texts is null ? null : new string?[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            numbers[i] = _numbers[rows[i]];
            if (texts is not null)
            {
                texts[i] = _texts![rows[i]];
            }
        }

        return new TableColumn(Name, Position, numbers, texts);
    }
}
