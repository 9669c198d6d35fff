using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>A table turned into X by a <see cref="ColumnEncoding"/>, with what the encoding had to make up.</summary>
/// <param name="X">The features, shape (n_x, m), one example per column.</param>
/// <param name="Imputed">How many missing cells took their column's fill value.</param>
/// <param name="Unseen">Per categorical column, how many cells held a category not seen in training (encoded as all zeros) and the first such value.</param>
public sealed record EncodedTable(Matrix<double> X, int Imputed, IReadOnlyDictionary<string, (int Count, string First)> Unseen)
{
    /// <summary>One line for the user about unseen categories, or null when there were none.</summary>
    public string? UnseenWarning()
    {
        if (Unseen.Count == 0)
        {
            return null;
        }

        int total = Unseen.Values.Sum(u => u.Count);
        var parts = Unseen.Take(3).Select(u => $"'{u.Key}' {u.Value.Count} (first: '{u.Value.First}')");
        return $"{total} cell{(total == 1 ? string.Empty : "s")} held a category not seen in training, encoded as all zeros: {string.Join(", ", parts)}{(Unseen.Count > 3 ? ", ..." : string.Empty)}";
    }
}
