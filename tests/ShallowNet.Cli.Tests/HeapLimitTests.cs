using System.Globalization;
using System.Text;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// The tool under a container's memory limit (DOTNET_GCHeapHardLimit, 64 MB here): a run that cannot fit is refused
/// before any work with one line and exit 2, never the runtime's "Out of memory." abort (exit 134), and writes nothing.
/// </summary>
public class HeapLimitTests
{
    private const string Limit = "0x4000000";

    [Theory]
    [InlineData(300_000, 8, new string[0])]                                       // refused while reading
    [InlineData(20_000, 50, new[] { "--hidden", "100" })]                           // read, but the full pass at logged epochs does not fit (aborted before)
    [InlineData(20_000, 50, new[] { "--hidden", "300", "--precision", "float32" })]  // the same in float32 (aborted before)
    [InlineData(20_000, 50, new[] { "--hidden", "100", "--optimizer", "adam", "--batch-size", "64" })]
    public void A_run_too_large_for_the_heap_limit_is_refused_in_one_line_and_writes_nothing(int rows, int features, string[] options)
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv");
        WriteTable(data, rows, features);
        var r = Run(dir.Path, ["train", "--data", data, "--model", dir.File("m.json"), "--metrics", dir.File("metrics.json"), "--epochs", "2", .. options]);

        Assert.True(r.ExitCode == 2, r.ToString());
        string[] lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, r.ToString());
        Assert.StartsWith("shallownet: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("MB", lines[0], StringComparison.Ordinal);   // says what it needs
        Assert.DoesNotContain("Exception", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);   // a stack frame
        Assert.Equal([data], Directory.GetFiles(dir.Path));   // no model, no metrics, no temporary file left
    }

    [Fact]
    public void A_run_that_fits_the_heap_limit_still_trains()
    {
        using var dir = new TempFolder();
        string data = dir.File("data.csv");
        WriteTable(data, 10_000, 50);
        var r = Run(dir.Path, "train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--hidden", "8", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(dir.File("m.json")));
    }

    [Theory]
    [InlineData(16_000, "float64")]   // X 6.4 MB: three copies and the caches would not fit the 22 MB the estimate allows, two do
    [InlineData(28_000, "float32")]   // X 11.2 MB in double: X as read beside two float copies would not fit, two float copies do
    public void A_mini_batch_run_holds_X_at_most_twice_and_trains_where_three_copies_would_not_fit(int rows, string precision)
    {
        // Training keeps X once in its precision and once examples-major for the batches; X as read (double) is let go
        // once the training set is built. Before, it stayed for the whole run and the estimate counted it: refused.
        using var dir = new TempFolder();
        string data = dir.File("data.csv");
        WriteTable(data, rows, 50);
        var r = Run(dir.Path, "train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--hidden", "8", "--optimizer", "adam", "--batch-size", "64", "--precision", precision, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(dir.File("m.json")));
    }

    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void A_table_read_with_two_copies_of_its_cells_trains_where_reading_was_held_to_half_the_limit(string precision)
    {
        // 90k × 101 cells need 147 MB to read (twice 8 bytes each), more than half a 268 MB limit: refused while reading
        // before. No later phase holds more than reading does now, so reading may take what training may (0.8 × 268 − 32).
        using var dir = new TempFolder();
        string data = dir.File("data.csv");
        WriteTable(data, 90_000, 100);
        var r = CliRunner.RunProcess(dir.Path, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            ["train", "--data", data, "--model", dir.File("m.json"), "--epochs", "2", "--hidden", "8", "--batch-size", "0", "--optimizer", "gd", "--precision", precision, "--quiet"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(dir.File("m.json")));
    }

    /// <summary>A numeric table with a 0/1 label, values that need every digit (no short repeated text).</summary>
    private static void WriteTable(string path, int rows, int features)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(',', Enumerable.Range(0, features).Select(i => $"x{i}")));
        writer.Write(",y\n");
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < features; i++)
            {
                writer.Write(((((r * 7919) + (i * 104729)) % 10007) / 1000.0).ToString("R", CultureInfo.InvariantCulture));
                writer.Write(',');
            }

            writer.Write(r % 2 == 0 ? "0\n" : "1\n");
        }
    }

    private static CliRunner.Result Run(string workingDirectory, params string[] args) =>
        CliRunner.RunProcess(workingDirectory, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = Limit }, args);
}
