using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShallowNet.Tests.Data;

namespace ShallowNet.Cli.Tests;

/// <summary>.parquet files beside CSV: the same model from the same data, and bad files refused in one line with exit 2.</summary>
public class ParquetDataTests
{
    // The same rows as CSV (cells as written) and as Parquet (typed columns, nulls where the CSV cell is empty).
    private static void WriteBoth(string csvPath, string parquetPath, int rows, int seed)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        var x = new double?[rows];
        var n = new int?[rows];
        var color = new string?[rows];
        var flag = new bool?[rows];
        var y = new string?[rows];
        var lines = new List<string> { "x,n,color,flag,y" };
        for (int i = 0; i < rows; i++)
        {
            x[i] = i % 11 == 3 ? null : Math.Round(random.NextDouble(), 6);
            n[i] = random.Next(5);
            color[i] = i % 13 == 5 ? null : colors[random.Next(3)];
            flag[i] = i % 17 == 2 ? null : random.Next(2) == 0;
            y[i] = color[i] == "red" || x[i] > 0.5 ? "b" : "a";
            string flagCell = flag[i] is { } f ? (f ? "true" : "false") : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x[i]?.ToString("R", CultureInfo.InvariantCulture)},{n[i]},{color[i]},{flagCell},{y[i]}"));
        }

        File.WriteAllText(csvPath, string.Join('\n', lines) + "\n");
        ParquetTestFile.Write(parquetPath, ("x", x), ("n", n), ("color", color), ("flag", flag), ("y", y));
    }

    // The model file without its training record (which names the data file and its hash).
    private static string WithoutTrainingRecord(string modelPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(modelPath))!.AsObject();
        json.Remove("training");
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    [Fact]
    public void Training_on_parquet_gives_the_model_that_the_same_data_as_csv_gives_and_every_command_reads_it()
    {
        using var dir = new TempFolder();
        WriteBoth(dir.File("train.csv"), dir.File("train.parquet"), 200, 1);
        string[] options = ["--label", "y", "--hidden", "4", "--epochs", "50", "--learning-rate", "0.5", "--quiet"];
        var fromCsv = CliRunner.Run(["train", "--data", dir.File("train.csv"), "--model", dir.File("csv.json"), .. options]);
        var fromParquet = CliRunner.Run(["train", "--data", dir.File("train.parquet"), "--model", dir.File("parquet.json"), .. options]);
        Assert.True(fromCsv.ExitCode == 0, fromCsv.ToString());
        Assert.True(fromParquet.ExitCode == 0, fromParquet.ToString());
        Assert.Equal(WithoutTrainingRecord(dir.File("csv.json")), WithoutTrainingRecord(dir.File("parquet.json")));

        var predictCsv = CliRunner.Run("predict", "--model", dir.File("parquet.json"), "--data", dir.File("train.csv"), "--out", dir.File("p-csv.csv"), "--proba");
        var predictParquet = CliRunner.Run("predict", "--model", dir.File("parquet.json"), "--data", dir.File("train.parquet"), "--out", dir.File("p-parquet.csv"), "--proba");
        Assert.True(predictParquet.ExitCode == 0, predictParquet.ToString());
        Assert.Equal(File.ReadAllText(dir.File("p-csv.csv")), File.ReadAllText(dir.File("p-parquet.csv")));

        var evaluateCsv = CliRunner.Run("evaluate", "--model", dir.File("parquet.json"), "--data", dir.File("train.csv"));
        var evaluateParquet = CliRunner.Run("evaluate", "--model", dir.File("parquet.json"), "--data", dir.File("train.parquet"));
        Assert.True(evaluateParquet.ExitCode == 0, evaluateParquet.ToString());
        Assert.Equal(evaluateCsv.Out.Replace("train.csv", "train.parquet", StringComparison.Ordinal), evaluateParquet.Out);

        var gradcheck = CliRunner.Run("gradcheck", "--model", dir.File("parquet.json"), "--data", dir.File("train.parquet"));
        Assert.True(gradcheck.ExitCode == 0, gradcheck.ToString());
    }

    [Theory]
    [InlineData("text", "not a valid Parquet file")]
    [InlineData("truncated", "not a valid Parquet file")]
    [InlineData("empty", "empty, or not a regular file")]
    [InlineData("dates", "column 1 ('when'): dates and times are not read")]
    [InlineData("infinity", "row 2, column 1 ('x'): Infinity is not a finite number")]
    public void A_bad_parquet_file_is_refused_in_one_line_with_exit_2(string kind, string expected)
    {
        using var dir = new TempFolder();
        string path = dir.File(kind + ".parquet");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, "x,y\n1,0\n2,1\n");
                break;
            case "truncated":
                WriteBoth(dir.File("whole.csv"), dir.File("whole.parquet"), 50, 1);
                byte[] whole = File.ReadAllBytes(dir.File("whole.parquet"));
                File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "dates":
                ParquetTestFile.Write(path, ("when", new DateTime?[] { DateTime.UnixEpoch, DateTime.UnixEpoch }), ("y", new int?[] { 0, 1 }));
                break;
            default:
                ParquetTestFile.Write(path, ("x", new double?[] { 1, double.PositiveInfinity }), ("y", new int?[] { 0, 1 }));
                break;
        }

        var train = CliRunner.Run("train", "--data", path, "--model", dir.File("m.json"), "--epochs", "5");
        AssertOneLine(train, path, expected);
        Assert.False(File.Exists(dir.File("m.json")));

        File.WriteAllText(dir.File("good.csv"), "x,y\n0,0\n1,1\n0.2,0\n0.9,1\n");
        Assert.Equal(0, CliRunner.Run("train", "--data", dir.File("good.csv"), "--model", dir.File("good.json"), "--epochs", "5", "--quiet").ExitCode);
        AssertOneLine(CliRunner.Run("predict", "--model", dir.File("good.json"), "--data", path), path, kind == "dates" ? "('when')" : expected);
    }

    [Fact]
    public async Task A_fifo_named_parquet_is_refused_at_once_without_waiting_for_a_writer()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo is POSIX; the CI runs Linux
        }

        using var dir = new TempFolder();
        string fifo = dir.File("data.parquet");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var train = Task.Run(() => CliRunner.Run("train", "--data", fifo, "--model", dir.File("m.json"), "--epochs", "5"));
        if (await Task.WhenAny(train, Task.Delay(TimeSpan.FromSeconds(60))) != train)
        {
            using (File.OpenWrite(fifo))
            {
            }

            await Task.WhenAny(train, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.Fail("train waited on the FIFO");
        }

        AssertOneLine(await train, fifo, "not a regular file");
    }

    private static void AssertOneLine(CliRunner.Result r, string path, string expected)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(path, r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }
}
