using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Selection;

/// <summary>One size of a learning curve: the mean training rows and the score (accuracy, or R²) on them and held out.</summary>
/// <param name="Size">The fraction of each fold's training rows.</param>
/// <param name="TrainRows">The mean number of rows fitted on.</param>
/// <param name="Train">The score on the rows fitted on, mean ± std over the folds.</param>
/// <param name="Validation">The score on the held-out folds, mean ± std.</param>
public sealed record LearningCurvePoint(double Size, double TrainRows, MetricSummary Train, MetricSummary Validation);

/// <summary>What <see cref="LearningCurve.Run(Table, string, IReadOnlyList{double}, EstimatorOptions?, ColumnRoles?, CrossValidationOptions?)"/> returns.</summary>
/// <param name="Kind">What the models predict: the score is accuracy for classes, R² for a regression.</param>
/// <param name="Points">One per size, smallest first.</param>
public sealed record LearningCurveResult(OutputKind Kind, IReadOnlyList<LearningCurvePoint> Points)
{
    /// <summary>"accuracy" or "r2".</summary>
    public string ScoreName => Kind == OutputKind.Regression ? "r2" : "accuracy";
}
