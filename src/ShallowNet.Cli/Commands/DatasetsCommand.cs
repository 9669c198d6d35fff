using System.CommandLine;
using ShallowNet.Data;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet datasets planar --out FILE</c>: writes a built-in data set as CSV.</summary>
internal static class DatasetsCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Which data set: planar (the course's flower)" };
        name.AcceptOnlyFromAmong("planar");
        var output = new Option<string>("--out") { Description = "Where to write the CSV", Required = true, HelpName = "FILE" };
        var count = new Option<int>("--n") { Description = "Number of examples", DefaultValueFactory = _ => 400 };
        var seed = new Option<uint>("--seed") { Description = "Seed of the NumPy-compatible generator (1 gives the course's data)", DefaultValueFactory = _ => 1 };
        var command = new Command("datasets", "Write a built-in data set as CSV") { name, output, count, seed };
        command.SetAction(parsed =>
        {
            int n = parsed.GetValue(count);
            OptionParsing.Require(n >= 4 && n % 2 == 0, "--n", "the planar set needs an even number of examples, at least 4");
            var dataset = SyntheticData.Planar(n, parsed.GetValue(seed));
            string path = parsed.GetValue(output)!;
            WriteCsv(dataset, path);
            console.Out.WriteLine($"{dataset.Examples} examples of '{parsed.GetValue(name)}' written to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes features and label, one example per row, numbers in round-trip form.</summary>
    internal static void WriteCsv(Dataset dataset, string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, CsvText.Utf8, bufferSize: -1, leaveOpen: true);
            var header = dataset.FeatureNames.Select(CsvText.Text).ToList();
            if (dataset.LabelName is { } label)
            {
                header.Add(CsvText.Text(label));
            }

            writer.Write(CsvText.Line(header));
            writer.Write('\n');
            for (int j = 0; j < dataset.Examples; j++)
            {
                var cells = Enumerable.Range(0, dataset.X.Rows).Select(i => CsvText.Number(dataset.X[i, j])).ToList();
                if (dataset.Labels is { } labels)
                {
                    cells.Add(CsvText.Text(labels[j]));
                }

                writer.Write(CsvText.Line(cells));
                writer.Write('\n');
            }
        });
    }
}
