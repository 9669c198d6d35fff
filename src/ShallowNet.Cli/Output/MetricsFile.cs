using System.Text.Json;
using ShallowNet.Cli.Plotting;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Output;

/// <summary>
/// The <c>train --metrics</c> file: <c>costs</c> holds every epoch of the cost curve (<see cref="TrainingHistory.Curve"/>:
/// at least 100 points for a run of 100 epochs or more), each with <c>cost_kind</c> (<c>exact</c> J on the whole
/// training set before the epoch's update, or <c>batch_mean</c>, the mean of the epoch's batch costs); logged epochs add
/// the metric and the validation scores. <c>plot --metrics</c> reads the curve back, each number checked.
/// </summary>
internal static class MetricsFile
{
    public static void Write(string path, TrainingHistory history, double trainMetric, string metricName, string precision, IReadOnlyDictionary<string, double>? test = null)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteNumber("epochs", history.Epochs);
            json.WriteNumber("train_seconds", history.TrainSeconds);
            json.WriteStartArray("costs");
            foreach (var row in CostRow.From(history))
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", row.Epoch);
                json.WriteNumber("cost", row.Cost);
                json.WriteString("cost_kind", CheckpointFile.CostKindName(row.Kind));
                WriteOptional(json, "batch_mean_cost", row.BatchMeanCost);
                WriteOptional(json, metricName, row.Logged?.Metric);
                WriteOptional(json, "validation_cost", row.ValidationCost);
                WriteOptional(json, "validation_" + metricName, row.Logged?.ValidationMetric);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("final_cost", history.FinalCost);
            json.WriteNumber("train_" + metricName, trainMetric);
            WriteOptional(json, "best_validation_cost", history.BestValidationCost);
            if (history.BestEpoch is { } best)
            {
                json.WriteNumber("best_epoch", best);
            }

            json.WriteBoolean("stopped_early", history.StoppedEarly);
            json.WriteBoolean("interrupted", history.Cancelled);
            json.WriteString("precision", precision);
            if (test is not null)
            {
                // the --test rows, with evaluate --json's names
                json.WriteStartObject("test");
                foreach (var (name, value) in test)
                {
                    WriteOptional(json, name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
    }

    /// <summary>
    /// The cost curve of a <c>train --metrics</c> file: exact J (rows without <c>cost_kind</c>, as earlier files wrote
    /// them, are exact), the batch means, and the validation cost where an epoch has one. Every epoch must be a whole
    /// number from 0 and every cost a finite number from 0 (J is a cross-entropy or a squared error): a hand-edited
    /// 1e308 or −1e308 left the plot's scale broken and ScottPlot threw.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is not such a file; the message names the JSON path.</exception>
    public static CostCurveData ReadCosts(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(Directory.Exists(path) ? $"{path}: is a directory, not a metrics file" : $"{path}: metrics file not found");
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var points = json.RootElement.GetProperty("costs").EnumerateArray().ToList();
            var rows = points.Select((p, i) => (Epoch: Epoch(path, p, i), Cost: Cost(path, p, i, "cost")!.Value, BatchMean: IsBatchMean(p),
                BatchMeanCost: Cost(path, p, i, "batch_mean_cost"), Validation: Cost(path, p, i, "validation_cost"))).ToList();
            var exact = CostSeries.Of(rows.Where(r => !r.BatchMean).Select(r => (r.Epoch, r.Cost)));
            var means = rows.Select(r => r.BatchMean ? (r.Epoch, (double?)r.Cost) : (r.Epoch, r.BatchMeanCost)).Where(r => r.Item2 is not null).ToList();
            var batchMean = means.Count > 0 ? CostSeries.Of(means.Select(r => (r.Epoch, r.Item2!.Value))) : null;
            var validation = rows.Any(r => r.Validation is not null)
                ? CostSeries.Of(rows.Where(r => r.Validation is not null).Select(r => (r.Epoch, r.Validation!.Value))) : null;
            return new CostCurveData(exact, batchMean, validation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);   // whole: the path in it has dots
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInputException($"{path}: not a train --metrics file with a 'costs' list of {{epoch, cost}} ({e.Message.Split('.')[0]})");
        }

        static bool IsBatchMean(JsonElement p) => p.TryGetProperty("cost_kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "batch_mean";
    }

    private static int Epoch(string path, JsonElement point, int index)
    {
        var e = point.GetProperty("epoch");
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int epoch) && epoch >= 0 ? epoch
            : throw new InvalidInputException($"{path}: costs[{index}].epoch: {Shown(e)} is not an epoch (a whole number from 0)");
    }

    // The named cost of a point, or null when the point has none (an optional cost is left out where it was not finite).
    private static double? Cost(string path, JsonElement point, int index, string name)
    {
        if (!point.TryGetProperty(name, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double cost) && double.IsFinite(cost) && cost >= 0 ? cost
            : throw new InvalidInputException($"{path}: costs[{index}].{name}: {Shown(e)} is not a cost (a finite number, 0 or more)");
    }

    private static string Shown(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }
}
