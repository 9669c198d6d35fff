namespace ShallowNet.Data;

/// <summary>Collects one column's cells while a table is read, then builds the <see cref="TableColumn"/>.</summary>
internal sealed class ColumnBuilder(string name, int position, bool keepText)
{
    private readonly List<double> _numbers = [];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private List<string?>? _texts;

    public string Name { get; } = name;

    /// <summary>The column's position in the file's rows.</summary>
    public int Position { get; } = position;

    /// <summary>Whether every cell is kept as written (a label), rather than parsed.</summary>
    public bool KeepText { get; } = keepText;

    public void AddNumber(double value)
    {
        _numbers.Add(value);
        _texts?.Add(null);
    }

    public void AddMissing() => AddNumber(double.NaN);

    public void AddText(ReadOnlySpan<char> text)
    {
        if (_texts is null)
        {
            _texts = new List<string?>(_numbers.Capacity);
            _texts.AddRange(Enumerable.Repeat<string?>(null, _numbers.Count));
        }

        // Categories repeat: one string per distinct value keeps a long column small.
        var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var interned))
        {
            interned = text.ToString();
            lookup[text] = interned;
        }

        _numbers.Add(double.NaN);
        _texts.Add(interned);
    }

    public TableColumn Build() => new(Name, Position, [.. _numbers], _texts?.ToArray());
}
