using System.CommandLine;
using ShallowNet.Data;
using ShallowNet.Cli.Output;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet datasets planar --out FILE</c>: writes a built-in data set as CSV (.gz: compressed).</summary>
internal static class DatasetsCommand
{
    /// <summary>The largest noise SD: a Gaussian draw is within ±9 SD, so the points stay below double's 1.8e308.</summary>
    private const double MaxNoise = 1e307;

    /// <summary>The most examples a set may have: 100 M take about 5 GB while they are made (the numbers and the labels' text).</summary>
    private const int MaxExamples = 100_000_000;

    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Which data set: planar (the course's flower), moons, circles, blobs, quantiles (gaussian quantiles) or xor" };
        name.AcceptOnlyFromAmong("planar", "moons", "circles", "blobs", "quantiles", "xor");
        var output = new Option<string>("--out") { Description = "Where to write the CSV (.csv, or .csv.gz: compressed; - for standard output)", Required = true, HelpName = "FILE" };
        var count = new Option<int>("--n") { Description = "Number of examples", DefaultValueFactory = _ => 400 };
        var seed = new Option<uint>("--seed") { Description = "Seed of the NumPy-compatible generator (1 gives the course's flower)", DefaultValueFactory = _ => 1 };
        var noise = new Option<double?>("--noise") { Description = "Standard deviation of the noise (moons 0.2, circles 0.3, xor 0.1 by default)", HelpName = "SD" };
        var command = new Command("datasets", "Write a built-in data set as CSV") { name, output, count, seed, noise };
        command.SetAction(parsed =>
        {
            int n = parsed.GetValue(count);
            string which = parsed.GetValue(name)!;
            uint s = parsed.GetValue(seed);
            double? sd = parsed.GetValue(noise);
            string path = parsed.GetValue(output)!;
            bool toStandardOutput = path == OutputPaths.StandardOutput;
            if (!toStandardOutput)
            {
                OutputPaths.CheckFile("--out", path);
                CsvOutput.CheckName("datasets", "--out", path);
            }

            OptionParsing.Require(sd is null || (sd >= 0 && sd <= MaxNoise), "--noise", "must be from 0 to 1e307 (more overflows the coordinates to infinity)");
            OptionParsing.Require(sd is null || which is "moons" or "circles" or "xor", "--noise", $"applies to moons, circles and xor, not {which}");
            OptionParsing.Require(which != "planar" || (n >= 4 && n % 2 == 0), "--n", "the planar set needs an even number of examples, at least 4");
            OptionParsing.Require(n >= 4, "--n", "must be at least 4");
            OptionParsing.Require(n <= MaxExamples, "--n", $"at most {MaxExamples:N0} (the set is made in memory first; 2·10⁹ overflowed)");
            OptionParsing.Require(which != "blobs" || n >= 6, "--n", "blobs needs at least 6 examples (one per centre)");
            var dataset = which switch
            {
                "moons" => SyntheticData.Moons(n, s, sd ?? 0.2),
                "circles" => SyntheticData.Circles(n, s, sd ?? 0.3),
                "blobs" => SyntheticData.Blobs(n, s),
                "quantiles" => SyntheticData.GaussianQuantiles(n, s),
                "xor" => SyntheticData.Xor(n, s, sd ?? 0.1),
                _ => SyntheticData.Planar(n, s),
            };
            if (toStandardOutput)
            {
                WriteRows(dataset, console.Out, default);                 // the data is the output: no "written to" line
                return ExitCodes.Ok;
            }

            using var interrupts = Interrupts.Listen();
            WriteCsv(dataset, path, interrupts.Token);
            console.Out.WriteLine($"{dataset.Examples} examples of '{which}' written to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Writes features and label, one example per row, numbers in round-trip form (gzipped for a .gz name); a cancellation (Ctrl+C) stops it
    /// and leaves no file.
    /// </summary>
    internal static void WriteCsv(Dataset dataset, string path, CancellationToken cancel = default) =>
        CsvOutput.Write(path, writer => WriteRows(dataset, writer, cancel));

    /// <summary>The CSV's header and rows into <paramref name="writer"/>.</summary>
    private static void WriteRows(Dataset dataset, TextWriter writer, CancellationToken cancel)
    {
        var header = dataset.FeatureNames.Select(CsvText.Text).ToList();
        if (dataset.LabelName is { } label)
        {
            header.Add(CsvText.Text(label));
        }

        writer.Write(CsvText.Line(header));
        writer.Write('\n');
        for (int j = 0; j < dataset.Examples; j++)
        {
            cancel.ThrowIfCancellationRequested();
            var cells = Enumerable.Range(0, dataset.X.Rows).Select(i => CsvText.Number(dataset.X[i, j])).ToList();
            if (dataset.Labels is { } labels)
            {
                cells.Add(CsvText.Text(labels[j]));
            }

            writer.Write(CsvText.Line(cells));
            writer.Write('\n');
        }
    }
}
