using System.Numerics;
using System.Text.Json;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Serialization;

/// <summary>
/// A training checkpoint on disk (format "shallownet-checkpoint", version 1): the model (weights and metadata, as in the
/// model file, including how it was trained) plus everything <see cref="TrainingCheckpoint{T}"/> holds: epochs done,
/// optimizer state, generator state, history and early-stopping state. Numbers round-trip bit for bit (float32 state is
/// stored exactly as double); the file is written atomically.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The value of "format".</summary>
    public const string Format = "shallownet-checkpoint";

    // MT19937's state: 624 words.
    private const int RandomKeyWords = 624;

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Save<T>(string path, TrainedModel model, TrainingCheckpoint<T> checkpoint, Optimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", 1);
            json.WriteNumber("epoch", checkpoint.Epoch);
            json.WriteNumber("train_seconds", checkpoint.TrainSeconds);
            WriteOptional(json, "last_finite_cost", checkpoint.LastFiniteCost);
            json.WritePropertyName("model");
            ModelFile.WriteObject(model, json);

            json.WriteStartObject("optimizer");
            json.WriteString("name", optimizer.Name);
            json.WriteNumber("steps", checkpoint.Optimizer.Steps);
            json.WriteStartObject("slots");
            foreach (var slot in checkpoint.Optimizer.SlotNames)
            {
                json.WritePropertyName(slot);
                WriteTensors(json, Enumerable.Range(0, model.Network.Parameters.Count).Select(i => checkpoint.Optimizer.Slot(slot, i)));
            }

            json.WriteEndObject();
            json.WriteEndObject();

            var random = checkpoint.Random;
            json.WriteStartObject("random");
            json.WriteStartArray("key");
            foreach (uint k in random.Key)
            {
                json.WriteNumberValue(k);
            }

            json.WriteEndArray();
            json.WriteNumber("position", random.Position);
            json.WriteBoolean("has_gauss", random.HasGauss);
            json.WriteNumber("gauss", random.CachedGaussian);
            json.WriteEndObject();

            json.WriteStartArray("history");
            foreach (var p in checkpoint.History)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", p.Epoch);
                json.WriteNumber("cost", p.Cost);
                WriteOptional(json, "metric", p.Metric);
                WriteOptional(json, "validation_cost", p.ValidationCost);
                WriteOptional(json, "validation_metric", p.ValidationMetric);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("curve");
            foreach (var p in checkpoint.Curve)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", p.Epoch);
                json.WriteNumber("cost", p.Cost);
                json.WriteString("kind", CostKindName(p.Kind));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (checkpoint.BestEpoch is { } bestEpoch)
            {
                json.WriteNumber("best_epoch", bestEpoch);
            }

            WriteOptional(json, "best_validation_cost", checkpoint.BestValidationCost);
            json.WriteNumber("since_best", checkpoint.SinceBest);
            if (checkpoint.BestParameters is { } best)
            {
                json.WritePropertyName("best_parameters");
                WriteTensors(json, best);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="InvalidInputException">The file is missing, corrupt or not a checkpoint; the message names the file and the JSON path.</exception>
    public static SavedCheckpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path}: checkpoint file not found");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(BoundedFile.ReadAll(path, "checkpoint"), ModelFile.JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); is it a checkpoint?", e);
        }

        using (document)
        {
            ModelFile.CheckUniqueKeys(document.RootElement, path);
            try
            {
                return Read(document.RootElement, path);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new InvalidInputException($"{path}: not a complete checkpoint: {e.Message}", e);
            }
        }
    }

    private static SavedCheckpoint Read(JsonElement root, string path)
    {
        JsonElement Prop(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new InvalidInputException($"{path}: missing \"{name}\"; not a complete checkpoint");

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw new InvalidInputException($"{path}: format: not a ShallowNet checkpoint (expected \"format\": \"{Format}\")");
        }

        if (Prop(root, "version").GetInt32() > 1)
        {
            throw new InvalidInputException($"{path}: version: newer than this shallownet reads (1); upgrade shallownet");
        }

        var model = ModelFile.ReadObject(Prop(root, "model"), $"{path}: model");
        var optimizer = Prop(root, "optimizer");
        var slots = Prop(optimizer, "slots").EnumerateObject().ToDictionary(p => p.Name, p => ReadTensors(p.Value));
        var random = Prop(root, "random");
        var state = new NumpyRandomState(
            [.. Prop(random, "key").EnumerateArray().Select(e => e.GetUInt32())],
            Prop(random, "position").GetInt32(),
            Prop(random, "has_gauss").GetBoolean(),
            Prop(random, "gauss").GetDouble());
        var history = Prop(root, "history").EnumerateArray().Select(p => new HistoryPoint(
            Prop(p, "epoch").GetInt32(), Prop(p, "cost").GetDouble(), Optional(p, "metric"), Optional(p, "validation_cost"), Optional(p, "validation_metric"))).ToList();
        var saved = new SavedCheckpoint(model, Prop(root, "epoch").GetInt32(), Prop(optimizer, "name").GetString()!, Prop(optimizer, "steps").GetInt32(), slots, state, history)
        {
            Curve = root.TryGetProperty("curve", out var curve) ? ReadCurve(curve, path, Prop) : [],
            Source = path,
            TrainSeconds = Prop(root, "train_seconds").GetDouble(),
            LastFiniteCost = Optional(root, "last_finite_cost"),
            BestEpoch = root.TryGetProperty("best_epoch", out var be) ? be.GetInt32() : null,
            BestValidationCost = Optional(root, "best_validation_cost"),
            SinceBest = Prop(root, "since_best").GetInt32(),
            BestParameters = root.TryGetProperty("best_parameters", out var bp) ? ReadTensors(bp) : null,
        };
        Check(saved, path);
        return saved;
    }

    /// <summary>How a checkpoint spells a curve point's kind (as the metrics file does).</summary>
    internal static string CostKindName(CostKind kind) => kind switch { CostKind.BatchMean => "batch_mean", CostKind.Validation => "validation", _ => "exact" };

    private static List<CostPoint> ReadCurve(JsonElement curve, string path, Func<JsonElement, string, JsonElement> prop)
    {
        var points = new List<CostPoint>(curve.GetArrayLength());
        int i = 0;
        foreach (var p in curve.EnumerateArray())
        {
            string? kind = prop(p, "kind").GetString();
            var parsed = kind switch
            {
                "exact" => CostKind.Exact,
                "batch_mean" => CostKind.BatchMean,
                "validation" => CostKind.Validation,
                _ => throw new InvalidInputException($"{path}: curve[{i}].kind: is '{kind}'; must be exact, batch_mean or validation"),
            };
            points.Add(new CostPoint(prop(p, "epoch").GetInt32(), prop(p, "cost").GetDouble(), parsed));
            i++;
        }

        return points;
    }

    /// <summary>The parts of a checkpoint must agree with each other and with its weights, as a model file's must.</summary>
    private static void Check(SavedCheckpoint c, string path)
    {
        InvalidInputException Error(string at, string message) => new($"{path}: {at}: {message}");
        if (c.Epoch < 0)
        {
            throw Error("epoch", $"is {c.Epoch}; must be 0 or more");
        }

        if (c.Steps < 0)
        {
            throw Error("optimizer.steps", $"is {c.Steps}; must be 0 or more");
        }

        if (c.SinceBest < 0)
        {
            throw Error("since_best", $"is {c.SinceBest}; must be 0 or more");
        }

        if (c.BestEpoch is { } best && (best < 0 || best > c.Epoch))
        {
            throw Error("best_epoch", $"is {best}; must be between 0 and the checkpoint's epoch {c.Epoch}");
        }

        if (!double.IsFinite(c.TrainSeconds) || c.TrainSeconds < 0)
        {
            throw Error("train_seconds", "must be a finite number, 0 or more");
        }

        for (int i = 0; i < c.Curve.Count; i++)
        {
            if (c.Curve[i].Epoch < 0 || c.Curve[i].Epoch > c.Epoch)
            {
                throw Error($"curve[{i}].epoch", $"is {c.Curve[i].Epoch}; must be between 0 and the checkpoint's epoch {c.Epoch}");
            }
        }

        for (int i = 0; i < c.History.Count; i++)
        {
            if (c.History[i].Epoch < 0 || c.History[i].Epoch > c.Epoch)
            {
                throw Error($"history[{i}].epoch", $"is {c.History[i].Epoch}; must be between 0 and the checkpoint's epoch {c.Epoch}");
            }
        }

        if (c.Random.Key.Count != RandomKeyWords)
        {
            throw Error("random.key", $"has {c.Random.Key.Count} words; the generator's state has {RandomKeyWords}");
        }

        if (c.Random.Position is < 0 or > RandomKeyWords)
        {
            throw Error("random.position", $"is {c.Random.Position}; must be between 0 and {RandomKeyWords}");
        }

        if (!double.IsFinite(c.Random.CachedGaussian))
        {
            throw Error("random.gauss", "must be a finite number");
        }

        if (c.Model.Training is { Arguments.Count: 0 })
        {
            throw Error("model.training.arguments", "is empty; the checkpoint must record how the run was started");
        }

        var parameters = c.Model.Network.Parameters;
        foreach (var (name, tensors) in c.Slots)
        {
            CheckShapes(tensors, parameters, $"optimizer.slots.{name}", path);
            if (IsMeanOfSquares(c.OptimizerName, name) && FirstNegative(tensors) is { } at)
            {
                // a running mean of squared gradients: a negative one is a corrupt file, and its square root NaN
                throw Error($"optimizer.slots.{name}[{at.Tensor}]", $"value {at.Index} is {tensors[at.Tensor].Data[at.Index].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; {c.OptimizerName}'s '{name}' holds means of squares, never negative");
            }
        }

        if (c.BestParameters is { } bestParameters)
        {
            CheckShapes(bestParameters, parameters, "best_parameters", path);
        }
    }

    private static bool IsMeanOfSquares(string optimizer, string slot) => (optimizer, slot) is ("adam", "v") or ("rmsprop", "s");

    private static (int Tensor, int Index)? FirstNegative(Matrix<double>[] tensors)
    {
        for (int t = 0; t < tensors.Length; t++)
        {
            int i = Array.FindIndex(tensors[t].Data, v => v < 0);
            if (i >= 0)
            {
                return (t, i);
            }
        }

        return null;
    }

    private static void CheckShapes(IReadOnlyList<Matrix<double>> tensors, IReadOnlyList<Matrix<double>> parameters, string at, string path)
    {
        if (tensors.Count != parameters.Count)
        {
            throw new InvalidInputException($"{path}: {at}: has {tensors.Count} tensors, but the model has {parameters.Count} parameters");
        }

        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Rows != parameters[i].Rows || tensors[i].Cols != parameters[i].Cols)
            {
                throw new InvalidInputException($"{path}: {at}[{i}]: is {tensors[i].Shape}, but the model's parameter {i} is {parameters[i].Shape}");
            }
        }
    }

    private static void WriteTensors<T>(Utf8JsonWriter json, IEnumerable<Matrix<T>> tensors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        json.WriteStartArray();
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            json.WriteNumber("rows", t.Rows);
            json.WriteNumber("cols", t.Cols);
            json.WriteStartArray("values");
            foreach (var v in t.AsSpan())
            {
                json.WriteNumberValue(double.CreateTruncating(v));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static Matrix<double>[] ReadTensors(JsonElement element) =>
        [.. element.EnumerateArray().Select(ReadTensor)];

    private static Matrix<double> ReadTensor(JsonElement t)
    {
        int rows = t.GetProperty("rows").GetInt32();
        int cols = t.GetProperty("cols").GetInt32();
        double[] values = [.. t.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];
        if (rows < 1 || cols < 1 || (long)rows * cols != values.Length)
        {
            throw new FormatException($"a tensor of {rows}×{cols} has {values.Length} values");
        }

        return new Matrix<double>(rows, cols, values);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
    }

    private static double? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
