using System.Globalization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Output;

/// <summary>A run's logged epochs as a table: printed after a live bar, and in the HTML report.</summary>
internal static class HistoryTable
{
    /// <summary>The logged epochs (at most <paramref name="maxRows"/>, evenly spaced, the first and last always).</summary>
    public static TableData From(TrainingHistory history, string metricName, int maxRows = int.MaxValue)
    {
        var inv = CultureInfo.InvariantCulture;
        bool validation = history.Points.Any(p => p.ValidationCost is not null);
        string[] headers = validation ? ["epoch", "cost", metricName, "val cost", "val " + metricName] : ["epoch", "cost", metricName];
        var points = history.Points;
        if (points.Count > maxRows)
        {
            // Evenly spaced logged epochs, always the first and the last.
            points = [.. Enumerable.Range(0, maxRows).Select(i => points[(int)Math.Round((double)i * (points.Count - 1) / (maxRows - 1))])];
        }

        var rows = points.Select(p =>
        {
            string[] row = [p.Epoch.ToString(inv), p.Cost.ToString("F9", inv), p.Metric?.ToString("F4", inv) ?? "-"];
            return validation ? [.. row, p.ValidationCost?.ToString("F6", inv) ?? "-", p.ValidationMetric?.ToString("F4", inv) ?? "-"] : row;
        }).ToList();
        return new TableData(headers, rows);
    }
}
