using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// A float32 run holds the training values in float: one beyond float's ±3.4e38 that reaches the network as it is
/// (not standardised: --standardize false, an example weight) becomes infinite, and the run ended after the work as
/// "training diverged" (exit code 1). Refused before training instead, naming the cell. Standardised values are within
/// a few units whatever the data (the statistics are taken in double), so they need no check.
/// </summary>
internal static class Float32Range
{
    public static void Check(TrainSettings s, Table table, FitData fit, string label)
    {
        if (!s.Float32)
        {
            return;
        }

        var unscaled = new List<(string Column, double Scale, string Why)>();
        if (s.WeightColumn is { } weights)
        {
            unscaled.Add((weights, 1, "an example weight"));
        }

        if (!s.Standardize)
        {
            const string Why = "not standardised (--standardize false)";
            unscaled.AddRange(fit.Encoding!.Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => (c.Name, s.InputScale, Why)));
            if (s.Labels is { Length: > 1 } targets)
            {
                unscaled.AddRange(targets.Select(t => (t, 1.0, Why)));
            }
            else if ((s.Output ?? (fit.Labels is { } labels ? Targets.Infer(labels, out _) : OutputKind.Regression)) == OutputKind.Regression)
            {
                unscaled.Add((label, 1, Why));
            }
        }

        foreach (var (name, scale, why) in unscaled)
        {
            if (table.Find(name) is not { } column)
            {
                continue;
            }

            for (int r = 0; r < table.Rows; r++)
            {
                double v = column.TextAt(r) is { } text ? Parse(text) : column.Numbers[r];
                if (Math.Abs(v / scale) > float.MaxValue)
                {
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                        $"{table.Where(column, r)}: {v:G6}{(scale == 1 ? string.Empty : $" / {scale:G6}")} is beyond float32's range (±3.4e38) and {why}; rescale the column, or train with --precision float64{(why == "an example weight" ? string.Empty : " or --standardize")}"));
                }
            }
        }
    }

    // A label kept as text: its number, or 0 when it is none (a class name fits any precision).
    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : 0;
}
