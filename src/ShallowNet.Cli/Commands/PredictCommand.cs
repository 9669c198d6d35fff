using System.CommandLine;
using ShallowNet.Data;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet predict</c>: the predicted class (and probability) of each row of a CSV.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by train", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "CSV with the model's feature columns (a label column is ignored)", Required = true, HelpName = "FILE" };
        var output = new Option<string?>("--out") { Description = "Write the predictions as CSV here (default: standard output)", HelpName = "PRED.csv" };
        var proba = new Option<bool>("--proba") { Description = "Add the probability of the second class" };
        var command = new Command("predict", "Predict the class of each example in a CSV file") { model, data, output, proba };
        command.SetAction(parsed =>
        {
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            string dataPath = parsed.GetValue(data)!;
            var dataset = ModelData.Read(trained, dataPath, labelRequired: false);
            var probabilities = trained.Network.PredictProbabilities(trained.Prepare(dataset.X));
            bool withProba = parsed.GetValue(proba);

            var lines = new List<string>(dataset.Examples + 1) { withProba ? "prediction,probability" : "prediction" };
            for (int j = 0; j < dataset.Examples; j++)
            {
                double p = probabilities[0, j];
                string cls = CsvText.Text(trained.ClassName(p > 0.5 ? 1 : 0));
                lines.Add(withProba ? $"{cls},{CsvText.Number(p)}" : cls);
            }

            if (parsed.GetValue(output) is { } path)
            {
                AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, CsvText.Utf8, bufferSize: -1, leaveOpen: true);
                    foreach (var line in lines)
                    {
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
}
