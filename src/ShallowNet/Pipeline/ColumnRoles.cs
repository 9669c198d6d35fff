namespace ShallowNet.Pipeline;

/// <summary>
/// What the user said about the table's columns; everything else is inferred (<see cref="ColumnInference"/>).
/// The option names are the tool's; the C# API uses the same words as properties.
/// </summary>
public sealed record ColumnRoles
{
    /// <summary>The feature columns, in order (<c>--features</c>); null for every column not otherwise used.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns that are not features (<c>--ignore</c>).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The id column (<c>--id</c>): not a feature; <c>predict</c> copies it to its output.</summary>
    public string? Id { get; init; }

    /// <summary>Numeric columns to take as categories (<c>--categorical</c>), e.g. integer codes.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Add a 0/1 feature after each column that had missing cells in training (<c>--missing-indicators</c>).</summary>
    public bool MissingIndicators { get; init; }
}
