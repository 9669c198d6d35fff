using ShallowNet.Training;

namespace ShallowNet.Cli.Output;

/// <summary>
/// One epoch of the <c>--metrics</c> file's <c>costs</c>: the curve's point(s) at that epoch and, at a logged epoch, its
/// metrics and validation scores. <see cref="Cost"/> is exact J where the epoch has it, else the mean of its batch costs.
/// </summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Cost">Exact J before the epoch's update, or (mini-batches, between logged epochs) the batch mean.</param>
/// <param name="Kind">Which of the two <see cref="Cost"/> is.</param>
/// <param name="BatchMeanCost">With mini-batches at an epoch with exact J: the mean of its batch costs too.</param>
/// <param name="Logged">The logged point (metrics, validation), at logged epochs.</param>
/// <param name="ValidationCost">J on the validation rows at the start of the epoch, where it was recorded.</param>
internal sealed record CostRow(int Epoch, double Cost, CostKind Kind, double? BatchMeanCost, HistoryPoint? Logged, double? ValidationCost = null)
{
    /// <summary>The rows of a history, in epoch order: every curve epoch and every logged one.</summary>
    public static List<CostRow> From(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var logged = history.Points.ToDictionary(p => p.Epoch);
        var exact = new Dictionary<int, double>();
        var batchMean = new Dictionary<int, double>();
        var validation = new Dictionary<int, double>();
        foreach (var point in history.Curve)
        {
            (point.Kind switch { CostKind.Exact => exact, CostKind.BatchMean => batchMean, _ => validation })[point.Epoch] = point.Cost;
        }

        var rows = new List<CostRow>();
        foreach (int epoch in logged.Keys.Concat(exact.Keys).Concat(batchMean.Keys).Distinct().Order())
        {
            var point = logged.GetValueOrDefault(epoch);
            double? mean = batchMean.TryGetValue(epoch, out double m) ? m : null;
            double? cost = point?.Cost ?? (exact.TryGetValue(epoch, out double e) ? e : null);
            double? held = point?.ValidationCost ?? (validation.TryGetValue(epoch, out double v) ? v : null);
            rows.Add(cost is { } j ? new CostRow(epoch, j, CostKind.Exact, mean, point, held) : new CostRow(epoch, mean!.Value, CostKind.BatchMean, null, null, held));
        }

        return rows;
    }
}
