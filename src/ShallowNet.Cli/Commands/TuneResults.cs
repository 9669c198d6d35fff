using System.Globalization;
using System.Text.Json;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// tune's results file (<c>--results</c>): every finished trial with its options and each measure's mean and std, as
/// CSV or, for a <c>.json</c> name, JSON. It is rewritten whole (atomically) as each trial ends, so an interrupted
/// search leaves every finished trial in it; <c>--resume</c> reads it back. Each trial records how it was scored and
/// the data's SHA-256, so a file from other data or other folds is refused rather than mixed in.
/// </summary>
internal sealed record TuneResults(string Metric, string ScoredBy, string DataSha256)
{
    /// <summary>One trial as the file holds it: its options (a configuration's train arguments, space-separated).</summary>
    public sealed record Row(string Options, SearchTrial Trial);

    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public void Write(string path, IReadOnlyList<Row> rows, IReadOnlyList<int> notRun, Row? best) =>
        Serialization.AtomicFile.Write(path, stream =>
        {
            if (IsJson(path))
            {
                WriteJson(stream, rows, notRun, best);
                return;
            }

            using var writer = new StreamWriter(stream, CsvText.Utf8, bufferSize: -1, leaveOpen: true);
            var names = rows.Count > 0 ? rows[0].Trial.Measures.Keys.ToList() : [Metric];
            writer.Write(CsvText.Line(["trial", "options", .. names.SelectMany(n => (string[])[$"{n}_mean", $"{n}_std"]), "seconds", "scored_by", "data_sha256"]) + "\n");
            foreach (var (options, trial) in rows)
            {
                var cells = names.SelectMany(n => trial.Measures.TryGetValue(n, out var s) ? (string[])[CsvText.Number(s.Mean), CsvText.Number(s.Std)] : ["", ""]);
                writer.Write(CsvText.Line([trial.Number.ToString(CultureInfo.InvariantCulture), CsvText.Text(options), .. cells, CsvText.Number(trial.Seconds), CsvText.Text(ScoredBy), DataSha256]) + "\n");
            }
        });

    /// <summary>The object <c>tune --json</c> prints and a <c>.json</c> results file holds.</summary>
    public void WriteJson(Stream stream, IReadOnlyList<Row> rows, IReadOnlyList<int> notRun, Row? best)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("metric", Metric);
        json.WriteBoolean("lower_is_better", SearchMetric.LowerIsBetter(Metric));
        json.WriteString("scored_by", ScoredBy);
        json.WriteString("data_sha256", DataSha256);
        json.WriteStartArray("trials");
        foreach (var (options, trial) in rows)
        {
            json.WriteStartObject();
            json.WriteNumber("trial", trial.Number);
            json.WriteString("options", options);
            foreach (var (name, summary) in trial.Measures)
            {
                json.WriteStartObject(name);
                Number(json, "mean", summary.Mean);
                Number(json, "std", summary.Std);
                json.WriteEndObject();
            }

            json.WriteNumber("seconds", trial.Seconds);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("not_run");
        foreach (int number in notRun)
        {
            json.WriteNumberValue(number);
        }

        json.WriteEndArray();
        if (best is null)
        {
            json.WriteNull("best");
        }
        else
        {
            json.WriteStartObject("best");
            json.WriteNumber("trial", best.Trial.Number);
            json.WriteString("options", best.Options);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The trials of an earlier run, checked to be of this search: the same scoring and data.</summary>
    /// <exception cref="InvalidInputException">The file cannot be read, or it is from another search's data or folds.</exception>
    public IReadOnlyList<Row> Read(string path)
    {
        var rows = IsJson(path) ? ReadJson(path) : ReadCsv(path);
        foreach (var (row, scoredBy, sha) in rows)
        {
            if (scoredBy != ScoredBy || sha != DataSha256)
            {
                string what = scoredBy != ScoredBy ? $"scored by {scoredBy}, this search by {ScoredBy}" : "from other data (its SHA-256 differs)";
                throw new InvalidInputException($"{path}: trial {row.Trial.Number} was {what}; --resume continues the same search on the same data");
            }
        }

        return [.. rows.Select(r => r.Row)];
    }

    private static List<(Row Row, string ScoredBy, string Sha)> ReadCsv(string path)
    {
        var table = TableFile.Read(path, new TableReadOptions { VerbatimColumns = ["options", "scored_by", "data_sha256"] });
        var names = table.Header.Where(h => h.EndsWith("_mean", StringComparison.Ordinal)).Select(h => h[..^"_mean".Length]).ToList();
        var trial = table.RequireNumbers("trial", "trial column");
        var seconds = table.RequireNumbers("seconds", "seconds column");
        var means = names.Select(n => table.RequireNumbers($"{n}_mean")).ToList();
        var stds = names.Select(n => table.RequireNumbers($"{n}_std")).ToList();
        var rows = new List<(Row, string, string)>();
        for (int r = 0; r < table.Rows; r++)
        {
            var measures = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => new MetricSummary(means[p.i][r], stds[p.i][r]));
            var text = (string column) => table.Column(column).TextAt(r) ?? throw new InvalidInputException($"{path}: {table.Location(r)}: no {column}");
            rows.Add((new Row(text("options"), new SearchTrial(TrialNumber(path, trial[r]), measures, seconds[r])), text("scored_by"), text("data_sha256")));
        }

        return rows;
    }

    private static List<(Row Row, string ScoredBy, string Sha)> ReadJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            string scoredBy = root.GetProperty("scored_by").GetString()!;
            string sha = root.GetProperty("data_sha256").GetString()!;
            var rows = new List<(Row, string, string)>();
            foreach (var t in root.GetProperty("trials").EnumerateArray())
            {
                var measures = t.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
                    .ToDictionary(p => p.Name, p => new MetricSummary(NumberOf(p.Value.GetProperty("mean")), NumberOf(p.Value.GetProperty("std"))));
                var trial = new SearchTrial(TrialNumber(path, t.GetProperty("trial").GetDouble()), measures, t.GetProperty("seconds").GetDouble());
                rows.Add((new Row(t.GetProperty("options").GetString()!, trial), scoredBy, sha));
            }

            return rows;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException($"{path}: not a tune results file: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }
    }

    private static int TrialNumber(string path, double value) =>
        value >= 1 && value <= int.MaxValue && value == Math.Floor(value) ? (int)value
            : throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: trial number {value} is not a whole number from 1"));

    private static double NumberOf(JsonElement value) => value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
