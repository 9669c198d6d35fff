using ShallowNet.Numerics;

namespace ShallowNet.Data;

/// <summary>
/// Examples read from a table: the features as X (n_x, m), one example per column as in the lesson, and the raw
/// label of each example when the table has a label column.
/// </summary>
/// <param name="Source">Where the data came from (a file path, or the generator's name).</param>
/// <param name="FeatureNames">The names of the n_x features, in row order of X.</param>
/// <param name="X">Features, shape (n_x, m).</param>
/// <param name="LabelName">The label column's name, or null when there is none.</param>
/// <param name="Labels">The label of each of the m examples as written in the data, or null.</param>
public sealed record Dataset(string Source, IReadOnlyList<string> FeatureNames, Matrix<double> X, string? LabelName, IReadOnlyList<string>? Labels)
{
    /// <summary>The names of the numeric columns read apart from the features (targets, weights), or null.</summary>
    public IReadOnlyList<string>? ExtraNames { get; init; }

    /// <summary>Those columns' values, one row per column, shape (count, m), or null.</summary>
    public Matrix<double>? Extra { get; init; }

    /// <summary>The values of extra column <paramref name="name"/>, length m.</summary>
    /// <exception cref="InvalidInputException">It was not read.</exception>
    public double[] ExtraColumn(string name)
    {
        int i = ExtraNames is null ? -1 : ExtraNames.ToList().IndexOf(name);
        return i >= 0 ? Extra!.Row(i).ToArray() : throw new InvalidInputException($"{Source}: column '{name}' was not read");
    }

    /// <summary>Rows skipped as invalid (only when reading with dropInvalidRows).</summary>
    public int DroppedRows { get; init; }

    /// <summary>Why the first dropped row was dropped (line, column and value), or null.</summary>
    public string? FirstDropped { get; init; }

    /// <summary>
    /// Lowercase hex SHA-256 of the file's bytes as stored (compressed or not), hashed while they were read; null when
    /// the data did not come from a file.
    /// </summary>
    public string? Sha256 { get; init; }

    /// <summary>Where example j is in its file, for messages ("line 7", or "row 5" in Parquet); null when unknown.</summary>
    internal Func<int, string>? Locate { get; init; }

    /// <summary>m, the number of examples.</summary>
    public int Examples => X.Cols;

    /// <summary>The labels, or an error naming the source when the data has none.</summary>
    public IReadOnlyList<string> RequireLabels() =>
        Labels ?? throw new InvalidInputException($"{Source}: no label column");
}
