namespace ShallowNet.Cli.Tests;

/// <summary>
/// The malformed-input corpus (BadInput/corpus, one file per mistake, expected messages in expected.tsv): each gives
/// exit code 2 and one line naming the file, no stack trace, and writes nothing.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var line in File.ReadAllLines(CliRunner.BadInput(Path.Combine("corpus", "expected.tsv"))))
            {
                if (line.StartsWith('#') || line.Length == 0)
                {
                    continue;
                }

                var cells = line.Split('\t');
                data.Add(cells[0], cells[1], cells[2]);
            }

            return data;
        }
    }

    [Fact]
    public void The_corpus_has_at_least_40_cases_and_every_file_is_listed()
    {
        var listed = Cases.Select(c => (string)c[0]).ToHashSet();
        Assert.True(listed.Count >= 40, $"{listed.Count} cases");
        var files = Directory.GetFiles(CliRunner.BadInput("corpus")).Select(f => Path.GetFileName(f)!).Where(f => f != "expected.tsv");
        Assert.All(files, f => Assert.Contains(f, listed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_malformed_input_gets_one_clear_line_and_exit_code_2(string file, string usage, string expected)
    {
        using var dir = new TempFolder();
        string path = CliRunner.BadInput(Path.Combine("corpus", file));
        var words = usage.Split(' ');
        string[] args = words[0] switch
        {
            "train" => ["train", "--data", path, "--model", dir.File("m.json"), "--epochs", "2", .. words[1..]],
            "predict" => ["predict", "--model", path, "--data", CliRunner.BadInput("good.csv"), "--out", dir.File("p.csv")],
            "resume" => ["train", "--resume", path],
            _ => throw new InvalidOperationException(usage),
        };

        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith($"shallownet: error: {path}: ", r.Error, StringComparison.Ordinal);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
