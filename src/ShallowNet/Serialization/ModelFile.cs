using System.Globalization;
using System.Text.Json;
using ShallowNet.Model;

namespace ShallowNet.Serialization;

/// <summary>
/// The model file (format "shallownet-model", version 1): JSON with the layers' W (rows of n[l-1] numbers, W[i][j] from
/// input j to unit i), b, activation, and the optional features, label, classes and preprocessing. Numbers are
/// written in their shortest round-trip form so that reading gives back the same bits. Files are written
/// atomically: a temporary file in the same folder, flushed, then renamed over the target.
/// </summary>
public static class ModelFile
{
    /// <summary>The value of "format".</summary>
    public const string Format = "shallownet-model";

    /// <summary>
    /// The newest "version" this code reads. Version 2 adds the table's columns (kinds, categories, fill values), the id
    /// column and the target scaling; a model without them is written as version 1, which older readers load.
    /// </summary>
    public const int Version = 2;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (old file or new file, never a torn one).</summary>
    public static void Save(TrainedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream => Write(model, stream));
    }

    /// <summary>Writes <paramref name="model"/> as JSON to a stream.</summary>
    public static void Write(TrainedModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        WriteObject(model, json);
    }

    /// <summary>Writes the model as one JSON object (also nested inside a checkpoint).</summary>
    internal static void WriteObject(TrainedModel model, Utf8JsonWriter json)
    {
        var network = model.Network;
        json.WriteStartObject();
        json.WriteString("format", Format);
        bool columns = model.Columns is not null || model.IdColumn is not null || model.TargetScaling is not null;
        json.WriteNumber("version", columns ? 2 : 1);
        json.WriteNumber("inputs", network.Inputs);
        if (model.Features is { } features)
        {
            json.WriteStartArray("features");
            foreach (var f in features)
            {
                json.WriteStringValue(f);
            }

            json.WriteEndArray();
        }

        if (model.Label is { } label)
        {
            json.WriteString("label", label);
        }

        if (model.Targets is { } targets)
        {
            json.WriteStartArray("targets");
            foreach (var t in targets)
            {
                json.WriteStringValue(t);
            }

            json.WriteEndArray();
        }

        if (model.Classes is { } classes)
        {
            json.WriteStartArray("classes");
            foreach (var c in classes.Names)
            {
                if (classes.Numeric)
                {
                    json.WriteNumberValue(double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteStringValue(c);
                }
            }

            json.WriteEndArray();
        }

        if (model.Training is { } training)
        {
            json.WriteStartObject("training");
            json.WriteString("tool", training.Tool);
            json.WriteStartArray("arguments");
            foreach (var a in training.Arguments)
            {
                json.WriteStringValue(a);
            }

            json.WriteEndArray();
            json.WriteString("data_sha256", training.DataSha256);
            json.WriteEndObject();
        }

        json.WriteStartObject("preprocessing");
        json.WriteNumber("input_scale", model.Preprocessing.InputScale);
        WriteVectorOrNull(json, "mean", model.Preprocessing.Mean);
        WriteVectorOrNull(json, "std", model.Preprocessing.Std);
        json.WriteEndObject();

        if (columns)
        {
            ModelColumnsWriter.Write(model, json);
        }

        json.WriteStartArray("layers");
        foreach (var layer in network.Layers)
        {
            json.WriteStartObject();
            json.WriteNumber("units", layer.Units);
            json.WriteString("activation", layer.Activation.Name);
            if (layer.Activation.SlopeSetting is { } slope)
            {
                json.WriteNumber("slope", slope);
            }

            json.WriteStartArray("W");
            for (int i = 0; i < layer.Units; i++)
            {
                json.WriteStartArray();
                foreach (double w in layer.W.Row(i))
                {
                    json.WriteNumberValue(w);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("b");
            foreach (double b in layer.B.AsSpan())
            {
                json.WriteNumberValue(b);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Reads a model file.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not JSON, of another format or a newer version, or inconsistent; the message names the file and the JSON path.</exception>
    public static TrainedModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path}: model file not found");
        }

        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = BoundedFile.ReadAll(path, "model");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }

        return Read(bytes, path);
    }

    /// <summary>Reads a model from UTF-8 JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidInputException">The JSON is not a valid model.</exception>
    public static TrainedModel Read(ReadOnlyMemory<byte> utf8Json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            throw new InvalidInputException($"{source}: not UTF-8 text; is it a model file?");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{source}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); is it a model file?", e);
        }

        using (document)
        {
            CheckUniqueKeys(document.RootElement, source);
            return new ModelReader(source).Read(document.RootElement);
        }
    }

    /// <summary>How model and checkpoint files are parsed.</summary>
    internal static JsonDocumentOptions JsonOptions => new() { MaxDepth = 16 };

    /// <summary>
    /// A key twice in one object is an error naming its JSON path (the parser would let the last one win, so a file
    /// edited by hand could mean something other than it reads).
    /// </summary>
    /// <exception cref="InvalidInputException">A key appears twice.</exception>
    internal static void CheckUniqueKeys(JsonElement element, string source, string path = "$")
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                string at = path == "$" ? property.Name : $"{path}.{property.Name}";
                if (!seen.Add(property.Name))
                {
                    throw new InvalidInputException($"{source}: {at}: duplicate key; each key may appear once in an object");
                }

                CheckUniqueKeys(property.Value, source, at);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    CheckUniqueKeys(item, source, $"{path}[{i}]");
                }

                i++;
            }
        }
    }

    /// <summary>Reads a model object nested in another document (a checkpoint); errors name <paramref name="source"/>.</summary>
    internal static TrainedModel ReadObject(JsonElement element, string source) => new ModelReader(source).Read(element);

    internal static void WriteVectorOrNull(Utf8JsonWriter json, string name, IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (double v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
