using System.Numerics;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Selection;

/// <summary>
/// The course's bias/variance diagnosis for any table: the score on the training rows and on held-out rows against
/// the number of training rows. For each size, k-fold cross-validation (<see cref="CrossValidation"/>) where each fold
/// fits on that fraction of its training rows (smaller sets are subsets of larger ones) and is scored on those rows
/// and on its held-out fold. A wide gap that narrows with more rows is variance; two low curves that meet are bias.
/// </summary>
public static class LearningCurve
{
    /// <summary>
    /// The curve of the estimator settings <paramref name="estimator"/> on <paramref name="table"/> at each fraction of
    /// <paramref name="sizes"/> (in (0, 1], ascending), predicting <paramref name="label"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is outside (0, 1], or a setting is out of range.</exception>
    /// <exception cref="InvalidInputException">A column is missing or a cell does not suit its column.</exception>
    public static LearningCurveResult Run(Table table, string label, IReadOnlyList<double> sizes, EstimatorOptions? estimator = null, ColumnRoles? roles = null, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(label);
        var task = new CrossValidationTask(label) { Roles = roles ?? new ColumnRoles() };
        var kind = CrossValidation.KindOf(table, task, null);
        return Run<double>(table, task with { Settings = (estimator ?? new EstimatorOptions()).ToFitSettings(kind) }, sizes, options ?? new CrossValidationOptions());
    }

    /// <summary>The tool's entry: any fit settings, in precision T.</summary>
    internal static LearningCurveResult Run<T>(Table table, CrossValidationTask task, IReadOnlyList<double> sizes, CrossValidationOptions options, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count == 0 || sizes.Any(s => !(s > 0 && s <= 1)))
        {
            throw new ArgumentException($"sizes must be fractions in (0, 1], got {string.Join(", ", sizes)}", nameof(sizes));
        }

        var points = new List<LearningCurvePoint>();
        foreach (double size in sizes.Order())
        {
            var result = CrossValidation.Run<T>(table, task with { TrainFraction = size, ScoreTraining = true }, options, cancellationToken);
            var train = CrossValidationResult.Summarise([.. result.Scores.Select(f => f.TrainReport!.Score)]);
            var validation = CrossValidationResult.Summarise([.. result.Scores.Select(f => f.Report.Score)]);
            points.Add(new LearningCurvePoint(size, result.Scores.Average(f => f.TrainExamples), train, validation));
        }

        return new LearningCurveResult(CrossValidation.KindOf(table, task, task.Settings.Output), points);
    }
}
