using ShallowNet.Training;

namespace ShallowNet.Cli.Plotting;

/// <summary>A line of a cost curve: epochs and J at each.</summary>
/// <param name="Epochs">The epochs (as doubles, for the plot).</param>
/// <param name="Cost">J at each.</param>
internal sealed record CostSeries(double[] Epochs, double[] Cost)
{
    public static CostSeries Of(IEnumerable<(int Epoch, double Cost)> points)
    {
        var list = points.ToList();
        return new CostSeries([.. list.Select(p => (double)p.Epoch)], [.. list.Select(p => p.Cost)]);
    }
}

/// <summary>
/// A cost curve's data: the training rows' exact J (every epoch where it was free, else about 100 epochs, and every
/// logged epoch), with mini-batches the mean of each epoch's batch costs, and the validation rows' J at logged epochs.
/// </summary>
/// <param name="Exact">Exact J on the training rows.</param>
/// <param name="BatchMean">The mean of each epoch's batch costs (mini-batches only), or null.</param>
/// <param name="Validation">J on the validation rows (every curve epoch early stopping measured, else the logged ones), or null without a validation set.</param>
internal sealed record CostCurveData(CostSeries Exact, CostSeries? BatchMean, CostSeries? Validation)
{
    /// <summary>Whether there is anything to draw.</summary>
    public bool IsEmpty => Exact.Epochs.Length == 0 && BatchMean is null;

    /// <summary>From a training history's curve and logged points.</summary>
    public static CostCurveData From(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var curve = history.Curve;
        var exact = curve.Count > 0
            ? CostSeries.Of(curve.Where(p => p.Kind == CostKind.Exact).Select(p => (p.Epoch, p.Cost)))
            : CostSeries.Of(history.Points.Select(p => (p.Epoch, p.Cost)));
        var batchMean = curve.Any(p => p.Kind == CostKind.BatchMean)
            ? CostSeries.Of(curve.Where(p => p.Kind == CostKind.BatchMean).Select(p => (p.Epoch, p.Cost))) : null;
        var validation = curve.Any(p => p.Kind == CostKind.Validation)
            ? CostSeries.Of(curve.Where(p => p.Kind == CostKind.Validation).Select(p => (p.Epoch, p.Cost))) : ValidationLine(history.Points);
        return new CostCurveData(exact, batchMean, validation);
    }

    /// <summary>The validation line, when every logged epoch has a validation cost.</summary>
    private static CostSeries? ValidationLine(IReadOnlyList<HistoryPoint> points)
        => points.Count > 0 && points.All(p => p.ValidationCost is not null) ? CostSeries.Of(points.Select(p => (p.Epoch, p.ValidationCost!.Value))) : null;
}
