namespace ShallowNet.Data;

/// <summary>Collects one column's cells while a table is read, then builds the <see cref="TableColumn"/>.</summary>
internal sealed class ColumnBuilder(string name, int position, bool keepText, bool verbatim = false)
{
    // Numbers are collected in chunks that are never copied while reading, not in a growing list: a list's doubling
    // leaves its old arrays behind as garbage (up to twice the column again) and its final copy a third. Chunks double
    // from a small first one (a table of thousands of short columns stays small) up to 512 KB each.
    private const int FirstChunk = 256, LargestChunk = 65536;

    private readonly List<double[]> _chunks = [];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private List<string?>? _texts;
    private int _count;
    private int _used; // cells in the last chunk

    public string Name { get; } = name;

    /// <summary>The column's position in the file's rows.</summary>
    public int Position { get; } = position;

    /// <summary>Whether every cell is kept as written (a label), rather than parsed.</summary>
    public bool KeepText { get; } = keepText;

    /// <summary>Whether the missing-value tokens are kept as text too (an id), so that only an empty cell is missing.</summary>
    public bool Verbatim { get; } = verbatim;

    public void AddNumber(double value)
    {
        Append(value);
        _texts?.Add(null);
    }

    public void AddMissing() => AddNumber(double.NaN);

    public void AddText(ReadOnlySpan<char> text)
    {
        if (_texts is null)
        {
            _texts = new List<string?>(Math.Max(_count, 16));
            _texts.AddRange(Enumerable.Repeat<string?>(null, _count));
        }

        // Categories repeat: one string per distinct value keeps a long column small.
        var lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var interned))
        {
            interned = text.ToString();
            lookup[text] = interned;
        }

        Append(double.NaN);
        _texts.Add(interned);
    }

    /// <summary>The column; the chunks are released as they are copied, so that the table is held about once.</summary>
    public TableColumn Build()
    {
        var numbers = GC.AllocateUninitializedArray<double>(_count);
        int start = 0;
        for (int c = 0; c < _chunks.Count; c++)
        {
            int length = Math.Min(_chunks[c].Length, _count - start);
            _chunks[c].AsSpan(0, length).CopyTo(numbers.AsSpan(start));
            start += length;
            _chunks[c] = [];
        }

        _chunks.Clear();
        var texts = _texts?.ToArray();
        _texts = null;
        return new(Name, Position, numbers, texts);
    }

    private void Append(double value)
    {
        if (_used == (_chunks.Count == 0 ? 0 : _chunks[^1].Length))
        {
            _chunks.Add(GC.AllocateUninitializedArray<double>(_chunks.Count == 0 ? FirstChunk : Math.Min(2 * _chunks[^1].Length, LargestChunk)));
            _used = 0;
        }

        _chunks[^1][_used++] = value;
        _count++;
    }
}
