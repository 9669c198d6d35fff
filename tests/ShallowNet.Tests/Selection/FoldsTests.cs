using ShallowNet.Reproducibility;
using ShallowNet.Selection;

namespace ShallowNet.Tests.Selection;

public class FoldsTests
{
    [Fact]
    public void KFold_gives_scikit_learns_shuffled_KFold_for_the_same_seed()
    {
        // KFold(3, shuffle=True, random_state=0).split(range(10)), each row's test fold (scikit-learn 1.2.1).
        Assert.Equal([2, 1, 0, 2, 0, 2, 1, 1, 0, 0], Folds.KFold(10, 3, new NumpyRandom(0)));
    }

    [Fact]
    public void Stratified_folds_keep_each_class_share()
    {
        string[] labels = [.. Enumerable.Range(0, 100).Select(i => i % 10 < 3 ? "a" : i % 10 < 9 ? "b" : "c")];     // 30 a, 60 b, 10 c
        int[] folds = Folds.Stratified(labels, 5, new NumpyRandom(4));
        for (int f = 0; f < 5; f++)
        {
            var inFold = Enumerable.Range(0, 100).Where(r => folds[r] == f).Select(r => labels[r]).ToList();
            Assert.Equal(6, inFold.Count(l => l == "a"));
            Assert.Equal(12, inFold.Count(l => l == "b"));
            Assert.Equal(2, inFold.Count(l => l == "c"));
        }
    }

    [Fact]
    public void Stratified_fold_sizes_differ_by_at_most_one_overall_and_per_class()
    {
        string[] labels = [.. Enumerable.Range(0, 23).Select(i => i % 3 == 0 ? "x" : "y")];
        int[] folds = Folds.Stratified(labels, 4, new NumpyRandom(1));
        var sizes = Enumerable.Range(0, 4).Select(f => folds.Count(v => v == f)).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        var xs = Enumerable.Range(0, 4).Select(f => Enumerable.Range(0, 23).Count(r => folds[r] == f && labels[r] == "x")).ToList();
        Assert.True(xs.Max() - xs.Min() <= 1, string.Join(",", xs));
    }

    [Fact]
    public void Plain_split_gives_scikit_learns_train_test_split_for_the_same_seed()
    {
        // train_test_split(range(20), test_size=0.25, random_state=0): the test rows, sorted.
        Assert.Equal([1, 8, 10, 18, 19], TrainTestSplit.Plain(20, 0.25, new NumpyRandom(0)));
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions()
    {
        string[] labels = [.. Enumerable.Range(0, 200).Select(i => i < 40 ? "rare" : "common")];
        int[] test = TrainTestSplit.Stratified(labels, 0.25, new NumpyRandom(3));
        Assert.Equal(10, test.Count(r => labels[r] == "rare"));
        Assert.Equal(40, test.Count(r => labels[r] == "common"));
    }

    [Fact]
    public void Grouped_split_keeps_every_group_on_one_side()
    {
        string[] groups = [.. Enumerable.Range(0, 90).Select(i => $"g{i % 13}")];
        var test = TrainTestSplit.Grouped(groups, 0.3, new NumpyRandom(5)).ToHashSet();
        Assert.True(test.Count >= 27 && test.Count < 90);
        foreach (var g in groups.Distinct())
        {
            var rows = Enumerable.Range(0, 90).Where(r => groups[r] == g).ToList();
            Assert.True(rows.All(test.Contains) || !rows.Any(test.Contains), g);
        }
    }
}
