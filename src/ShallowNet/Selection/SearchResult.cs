namespace ShallowNet.Selection;

/// <summary>One configuration of a search, scored.</summary>
/// <param name="Number">The configuration's place in the candidate list, from 1.</param>
/// <param name="Measures">Every measure of the task: mean and standard deviation over the folds (std 0 when scored on the training rows).</param>
/// <param name="Seconds">Wall-clock seconds the trial took.</param>
public sealed record SearchTrial(int Number, IReadOnlyDictionary<string, MetricSummary> Measures, double Seconds)
{
    /// <summary>The cross-validation behind the scores: every fold's model and report; null when scored on the training rows, or taken from an earlier run.</summary>
    public CrossValidationResult? CrossValidation { get; init; }

    /// <summary>True when the trial was taken from <see cref="SearchOptions.Completed"/> rather than run now.</summary>
    public bool Resumed { get; init; }
}

/// <summary>What <see cref="HyperparameterSearch"/> returns: every trial, the ranking and what was left out.</summary>
public sealed record SearchResult
{
    internal SearchResult(string metric, IReadOnlyList<SearchTrial> trials, IReadOnlyList<int> notRun, bool budgetSpent)
    {
        Metric = metric;
        LowerIsBetter = SearchMetric.LowerIsBetter(metric);
        Trials = trials;
        NotRun = notRun;
        BudgetSpent = budgetSpent;
        Ranking = [.. trials.OrderBy(t => SearchMetric.RankKey(t.Measures[metric].Mean, LowerIsBetter)).ThenBy(t => t.Number)];
    }

    /// <summary>The measure that ranks the trials.</summary>
    public string Metric { get; }

    /// <summary>True for log_loss, rmse and mae: the lowest mean ranks first.</summary>
    public bool LowerIsBetter { get; }

    /// <summary>The trials that finished (run now or resumed), by number.</summary>
    public IReadOnlyList<SearchTrial> Trials { get; }

    /// <summary>The finished trials, best first (an undefined score last; ties by number).</summary>
    public IReadOnlyList<SearchTrial> Ranking { get; }

    /// <summary>The best trial, or null when none finished.</summary>
    public SearchTrial? Best => Ranking.Count > 0 ? Ranking[0] : null;

    /// <summary>The numbers of the candidates not scored: the budget was spent, or the search was cancelled, before they finished.</summary>
    public IReadOnlyList<int> NotRun { get; }

    /// <summary>True when <see cref="SearchOptions.Budget"/> ran out before every candidate was scored.</summary>
    public bool BudgetSpent { get; }
}
