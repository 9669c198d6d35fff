using ShallowNet.Reproducibility;

namespace ShallowNet.Selection;

/// <summary>
/// A held-out test set drawn from the NumPy-compatible generator. Each method returns the test examples' indices in
/// data order; the training examples are the others.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>
    /// ⌈fraction·m⌉ examples: the first positions of <c>np.random.permutation(m)</c>, as scikit-learn's
    /// <c>train_test_split(test_size=fraction, random_state=seed, shuffle=True)</c> chooses them without stratification.
    /// </summary>
    public static int[] Plain(int m, double fraction, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int test = TestCount(m, fraction);
        return [.. random.Permutation(m)[..test].Order()];
    }

    /// <summary>
    /// ⌈fraction·m⌉ examples shared among the classes in proportion to their sizes: each class (in ordinal order) takes
    /// ⌊fraction·n_c⌋, and the examples left over go one each to the classes with the largest remainders (ties: the
    /// earlier class), never all of a class. Each class's examples are then shuffled by one
    /// <c>np.random.permutation(n_c)</c> and the first ones taken, so both sets keep the class proportions to within one
    /// example per class.
    /// </summary>
    public static int[] Stratified(IReadOnlyList<string> labels, double fraction, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(random);
        int total = TestCount(labels.Count, fraction);
        var classes = Folds.ByValue(labels);
        int[] take = [.. classes.Select(rows => Math.Min((int)Math.Floor(fraction * rows.Count), rows.Count - 1))];
        int left = total - take.Sum();
        foreach (int c in Enumerable.Range(0, classes.Count).OrderByDescending(c => (fraction * classes[c].Count) - take[c]).ThenBy(c => c))
        {
            if (left > 0 && take[c] < classes[c].Count - 1)
            {
                take[c]++;
                left--;
            }
        }

        var test = new List<int>();
        for (int c = 0; c < classes.Count; c++)
        {
            int[] order = random.Permutation(classes[c].Count);
            test.AddRange(order[..take[c]].Select(i => classes[c][i]));
        }

        return [.. test.Order()];
    }

    /// <summary>
    /// Whole groups: the distinct group values in ordinal order, shuffled by one <c>np.random.permutation(groups)</c>,
    /// go to the test set in that order until it holds at least fraction·m examples (never every group).
    /// </summary>
    public static int[] Grouped(IReadOnlyList<string> groups, double fraction, NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(random);
        TestCount(groups.Count, fraction);
        var byGroup = Folds.ByValue(groups);
        if (byGroup.Count < 2)
        {
            throw new InvalidInputException($"the group column has one value for all {groups.Count} rows; a split needs at least two groups");
        }

        int[] order = random.Permutation(byGroup.Count);
        var test = new List<int>();
        for (int i = 0; i < order.Length - 1 && test.Count < fraction * groups.Count; i++)
        {
            test.AddRange(byGroup[order[i]]);
        }

        return [.. test.Order()];
    }

    private static int TestCount(int m, double fraction)
    {
        if (!(fraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"test fraction {fraction}: must be in (0, 1)");
        }

        int test = (int)Math.Ceiling(fraction * m);
        if (test >= m)
        {
            throw new InvalidInputException($"a test fraction of {fraction} of {m} rows leaves none to train on");
        }

        return test;
    }
}
