namespace ShallowNet.Model;

/// <summary>How a column of the table is read: a number, or a category one-hot encoded.</summary>
public enum ColumnKind
{
    /// <summary>One feature: the number (missing cells take <see cref="InputColumn.Fill"/>).</summary>
    Numeric,

    /// <summary>One 0/1 feature per category (missing cells take <see cref="InputColumn.FillCategory"/>; an unseen one is all zeros).</summary>
    Categorical,
}

/// <summary>
/// One column of the user's table as the model takes it, with what was learned from the training rows: the categories
/// in feature order, and the value a missing cell takes (the median of a number, the most frequent category).
/// </summary>
/// <param name="Name">The column's name in the table.</param>
/// <param name="Kind">Number or category.</param>
public sealed record InputColumn(string Name, ColumnKind Kind)
{
    /// <summary>A missing number's value (the training median); null when a missing cell is an error (version-1 models).</summary>
    public double? Fill { get; init; }

    /// <summary>The categories in feature order (sorted), for <see cref="ColumnKind.Categorical"/>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>A missing category's value (the most frequent in training).</summary>
    public string? FillCategory { get; init; }

    /// <summary>Whether a 0/1 feature saying "this cell was missing" follows the column's features.</summary>
    public bool Indicator { get; init; }

    /// <summary>How many features (inputs of the network) the column becomes.</summary>
    public int Width => (Kind == ColumnKind.Numeric ? 1 : Categories?.Count ?? 0) + (Indicator ? 1 : 0);

    /// <summary>The names of its features: the column's own name for a number, <c>name=category</c> for each category, <c>name (missing)</c>.</summary>
    public IEnumerable<string> FeatureNames()
    {
        if (Kind == ColumnKind.Numeric)
        {
            yield return Name;
        }
        else
        {
            foreach (var category in Categories ?? [])
            {
                yield return $"{Name}={category}";
            }
        }

        if (Indicator)
        {
            yield return $"{Name} (missing)";
        }
    }
}
