namespace ShallowNet.Selection;

/// <summary>How <see cref="HyperparameterSearch"/> scores, ranks and bounds its trials.</summary>
public sealed record SearchOptions
{
    /// <summary>The folds each configuration is cross-validated on (the same folds for every trial). Default: 5 stratified folds, seed 0.</summary>
    public CrossValidationOptions CrossValidation { get; init; } = new();

    /// <summary>
    /// Score each configuration on the rows it was trained on instead of by cross-validation: what the course's
    /// hidden-size sweep reports (training accuracy). Default false.
    /// </summary>
    public bool ScoreOnTrainingRows { get; init; }

    /// <summary>
    /// The measure that ranks the trials, by its <c>evaluate --json</c> name (accuracy, precision, recall, f1,
    /// log_loss, auc; rmse, mae, r2). Default: accuracy for classes, r2 for a regression. log_loss, rmse and mae rank
    /// the lowest first.
    /// </summary>
    public string? Metric { get; init; }

    /// <summary>
    /// Wall-clock time the search may take: when it is spent, the trial that is running stops and is not counted, and
    /// the trials not yet run are listed in <see cref="SearchResult.NotRun"/>. Null: no limit.
    /// </summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>
    /// Trials of an earlier run of the same search (same candidates, table and folds), by <see cref="SearchTrial.Number"/>:
    /// taken as they are and not run again, so that an interrupted search resumes where it stopped.
    /// </summary>
    public IReadOnlyList<SearchTrial>? Completed { get; init; }
}
