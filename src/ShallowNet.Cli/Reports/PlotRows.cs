namespace ShallowNet.Cli.Reports;

/// <summary>
/// Which rows of a table a set of pictures shows, as their titles say it: after a run with <c>--validation</c> the
/// training rows and the held-out rows get pictures of their own, so that no picture mixes the two.
/// </summary>
/// <param name="Description">The rows in words, e.g. "training rows (320 of 400)".</param>
/// <param name="FileSuffix">Appended to each picture's file name ("" or "_validation").</param>
internal sealed record PlotRows(string Description, string FileSuffix)
{
    /// <summary>Every row of a table (the <c>plot</c> command, which does not know of a split).</summary>
    public static PlotRows All(int rows) => new($"all {rows} rows", string.Empty);

    /// <summary>The rows a run trained on.</summary>
    public static PlotRows Training(int count, int rows) => new(count == rows ? $"training rows (all {rows})" : $"training rows ({count} of {rows})", string.Empty);

    /// <summary>The rows of <c>train --test FILE</c>.</summary>
    public static PlotRows Test(int count) => new($"test rows (all {count}, never trained on)", "_test");

    /// <summary>The rows a run held out for validation.</summary>
    public static PlotRows Validation(int count, int rows) => new($"validation rows ({count} of {rows})", "_validation");
}
