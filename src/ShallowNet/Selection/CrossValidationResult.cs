using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Model;

namespace ShallowNet.Selection;

/// <summary>The mean and standard deviation of one measure over the folds.</summary>
/// <param name="Mean">The mean over the folds.</param>
/// <param name="Std">The population standard deviation over the folds (NumPy's <c>std</c>, ddof = 0, as <c>cross_val_score(...).std()</c>).</param>
public sealed record MetricSummary(double Mean, double Std);

/// <summary>One fold: what it trained on, the model it trained and its scores on the held-out examples.</summary>
/// <param name="Repeat">The repeat (from 0).</param>
/// <param name="Fold">The fold (from 0): the examples held out.</param>
/// <param name="TrainExamples">The examples the model was fitted on (all other folds).</param>
/// <param name="Model">The model fitted on the other folds only: its column encoding, preprocessing and weights.</param>
/// <param name="Report">The model's scores on the held-out fold.</param>
public sealed record FoldScore(int Repeat, int Fold, int TrainExamples, TrainedModel Model, EvaluationReport Report)
{
    /// <summary>What fitting the columns on this fold's training rows warned about (id-like columns left out, rare categories).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The model's measures on the rows it was fitted on, when asked for (learning curves); else null.</summary>
    public EvaluationReport? TrainReport { get; init; }
}

/// <summary>What <see cref="CrossValidation.Run(Table, string, EstimatorOptions?, Pipeline.ColumnRoles?, CrossValidationOptions?)"/> returns.</summary>
public sealed record CrossValidationResult
{
    internal CrossValidationResult(OutputKind kind, int folds, IReadOnlyList<FoldScore> scores, IReadOnlyList<int[]> assignments)
    {
        Kind = kind;
        FoldCount = folds;
        Scores = scores;
        Assignments = assignments;
        var names = scores[0].Report.Measures.Keys.Where(k => k != "examples").ToList();
        Summary = names.ToDictionary(n => n, n => Summarise([.. scores.Select(s => s.Report.Measures[n])]));
        MeasureNames = names;
    }

    /// <summary>What the models predict.</summary>
    public OutputKind Kind { get; }

    /// <summary>k, the number of folds of each repeat.</summary>
    public int FoldCount { get; }

    /// <summary>Every fold of every repeat, repeat by repeat, fold by fold.</summary>
    public IReadOnlyList<FoldScore> Scores { get; }

    /// <summary>The fold of each example, one array per repeat, in the table's row order.</summary>
    public IReadOnlyList<int[]> Assignments { get; }

    /// <summary>The measures of the task in the order <c>evaluate --json</c> writes them (without <c>examples</c>).</summary>
    public IReadOnlyList<string> MeasureNames { get; }

    /// <summary>Mean and standard deviation of each measure over all folds of all repeats.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Summary { get; }

    internal static MetricSummary Summarise(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return new MetricSummary(mean, Math.Sqrt(variance));
    }
}
