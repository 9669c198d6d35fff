namespace ShallowNet.Cli;

/// <summary>A count and its noun, agreeing: "1 epoch", "2 epochs" (a data set of one row is rare, not wrong).</summary>
internal static class Plural
{
    /// <summary>"<paramref name="n"/> <paramref name="noun"/>", with an s unless n is 1 (or <paramref name="plural"/> for an irregular noun).</summary>
    public static string Of(long n, string noun, string? plural = null) => $"{n} {(n == 1 ? noun : plural ?? noun + "s")}";
}
