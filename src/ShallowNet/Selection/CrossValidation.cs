using System.Numerics;
using System.Runtime.ExceptionServices;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Pipeline;
using ShallowNet.Reproducibility;

namespace ShallowNet.Selection;

/// <summary>
/// k-fold cross-validation on a table, through the one fit pipeline. For each fold, everything that is learnt from
/// data is learnt from the other folds only: the column encoding (categories, medians), the preprocessing (means and
/// standard deviations, target scaling) and the weights; the held-out rows are then encoded with that fold's model and
/// scored with the task's measures. Folds are stratified by class for a classifier, plain for a regression
/// (<see cref="Folds"/>). Folds may train in parallel, one thread each, so the results do not depend on the thread count.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// Cross-validates the estimator settings <paramref name="estimator"/> (default: <see cref="EstimatorOptions"/>'s)
    /// on <paramref name="table"/>, predicting the column <paramref name="label"/> (classes or a numeric target, as the
    /// tool decides: <see cref="Targets"/>), with the other columns used as <paramref name="roles"/> says.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the folds do not fit the table.</exception>
    /// <exception cref="InvalidInputException">A column is missing or a cell does not suit its column.</exception>
    public static CrossValidationResult Run(Table table, string label, EstimatorOptions? estimator = null, ColumnRoles? roles = null, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(label);
        var task = new CrossValidationTask(label) { Roles = roles ?? new ColumnRoles() };
        var kind = KindOf(table, task, null);
        return Run<double>(table, task with { Settings = (estimator ?? new EstimatorOptions()).ToFitSettings(kind) }, options ?? new CrossValidationOptions());
    }

    /// <summary>The tool's entry: any fit settings, in precision T.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before every fold finished.</exception>
    internal static CrossValidationResult Run<T>(Table table, CrossValidationTask task, CrossValidationOptions options, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var kind = KindOf(table, task, task.Settings.Output);
        var labels = task.Targets is { Count: > 1 } ? null : Labels(table, task.Label);
        var assignments = Assign(table.Rows, kind == OutputKind.Regression || !options.Stratify ? null : labels, options);
        int k = options.FoldOfRow is { } given ? given.Max() + 1 : options.Folds;

        // The task, not a fold, fixes the output: every fold's model has the same classes, also where a rare class
        // happens to be missing from its training rows.
        var settings = task.Settings with { Output = kind, Training = task.Settings.Training with { Threads = 1 } };
        var classes = kind == OutputKind.Regression ? null : ClassLabels.FromLabels(labels!);
        var jobs = assignments.SelectMany((folds, repeat) => Enumerable.Range(0, k).Select(fold => (Repeat: repeat, Fold: fold, Folds: folds))).ToArray();
        var scores = new FoldScore[jobs.Length];
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount, CancellationToken = cancellationToken };
            Parallel.For(0, jobs.Length, parallel, i => scores[i] = RunFold<T>(table, task, settings, classes, jobs[i].Repeat, jobs[i].Fold, jobs[i].Folds, cancellationToken));
        }
        catch (AggregateException e)
        {
            // The first fold's error as if the folds had run one after the other: the caller sees the same message whatever the threads.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return new CrossValidationResult(kind, k, scores, assignments);
    }

    private static FoldScore RunFold<T>(Table table, CrossValidationTask task, FitSettings settings, ClassLabels? classes, int repeat, int fold, int[] folds, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] trainRows = Subsample([.. Enumerable.Range(0, folds.Length).Where(r => folds[r] != fold)], task.TrainFraction, repeat, fold);
        int[] testRows = [.. Enumerable.Range(0, folds.Length).Where(r => folds[r] == fold)];
        var warnings = new List<string>();
        var (train, _) = FitData.FromTable(table.SelectRows(trainRows), task.Label, task.Targets, task.WeightColumn, task.Roles, null, warnings);
        var model = FitPipeline.Fit<T>(new FitRequest(train with { Classes = classes }, settings), null, cancellationToken).Model;
        cancellationToken.ThrowIfCancellationRequested();              // a stopped fit is not a score
        var trainReport = task.ScoreTraining ? EvaluationReport.Compute(model, train.X, train.Labels, train.Y ?? (model.Kind == OutputKind.Regression ? Targets.Values<double>(train.RequireLabels(), table.Source, task.Label) : null), table.Source) : null;

        // The held-out rows are encoded as the fold's model encodes new rows: nothing is fitted on them.
        var (test, _) = FitData.FromTable(table.SelectRows(testRows), task.Label, task.Targets, task.WeightColumn, task.Roles, model.Encoding, []);
        var y = test.Y ?? (model.Kind == OutputKind.Regression ? Targets.Values<double>(test.RequireLabels(), table.Source, task.Label) : null);
        var report = EvaluationReport.Compute(model, test.X, test.Labels, y, table.Source);
        return new FoldScore(repeat, fold, trainRows.Length, model, report) { Warnings = warnings, TrainReport = trainReport };
    }

    /// <summary>
    /// The first ⌈fraction · n⌉ rows of a permutation drawn for this (repeat, fold) alone, in row order: the same
    /// permutation for every fraction, so smaller training sets are subsets of larger ones.
    /// </summary>
    private static int[] Subsample(int[] rows, double fraction, int repeat, int fold)
    {
        if (fraction >= 1)
        {
            return rows;
        }

        var order = new NumpyRandom((uint)((1000 * repeat) + fold)).Permutation(rows.Length);
        int take = Math.Max(1, (int)Math.Ceiling(fraction * rows.Length));
        return [.. order.Take(take).Order().Select(i => rows[i])];
    }

    /// <summary>The fold of each row, one array per repeat: as given, or drawn from one generator seeded once.</summary>
    private static List<int[]> Assign(int rows, IReadOnlyList<string>? stratifyBy, CrossValidationOptions options)
    {
        if (options.FoldOfRow is { } given)
        {
            CheckGiven(rows, given);
            if (options.Repeats != 1)
            {
                throw new ArgumentException("a given fold assignment is one repeat; repeats must be 1", nameof(options));
            }

            return [[.. given]];
        }

        if (options.Repeats < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Repeats, "repeats must be 1 or more");
        }

        var random = new NumpyRandom(options.Seed);
        return [.. Enumerable.Range(0, options.Repeats).Select(_ => stratifyBy is null ? Folds.KFold(rows, options.Folds, random) : Folds.Stratified(stratifyBy, options.Folds, random))];
    }

    private static void CheckGiven(int rows, IReadOnlyList<int> given)
    {
        if (given.Count != rows)
        {
            throw new ArgumentException($"{given.Count} fold numbers for {rows} rows; give one per row", nameof(given));
        }

        int k = given.Max() + 1;
        if (given.Min() < 0 || k < 2)
        {
            throw new ArgumentException($"fold numbers must run from 0 to k-1 with k at least 2 (found {given.Min()} to {k - 1})", nameof(given));
        }

        var seen = new bool[k];
        foreach (int f in given)
        {
            seen[f] = true;
        }

        int empty = Array.IndexOf(seen, false);
        if (empty >= 0)
        {
            throw new ArgumentException($"fold {empty} has no rows; fold numbers must run from 0 to {k - 1} with every fold used", nameof(given));
        }
    }

    /// <summary>What the task predicts: as asked, a regression for several targets, else what the labels call for.</summary>
    internal static OutputKind KindOf(Table table, CrossValidationTask task, OutputKind? asked) =>
        asked ?? (task.Targets is { Count: > 1 } ? OutputKind.Regression : Targets.Infer(Labels(table, task.Label), out _));

    private static List<string> Labels(Table table, string label)
    {
        var column = table.Column(label, "label column");
        var labels = new List<string>(table.Rows);
        for (int r = 0; r < table.Rows; r++)
        {
            CsvDataset.CheckLabel(table, column, r, required: true);
            labels.Add(column.TextAt(r) ?? column.Category(r)!);
        }

        return labels;
    }
}
