using ShallowNet.Data;

namespace ShallowNet.Selection;

/// <summary>The measures a search may rank by, for each kind of task, and which way each is better.</summary>
internal static class SearchMetric
{
    /// <summary>The measures of <c>evaluate --json</c> for the task (without <c>examples</c>).</summary>
    public static IReadOnlyList<string> Names(OutputKind kind) => kind switch
    {
        OutputKind.Binary => ["accuracy", "precision", "recall", "f1", "log_loss", "auc"],
        OutputKind.Multiclass => ["accuracy", "precision", "recall", "f1", "log_loss"],
        _ => ["rmse", "mae", "r2"],
    };

    /// <summary>Accuracy for classes, R² for a regression: what <c>train</c> reports.</summary>
    public static string Default(OutputKind kind) => kind == OutputKind.Regression ? "r2" : "accuracy";

    public static bool LowerIsBetter(string metric) => metric is "log_loss" or "rmse" or "mae";

    /// <summary>Sorts ascending best first; an undefined score (NaN) after every defined one.</summary>
    public static double RankKey(double mean, bool lowerIsBetter) =>
        double.IsNaN(mean) ? double.PositiveInfinity : lowerIsBetter ? mean : -mean;
}
