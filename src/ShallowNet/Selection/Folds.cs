using ShallowNet.Reproducibility;

namespace ShallowNet.Selection;

/// <summary>
/// Which fold each example belongs to, drawn from the NumPy-compatible generator so that the same seed gives the same
/// folds on any machine. The result is one fold number (0..k-1) per example, in the data's order: the same shape as a
/// <c>--folds-file</c>.
/// </summary>
public static class Folds
{
    /// <summary>
    /// Plain k-fold: <c>np.random.permutation(m)</c>, then the first m mod k folds take ⌊m/k⌋ + 1 consecutive positions
    /// of the permutation and the others ⌊m/k⌋. This is scikit-learn's <c>KFold(k, shuffle=True,
    /// random_state=seed)</c> with <c>random</c> = <c>RandomState(seed)</c>: the same test folds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below 2 or above m.</exception>
    public static int[] KFold(int m, int k, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckK(m, k);
        int[] order = random.Permutation(m);
        var fold = new int[m];
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = (m / k) + (f < m % k ? 1 : 0);
            for (int i = start; i < start + size; i++)
            {
                fold[order[i]] = f;
            }

            start += size;
        }

        return fold;
    }

    /// <summary>
    /// Stratified k-fold: the classes in ordinal order of their names; the examples of each class, in data order,
    /// shuffled by one <c>np.random.permutation(n_c)</c>, then dealt to the folds in turn, each class starting at the fold
    /// after the one where the previous class stopped. Every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ examples of each class and
    /// ⌊m/k⌋ or ⌈m/k⌉ examples in all. (scikit-learn's <c>StratifiedKFold</c> allocates differently; pass its folds
    /// as a folds file to compare fold by fold.)
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is below 2 or above m.</exception>
    public static int[] Stratified(IReadOnlyList<string> labels, int k, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(random);
        CheckK(labels.Count, k);
        var fold = new int[labels.Count];
        int next = 0;
        foreach (var rows in ByValue(labels))
        {
            int[] order = random.Permutation(rows.Count);
            foreach (int i in order)
            {
                fold[rows[i]] = next;
                next = (next + 1) % k;
            }
        }

        return fold;
    }

    /// <summary>The examples of each distinct value, in data order; the values in ordinal order.</summary>
    internal static List<List<int>> ByValue(IReadOnlyList<string> values)
    {
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int r = 0; r < values.Count; r++)
        {
            if (!groups.TryGetValue(values[r], out var rows))
            {
                groups[values[r]] = rows = [];
            }

            rows.Add(r);
        }

        return [.. groups.Values];
    }

    private static void CheckK(int m, int k)
    {
        if (k < 2 || k > m)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"folds {k}: needs 2 to {m} folds for {m} examples");
        }
    }
}
