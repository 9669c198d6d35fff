using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet evaluate</c>: accuracy and the other measures of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by train", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "CSV or Parquet with the model's feature columns and the label column", Required = true, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("evaluate", "Measure a model on labelled data") { model, data, json };
        command.SetAction(parsed =>
        {
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            string dataPath = parsed.GetValue(data)!;
            var dataset = ModelData.Read(trained, dataPath, labelRequired: true, console.Error);
            var a = trained.Predict(dataset.X);
            FinitePredictions.Require(trained, dataset, a);
            bool asJson = parsed.GetValue(json);
            if (trained.Kind == OutputKind.Regression)
            {
                var y = TargetEncoding.Encode(OutputKind.Regression, null, dataset, trained.Targets);
                var r = RegressionReport.Compute(a, y);
                (string, double)[] measures = [("examples", r.Examples), ("rmse", r.Rmse), ("mae", r.Mae), ("r2", r.R2)];
                if (r.Targets.Count > 1)
                {
                    // several targets: the averages above, then each target's own (rmse[price], ...)
                    var names = trained.Targets ?? [.. Enumerable.Range(0, r.Targets.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
                    measures = [.. measures, .. r.Targets.SelectMany((t, i) => new[] { ($"rmse[{names[i]}]", t.Rmse), ($"mae[{names[i]}]", t.Mae), ($"r2[{names[i]}]", t.R2) })];
                }

                WriteObject(console.Out, asJson, measures, null, []);
                return ExitCodes.Ok;
            }

            var classes = trained.Classes ?? ClassLabels.FromLabels(dataset.RequireLabels());
            int[] actual = classes.Encode(dataset.RequireLabels(), dataPath);
            if (trained.Kind == OutputKind.Binary)
            {
                var b = BinaryReport.Compute(a.Row(0), actual);
                WriteObject(console.Out, asJson, [("examples", b.Examples), ("accuracy", b.Accuracy), ("precision", b.Precision), ("recall", b.Recall), ("f1", b.F1), ("log_loss", b.LogLoss), ("auc", b.Auc)], b.Confusion, classes.Names);
            }
            else
            {
                var c = ClassificationReport.Compute((i, j) => a[i, j], a.Rows, actual);
                WriteObject(console.Out, asJson, [("examples", c.Examples), ("accuracy", c.Accuracy), ("precision", c.Precision), ("recall", c.Recall), ("f1", c.F1), ("log_loss", c.LogLoss)], c.Confusion, classes.Names);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One JSON object (--json) or an aligned table: the measures in order, then the confusion matrix.</summary>
    private static void WriteObject(TextWriter output, bool asJson, (string Name, double Value)[] values, int[][]? confusion, IReadOnlyList<string> classes)
    {
        var inv = CultureInfo.InvariantCulture;
        if (asJson)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                foreach (var (name, value) in values)
                {
                    if (name == "examples")
                    {
                        json.WriteNumber(name, (int)value);
                    }
                    else if (double.IsFinite(value))
                    {
                        json.WriteNumber(name, value);
                    }
                    else
                    {
                        json.WriteNull(name);
                    }
                }

                if (confusion is not null)
                {
                    json.WriteStartArray("confusion");
                    foreach (var row in confusion)
                    {
                        json.WriteStartArray();
                        foreach (int n in row)
                        {
                            json.WriteNumberValue(n);
                        }

                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        int nameWidth = Math.Max(10, values.Max(v => v.Name.Length));
        foreach (var (name, value) in values)
        {
            string text = name == "examples" ? ((int)value).ToString(inv)
                : double.IsFinite(value) ? value.ToString(name.StartsWith("log_loss", StringComparison.Ordinal) || name.StartsWith("rmse", StringComparison.Ordinal) || name.StartsWith("mae", StringComparison.Ordinal) ? "F6" : "F4", inv) : "n/a";
            string note = name == "precision" && classes.Count == 2 ? $"   (positive class '{classes[1]}')" : name == "precision" ? "   (macro average over classes)" : string.Empty;
            output.WriteLine($"{name.PadRight(nameWidth)} {text}{note}");
        }

        if (confusion is null)
        {
            return;
        }

        int width = Math.Max(8, classes.Max(c => c.Length) + 2);
        output.WriteLine();
        output.WriteLine("confusion (rows: true class, columns: predicted)");
        output.WriteLine(new string(' ', width) + string.Concat(classes.Select(c => c.PadLeft(width))));
        for (int i = 0; i < confusion.Length; i++)
        {
            output.WriteLine(classes[i].PadLeft(width) + string.Concat(confusion[i].Select(n => n.ToString(inv).PadLeft(width))));
        }
    }
}
