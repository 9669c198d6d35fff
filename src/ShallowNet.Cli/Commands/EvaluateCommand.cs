using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShallowNet.Evaluation;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet evaluate</c>: accuracy and the other measures of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by train", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "CSV with the model's feature columns and the label column", Required = true, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("evaluate", "Measure a model on labelled data") { model, data, json };
        command.SetAction(parsed =>
        {
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            string dataPath = parsed.GetValue(data)!;
            var dataset = ModelData.Read(trained, dataPath, labelRequired: true);
            var classes = trained.Classes ?? Data.ClassLabels.FromLabels(dataset.RequireLabels());
            int[] actual = classes.Encode(dataset.RequireLabels(), dataPath);
            var probabilities = trained.Network.PredictProbabilities(trained.Prepare(dataset.X));
            var report = BinaryReport.Compute(probabilities.Row(0), actual);

            if (parsed.GetValue(json))
            {
                WriteJson(console.Out, report);
            }
            else
            {
                WriteTable(console.Out, report, classes.Names);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, BinaryReport r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("examples", r.Examples);
            json.WriteNumber("accuracy", r.Accuracy);
            json.WriteNumber("precision", r.Precision);
            json.WriteNumber("recall", r.Recall);
            json.WriteNumber("f1", r.F1);
            json.WriteNumber("log_loss", r.LogLoss);
            if (double.IsFinite(r.Auc))
            {
                json.WriteNumber("auc", r.Auc);
            }
            else
            {
                json.WriteNull("auc");
            }

            json.WriteStartArray("confusion");
            foreach (var row in r.Confusion)
            {
                json.WriteStartArray();
                foreach (int n in row)
                {
                    json.WriteNumberValue(n);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(TextWriter output, BinaryReport r, IReadOnlyList<string> classes)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"examples   {r.Examples}"));
        output.WriteLine(string.Create(inv, $"accuracy   {r.Accuracy:F4}"));
        output.WriteLine(string.Create(inv, $"precision  {r.Precision:F4}   (positive class '{classes[1]}')"));
        output.WriteLine(string.Create(inv, $"recall     {r.Recall:F4}"));
        output.WriteLine(string.Create(inv, $"f1         {r.F1:F4}"));
        output.WriteLine(string.Create(inv, $"log_loss   {r.LogLoss:F6}"));
        output.WriteLine(double.IsFinite(r.Auc) ? string.Create(inv, $"auc        {r.Auc:F4}") : "auc        n/a (one class only)");
        int width = Math.Max(8, classes.Max(c => c.Length) + 2);
        output.WriteLine();
        output.WriteLine("confusion (rows: true class, columns: predicted)");
        output.WriteLine(new string(' ', width) + string.Concat(classes.Take(2).Select(c => c.PadLeft(width))));
        for (int i = 0; i < 2; i++)
        {
            output.WriteLine(classes[i].PadLeft(width) + string.Concat(r.Confusion[i].Select(n => n.ToString(inv).PadLeft(width))));
        }
    }
}
