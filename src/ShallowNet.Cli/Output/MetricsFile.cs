using System.Text.Json;
using ShallowNet.Serialization;
using ShallowNet.Training;

namespace ShallowNet.Cli.Output;

/// <summary>
/// The <c>train --metrics</c> file: <c>costs</c> holds every epoch of the cost curve (<see cref="TrainingHistory.Curve"/>:
/// at least 100 points for a run of 100 epochs or more), each with <c>cost_kind</c> (<c>exact</c> J on the whole
/// training set before the epoch's update, or <c>batch_mean</c>, the mean of the epoch's batch costs); logged epochs add
/// the metric and the validation scores.
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

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }
}
