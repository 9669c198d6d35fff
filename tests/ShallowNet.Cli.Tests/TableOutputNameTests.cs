using System.IO.Compression;
using static ShallowNet.Cli.Tests.OutputPathTests;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// Every table the tool writes (datasets --out, split --train-out/--test-out, predict --out) is CSV, gzip-compressed
/// for a .gz name, and a name the readers would take for another format (.parquet) is refused before any work. Before,
/// these commands wrote plain CSV under a .parquet or .gz name (split alone gzipped), which train then refused to read.
/// </summary>
public class TableOutputNameTests
{
    [Theory]
    [InlineData("datasets", "--out", "d.parquet")]
    [InlineData("datasets", "--out", "d.PARQUET")]
    [InlineData("split", "--train-out", "tr.parquet")]
    [InlineData("split", "--test-out", "te.parquet.gz")]
    [InlineData("predict", "--out", "p.parquet")]
    public void A_name_the_readers_take_for_another_format_is_refused_before_any_work(string command, string option, string name)
    {
        using var dir = new TempFolder();
        string data = Data(dir, "d.csv");
        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--model", model, "--epochs", "3", "--quiet").ExitCode);
        string target = dir.File(name);
        string[] args = (command, option) switch
        {
            ("datasets", _) => ["datasets", "xor", "--out", target],
            ("split", "--train-out") => ["split", "--data", data, "--train-out", target, "--test-out", dir.File("te.csv")],
            ("split", _) => ["split", "--data", data, "--train-out", dir.File("tr.csv"), "--test-out", target],
            _ => ["predict", "--model", model, "--data", data, "--out", target],
        };

        var r = CliRunner.Run(args);
        AssertBadInput(r, $"{option} {target}: {command} writes CSV; give a .csv or .csv.gz name");
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(dir.File("te.csv")) || File.Exists(dir.File("tr.csv")), "the other output of split was written");
    }

    [Fact]
    public void A_gz_name_is_written_compressed_by_every_command_and_train_reads_it_back()
    {
        using var dir = new TempFolder();
        string plain = Data(dir, "d.csv");
        string packed = Data(dir, "d.csv.gz");
        AssertCompressedCopy(packed, plain);

        var split = CliRunner.Run("split", "--data", plain, "--test", "0.25", "--seed", "0", "--train-out", dir.File("tr.csv.gz"), "--test-out", dir.File("te.csv"));
        Assert.True(split.ExitCode == 0, split.ToString());
        var plainSplit = CliRunner.Run("split", "--data", plain, "--test", "0.25", "--seed", "0", "--train-out", dir.File("tr.csv"), "--test-out", dir.File("te2.csv"));
        Assert.True(plainSplit.ExitCode == 0, plainSplit.ToString());
        AssertCompressedCopy(dir.File("tr.csv.gz"), dir.File("tr.csv"));

        string model = dir.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", packed, "--model", model, "--epochs", "3", "--quiet").ExitCode);
        var predict = CliRunner.Run("predict", "--model", model, "--data", plain, "--proba", "--out", dir.File("p.csv.gz"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Equal(0, CliRunner.Run("predict", "--model", model, "--data", plain, "--proba", "--out", dir.File("p.csv")).ExitCode);
        AssertCompressedCopy(dir.File("p.csv.gz"), dir.File("p.csv"));

        // each compressed table is a table train reads (the predictions: probability from prediction)
        foreach (string written in new[] { packed, dir.File("tr.csv.gz"), dir.File("p.csv.gz") })
        {
            var train = CliRunner.Run("train", "--data", written, "--model", dir.File("again.json"), "--epochs", "3", "--quiet");
            Assert.True(train.ExitCode == 0, $"{written}\n{train}");
        }
    }

    private static void AssertCompressedCopy(string gz, string csv)
    {
        byte[] bytes = File.ReadAllBytes(gz);
        Assert.True(bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b, $"{gz} is not gzip");
        using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var text = new MemoryStream();
        unzip.CopyTo(text);
        Assert.Equal(File.ReadAllBytes(csv), text.ToArray());
    }

    private static string Data(TempFolder dir, string name)
    {
        string data = dir.File(name);
        var r = CliRunner.Run("datasets", "moons", "--out", data, "--n", "100");
        Assert.True(r.ExitCode == 0, r.ToString());
        return data;
    }
}
