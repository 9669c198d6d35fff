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
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            var dataset = ModelData.Read(trained, parsed.GetValue(data)!, labelRequired: true);
            var classes = trained.Kind == OutputKind.Regression ? null : trained.Classes ?? ClassLabels.FromLabels(dataset.RequireLabels());
            var y = TargetEncoding.Encode(trained.Kind, classes, dataset, trained.Targets);
            var costs = parsed.GetValue(metrics) is { } path ? ReadCosts(path) : null;
            string folder = parsed.GetValue(output)!;
            foreach (var (caption, file) in Reports.ModelPlots.Write(folder, trained, dataset, y, costs, Reports.PlotRows.All(dataset.Examples)))
            {
                console.Out.WriteLine($"{file}  ({caption})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The cost curve of a <c>train --metrics</c> file: exact J (rows without <c>cost_kind</c>, as earlier files wrote
    /// them, are exact), the batch means, and the validation cost where an epoch has one.
    /// </summary>
    internal static CostCurveData ReadCosts(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var points = json.RootElement.GetProperty("costs").EnumerateArray().ToList();
            static double? Number(JsonElement p, string name) => p.TryGetProperty(name, out var v) ? v.GetDouble() : null;
            bool IsBatchMean(JsonElement p) => p.TryGetProperty("cost_kind", out var kind) && kind.GetString() == "batch_mean";
            var rows = points.Select(p => (Epoch: p.GetProperty("epoch").GetInt32(), Cost: p.GetProperty("cost").GetDouble(), BatchMean: IsBatchMean(p),
                BatchMeanCost: Number(p, "batch_mean_cost"), Validation: Number(p, "validation_cost"))).ToList();
            var exact = CostSeries.Of(rows.Where(r => !r.BatchMean).Select(r => (r.Epoch, r.Cost)));
            var means = rows.Select(r => r.BatchMean ? (r.Epoch, (double?)r.Cost) : (r.Epoch, r.BatchMeanCost)).Where(r => r.Item2 is not null).ToList();
            var batchMean = means.Count > 0 ? CostSeries.Of(means.Select(r => (r.Epoch, r.Item2!.Value))) : null;
            var validation = rows.Any(r => r.Validation is not null)
                ? CostSeries.Of(rows.Where(r => r.Validation is not null).Select(r => (r.Epoch, r.Validation!.Value))) : null;
            return new CostCurveData(exact, batchMean, validation);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: not a train --metrics file with a 'costs' list of {{epoch, cost}} ({e.Message.Split('.')[0]})");
        }
    }
}
