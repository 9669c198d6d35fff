using System.Globalization;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>What <c>tune</c> shows: each trial as it ends with its rank so far, the ranking, and the score plots.</summary>
internal sealed class TuneView(TextWriter output, List<(string Name, string?[] Candidates)> space, List<string[]> configurations, string metric)
{
    private readonly bool _lowerIsBetter = SearchMetric.LowerIsBetter(metric);

    public TextWriter Out => output;

    public void Started(int count, int resumed, int folds, string? budget)
    {
        string how = folds == 0 ? "scored on the rows trained on" : $"{folds}-fold cross-validated";
        output.WriteLine($"tune: {Plural.Of(count, "configuration")}, {how}, ranked by {metric}{(_lowerIsBetter ? " (lowest first)" : string.Empty)}"
            + (resumed > 0 ? $"; {resumed} taken from the earlier run" : string.Empty)
            + (budget is null ? string.Empty : $"; budget {budget}"));
    }

    /// <summary>One finished trial, with its place among the <paramref name="finished"/> ones (itself included).</summary>
    public void Trial(SearchTrial trial, IReadOnlyList<SearchTrial> finished)
    {
        var score = trial.Measures[metric];
        double key = SearchMetric.RankKey(score.Mean, _lowerIsBetter);
        int rank = 1 + finished.Count(t => t.Number != trial.Number && (SearchMetric.RankKey(t.Measures[metric].Mean, _lowerIsBetter) < key || (SearchMetric.RankKey(t.Measures[metric].Mean, _lowerIsBetter) == key && t.Number < trial.Number)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trial {trial.Number}/{configurations.Count}  {SearchSpace.Describe(configurations[trial.Number - 1], space)}  {metric} {score.Mean:F4} ± {score.Std:F4}  ({Duration(trial.Seconds)})  rank {rank} of {finished.Count}"));
    }

    public void Ranking(SearchResult result, string how)
    {
        if (result.Ranking.Count == 0)
        {
            return;
        }

        output.WriteLine($"ranking ({metric}, {how}):");
        foreach (var trial in result.Ranking.Take(10))
        {
            var score = trial.Measures[metric];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {score.Mean:F4} ± {score.Std:F4}  trial {trial.Number}: {SearchSpace.Describe(configurations[trial.Number - 1], space)}"));
        }
    }

    /// <summary>tune_&lt;option&gt;.png for each searched option: the best trial per candidate value, ± its folds' std.</summary>
    public void Plots(string folder, List<(string[] Args, SearchTrial Trial)> finished, string dataName)
    {
        Directory.CreateDirectory(folder);
        var drawn = new List<string>();
        foreach (var (name, candidates) in space.Where(o => o.Candidates.Length > 1))
        {
            var points = candidates.Select(c => (Candidate: c, Best: BestWith(name, c, finished))).Where(p => p.Best is not null)
                .Select(p => ((p.Candidate ?? string.Empty).Replace(',', 'x'), p.Best!.Measures[metric].Mean, p.Best.Measures[metric].Std)).ToList();
            if (points.Count > 0)
            {
                drawn.Add(Path.GetFileName(Plotting.Charts.SearchScores(Path.Combine(folder, $"tune_{name.TrimStart('-')}.png"), name, points, metric, dataName)));
            }
        }

        output.WriteLine($"plots written to {folder}: {string.Join(", ", drawn)}");
    }

    /// <summary>The best finished trial whose arguments give <paramref name="option"/> the value <paramref name="candidate"/>, or null.</summary>
    private SearchTrial? BestWith(string option, string? candidate, List<(string[] Args, SearchTrial Trial)> finished) =>
        finished.Where(t => Enumerable.Range(0, t.Args.Length - 1).Any(i => t.Args[i] == option && t.Args[i + 1] == candidate))
            .Select(t => t.Trial).OrderBy(t => SearchMetric.RankKey(t.Measures[metric].Mean, _lowerIsBetter)).ThenBy(t => t.Number).FirstOrDefault();

    /// <summary>A trial's time: milliseconds under a tenth of a second (small tables' trials read "0.00 s" otherwise).</summary>
    internal static string Duration(double seconds) => seconds < 0.1
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds * 1000:F0} ms")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds:F2} s");
}
