using System.CommandLine;
using ShallowNet.Cli.Output;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet predict</c>: the predicted class (and probabilities) or value of each row of a CSV.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by train", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "CSV or Parquet with the model's feature columns (a label column is ignored)", Required = true, HelpName = "FILE" };
        var output = new Option<string?>("--out") { Description = "Write the predictions as CSV here, gzip-compressed for a .gz name (default, or -: standard output)", HelpName = "PRED.csv" };
        var proba = new Option<bool>("--proba") { Description = "Add the class probabilities (binary: of the second class; softmax: one column per class)" };
        var command = new Command("predict", "Predict the class or value of each example in a CSV or Parquet file") { model, data, output, proba };
        command.SetAction(parsed =>
        {
            string dataPath = parsed.GetValue(data)!;
            string? outPath = parsed.GetValue(output) is { } given && given != OutputPaths.StandardOutput ? given : null;   // '-': standard output
            OutputPaths.CheckFile("--out", outPath);
            CsvOutput.CheckName("predict", "--out", outPath);
            OutputPaths.RefuseOverlaps([new("--model", parsed.GetValue(model)), new("--data", dataPath)], [new("--out", outPath)]);
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            OptionParsing.Require(!parsed.GetValue(proba) || trained.Kind != OutputKind.Regression, "--proba",
                $"{parsed.GetValue(model)} is a regression model: it predicts values, not class probabilities; leave --proba out");
            var (dataset, ids) = ModelData.ReadWithIds(trained, dataPath, labelRequired: false, console.Error);
            var a = trained.Predict(dataset.X);
            FinitePredictions.Require(trained, dataset, a);
            var lines = Lines(trained, a, parsed.GetValue(proba));
            if (ids is not null)
            {
                // The id column first, so that each prediction can be joined back to its row.
                lines = [.. lines.Select((line, j) => $"{CsvText.Text(j == 0 ? trained.IdColumn! : ids[j - 1])},{line}")];
            }

            if (outPath is { } path)
            {
                using var interrupts = Interrupts.Listen();
                CsvOutput.Write(path, writer =>
                {
                    foreach (var line in lines)
                    {
                        interrupts.Token.ThrowIfCancellationRequested();
                        writer.Write(line);
                        writer.Write('\n');
                    }
                });
                console.Out.WriteLine($"{dataset.Examples} predictions written to {path}");
            }
            else
            {
                foreach (var line in lines)
                {
                    console.Out.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The CSV lines: a header, then one row per example (column j of A[L]).</summary>
    private static List<string> Lines(TrainedModel trained, Numerics.Matrix<double> a, bool withProba)
    {
        var lines = new List<string>(a.Cols + 1);
        switch (trained.Kind)
        {
            case OutputKind.Regression:
                var names = trained.Targets is { } t ? t.Select(n => CsvText.Text("prediction_" + n)) : ["prediction"];
                lines.Add(CsvText.Line(names));
                for (int j = 0; j < a.Cols; j++)
                {
                    lines.Add(CsvText.Line(Enumerable.Range(0, a.Rows).Select(i => CsvText.Number(a[i, j]))));
                }

                break;
            case OutputKind.Binary:
                lines.Add(withProba ? "prediction,probability" : "prediction");
                for (int j = 0; j < a.Cols; j++)
                {
                    string cls = CsvText.Text(trained.ClassName(a[0, j] > 0.5 ? 1 : 0));
                    lines.Add(withProba ? $"{cls},{CsvText.Number(a[0, j])}" : cls);
                }

                break;
            default:
                int[] classes = trained.Network.Classes(a);
                var header = new List<string> { "prediction" };
                if (withProba)
                {
                    header.AddRange(Enumerable.Range(0, a.Rows).Select(i => CsvText.Text("probability_" + trained.ClassName(i))));
                }

                lines.Add(CsvText.Line(header));
                for (int j = 0; j < a.Cols; j++)
                {
                    var cells = new List<string> { CsvText.Text(trained.ClassName(classes[j])) };
                    if (withProba)
                    {
                        cells.AddRange(Enumerable.Range(0, a.Rows).Select(i => CsvText.Number(a[i, j])));
                    }

                    lines.Add(CsvText.Line(cells));
                }

                break;
        }

        return lines;
    }
}
