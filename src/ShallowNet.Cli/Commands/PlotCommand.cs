using System.CommandLine;
using System.Text.Json;
using ShallowNet.Cli.Plotting;
using ShallowNet.Data;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet plot --model M.json --data FILE --out DIR [--metrics metrics.json]</c>: the pictures of a trained model
/// on a data set: decision boundary (two inputs), confusion matrix (classifiers) or predicted vs actual (regression),
/// and the cost curve from a <c>train --metrics</c> file.
/// </summary>
internal static class PlotCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "Data with labels (CSV, .csv or .csv.gz, or Parquet, .parquet)", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "Folder for the PNG files", Required = true, HelpName = "DIR" };
        var metrics = new Option<string?>("--metrics") { Description = "A train --metrics file: adds the cost curve", HelpName = "metrics.json" };
        var command = new Command("plot", "Draw a model's decision boundary, confusion matrix or predicted vs actual values, and its cost curve") { model, data, output, metrics };
        command.SetAction(parsed =>
        {
            OutputPaths.CheckFolder("--out", parsed.GetValue(output), [new("--model", parsed.GetValue(model)), new("--data", parsed.GetValue(data)), new("--metrics", parsed.GetValue(metrics))]);
            // First: a missing or broken metrics file is refused before the model and data are read
            var costs = parsed.GetValue(metrics) is { } path ? Output.MetricsFile.ReadCosts(path) : null;
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            var dataset = ModelData.Read(trained, parsed.GetValue(data)!, labelRequired: true);
            var classes = trained.Kind == OutputKind.Regression ? null : trained.Classes ?? ClassLabels.FromLabels(dataset.RequireLabels());
            var y = TargetEncoding.Encode(trained.Kind, classes, dataset, trained.Targets);
            string folder = parsed.GetValue(output)!;
            foreach (var (caption, file) in Reports.ModelPlots.Write(folder, trained, dataset, y, costs, Reports.PlotRows.All(dataset.Examples)))
            {
                console.Out.WriteLine($"{file}  ({caption})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
