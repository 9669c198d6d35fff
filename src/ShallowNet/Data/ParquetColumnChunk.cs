namespace ShallowNet.Data;

/// <summary>
/// One column of one Parquet row group, decoded: each cell is null (missing), a number, or a text (strings, and
/// booleans as "true"/"false"). Held whole so that a row can be checked in every column before any cell is kept.
/// </summary>
internal sealed class ParquetColumnChunk(double[] numbers, string?[]? texts, bool[] nulls)
{
    /// <summary>The number in each cell; meaningless where the cell is null or text.</summary>
    public double[] Numbers { get; } = numbers;

    /// <summary>The text in each cell, or null for every cell of a numeric column.</summary>
    public string?[]? Texts { get; } = texts;

    /// <summary>Whether each cell is null in the file.</summary>
    public bool[] Nulls { get; } = nulls;
}
