using System.Diagnostics;
using System.Numerics;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Selection;

/// <summary>
/// A search over configurations (scikit-learn's <c>GridSearchCV</c>/<c>RandomizedSearchCV</c>): each candidate is
/// cross-validated on the same folds (<see cref="CrossValidation"/>, so nothing is fitted on a held-out row), or scored
/// on its training rows as the course's hidden-size sweep is, then ranked by one measure. Trials run one after the
/// other, each using the folds' threads; a budget or a cancellation stops the search between or inside trials, and the
/// trials of an earlier run are taken back as they are, so an interrupted search resumes where it stopped.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>
    /// Scores each of <paramref name="candidates"/> on <paramref name="table"/>, predicting <paramref name="label"/>, and
    /// ranks them. <paramref name="onTrial"/> is called as each trial ends (to show or save it).
    /// </summary>
    /// <exception cref="ArgumentException">No candidate, an unknown metric, or a setting out of range.</exception>
    /// <exception cref="InvalidInputException">A column is missing or a cell does not suit its column.</exception>
    /// <exception cref="OperationCanceledException">Never: a cancelled search returns the trials that finished, the others in <see cref="SearchResult.NotRun"/>.</exception>
    public static SearchResult Run(Table table, string label, IReadOnlyList<EstimatorOptions> candidates, ColumnRoles? roles = null, SearchOptions? options = null, Action<SearchTrial>? onTrial = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(candidates);
        var task = new CrossValidationTask(label) { Roles = roles ?? new ColumnRoles() };
        var kind = CrossValidation.KindOf(table, task, null);
        return Run(table, [.. candidates.Select(c => new SearchCandidate(task with { Settings = c.ToFitSettings(kind) }))], options ?? new SearchOptions(), onTrial, cancellationToken);
    }

    /// <summary>The tool's entry: any fit settings, each candidate in its own precision.</summary>
    internal static SearchResult Run(Table table, IReadOnlyList<SearchCandidate> candidates, SearchOptions options, Action<SearchTrial>? onTrial, CancellationToken cancellationToken)
    {
        string metric = MetricOf(table, candidates, options.Metric);
        var earlier = Earlier(options.Completed, candidates.Count, metric);
        if (options.Budget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Budget, "a budget cannot be negative");
        }

        // The timer stops a trial inside; the clock decides between trials, also for a budget shorter than the timer's tick.
        var clock = Stopwatch.StartNew();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Budget is { } limit)
        {
            budget.CancelAfter(limit);
        }

        var trials = new List<SearchTrial>();
        var notRun = new List<int>();
        for (int number = 1; number <= candidates.Count; number++)
        {
            if (earlier.TryGetValue(number, out var done))
            {
                trials.Add(done with { Resumed = true });
                continue;
            }

            if (budget.IsCancellationRequested || clock.Elapsed >= options.Budget)
            {
                budget.Cancel();
                notRun.Add(number);
                continue;
            }

            try
            {
                var trial = Score(table, candidates[number - 1], number, options, budget.Token);
                if (clock.Elapsed > options.Budget)
                {
                    // it ran past the budget: the timer that would have stopped it fires on the thread pool, late
                    // when the pool is busy (a 0.24 s trial finished under a 1 ms budget), so the clock decides
                    budget.Cancel();
                    notRun.Add(number);
                    continue;
                }

                trials.Add(trial);
                onTrial?.Invoke(trial);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                notRun.Add(number);                                    // stopped inside: its folds are not a score
            }
        }

        return new SearchResult(metric, trials, notRun, budgetSpent: notRun.Count > 0 && !cancellationToken.IsCancellationRequested);
    }

    private static SearchTrial Score(Table table, SearchCandidate candidate, int number, SearchOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (options.ScoreOnTrainingRows)
        {
            var report = candidate.Float32 ? OnTrainingRows<float>(table, candidate.Task, cancellationToken) : OnTrainingRows<double>(table, candidate.Task, cancellationToken);
            var measures = report.Measures.Where(m => m.Key != "examples").ToDictionary(m => m.Key, m => new MetricSummary(m.Value, 0));
            return new SearchTrial(number, measures, clock.Elapsed.TotalSeconds);
        }

        var result = candidate.Float32
            ? CrossValidation.Run<float>(table, candidate.Task, options.CrossValidation, cancellationToken)
            : CrossValidation.Run<double>(table, candidate.Task, options.CrossValidation, cancellationToken);
        return new SearchTrial(number, result.Summary, clock.Elapsed.TotalSeconds) { CrossValidation = result };
    }

    /// <summary>The course's score: the model trained on every row, measured on those rows.</summary>
    private static EvaluationReport OnTrainingRows<T>(Table table, CrossValidationTask task, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fit, _) = FitData.FromTable(table, task.Label, task.Targets, task.WeightColumn, task.Roles, null, []);
        var model = FitPipeline.Fit<T>(new FitRequest(fit, task.Settings), null, cancellationToken).Model;
        cancellationToken.ThrowIfCancellationRequested();
        var y = fit.Y ?? (model.Kind == OutputKind.Regression ? Targets.Values<double>(fit.RequireLabels(), table.Source, task.Label) : null);
        return EvaluationReport.Compute(model, fit.X, fit.Labels, y, table.Source);
    }

    /// <summary>The ranking measure: as asked (checked against every candidate's task before any training), or the task's default.</summary>
    internal static string MetricOf(Table table, IReadOnlyList<SearchCandidate> candidates, string? asked)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("a search needs at least one candidate", nameof(candidates));
        }

        var kinds = candidates.Select(c => CrossValidation.KindOf(table, c.Task, c.Task.Settings.Output)).Distinct().ToList();
        string metric = asked ?? SearchMetric.Default(kinds[0]);
        foreach (var kind in kinds)
        {
            if (!SearchMetric.Names(kind).Contains(metric))
            {
                throw new ArgumentException($"metric '{metric}' is not a measure of a {kind.ToString().ToLowerInvariant()} task; use one of {string.Join(", ", SearchMetric.Names(kind))}", nameof(asked));
            }
        }

        return metric;
    }

    private static Dictionary<int, SearchTrial> Earlier(IReadOnlyList<SearchTrial>? completed, int count, string metric)
    {
        var earlier = new Dictionary<int, SearchTrial>();
        foreach (var trial in completed ?? [])
        {
            if (trial.Number < 1 || trial.Number > count || !earlier.TryAdd(trial.Number, trial))
            {
                throw new ArgumentException($"completed trial {trial.Number} is not one of the {count} candidates, or is given twice", nameof(completed));
            }

            if (!trial.Measures.ContainsKey(metric))
            {
                throw new ArgumentException($"completed trial {trial.Number} has no '{metric}' score", nameof(completed));
            }
        }

        return earlier;
    }
}
