using System.Text.Json;
using ShallowNet.Model;

namespace ShallowNet.Serialization;

/// <summary>The parts of version 2: the table's columns ("columns", "missing"), the id column ("id") and the target scaling ("target_scaling").</summary>
internal sealed partial class ModelReader
{
    /// <summary>"columns": each column's name, kind, fill value, categories and indicator; their features must be the model's.</summary>
    private ColumnEncoding? ReadColumns(JsonElement root, int inputs, List<string>? features)
    {
        if (!root.TryGetProperty("columns", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return root.TryGetProperty("missing", out var alone) && alone.ValueKind != JsonValueKind.Null
                ? throw Error("missing", "needs \"columns\" (the words are read in the table's columns)")
                : null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw Error("columns", "must be a non-empty array of columns");
        }

        var columns = new List<InputColumn>();
        foreach (var item in element.EnumerateArray())
        {
            columns.Add(ReadColumn(item, $"columns[{columns.Count}]"));
        }

        ColumnEncoding encoding;
        try
        {
            encoding = new ColumnEncoding(columns) { MissingTokens = ReadMissing(root) };
        }
        catch (ArgumentException e)
        {
            throw Error("columns", e.Message.Split(" (Parameter", 2)[0]);
        }

        if (encoding.Width != inputs)
        {
            throw Error("columns", $"make {encoding.Width} features, but the network has {inputs} inputs");
        }

        if (features is not null && !features.SequenceEqual(encoding.FeatureNames))
        {
            int i = Enumerable.Range(0, inputs).First(i => features[i] != encoding.FeatureNames[i]);
            throw Error($"features[{i}]", $"is '{features[i]}', but the columns make '{encoding.FeatureNames[i]}' there");
        }

        return encoding;
    }

    private InputColumn ReadColumn(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "expected an object with name and kind");
        }

        string name = RequireString(item, "name", path);
        string kind = RequireString(item, "kind", path);
        bool indicator = item.TryGetProperty("indicator", out var ind) && (ind.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? ind.GetBoolean()
            : throw Error($"{path}.indicator", "must be true or false"));
        bool hasFill = item.TryGetProperty("fill", out var fill) && fill.ValueKind != JsonValueKind.Null;
        switch (kind)
        {
            case "numeric":
                return new InputColumn(name, ColumnKind.Numeric) { Fill = hasFill ? Number(fill, $"{path}.fill") : null, Indicator = indicator };
            case "categorical":
                var categories = ReadStrings(Require(item, "categories", path), $"{path}.categories");
                string? fillCategory = hasFill ? (fill.ValueKind == JsonValueKind.String ? fill.GetString() : throw Error($"{path}.fill", "must be one of the categories")) : null;
                if (fillCategory is not null && !categories.Contains(fillCategory))
                {
                    throw Error($"{path}.fill", $"'{fillCategory}' is not one of the categories");
                }

                if (categories.Count == 0 || categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
                {
                    throw Error($"{path}.categories", "must name each category once, at least one");
                }

                return new InputColumn(name, ColumnKind.Categorical) { Categories = categories, FillCategory = fillCategory, Indicator = indicator };
            default:
                throw Error($"{path}.kind", $"unknown kind '{kind}' (expected numeric or categorical)");
        }
    }

    /// <summary>"target_scaling": a mean and a positive standard deviation per output unit of a regression.</summary>
    private TargetScaling? ReadTargetScaling(JsonElement root, List<Model.DenseLayer<double>> layers)
    {
        if (!root.TryGetProperty("target_scaling", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error("target_scaling", "must be an object with mean and std");
        }

        if (layers[^1].Activation is not Activations.Identity)
        {
            throw Error("target_scaling", "scales regression targets, but the output layer is not identity");
        }

        int units = layers[^1].Units;
        var mean = ReadVector(Require(element, "mean", "target_scaling"), "target_scaling.mean");
        var std = ReadVector(Require(element, "std", "target_scaling"), "target_scaling.std");
        if (mean.Length != units || std.Length != units)
        {
            throw Error("target_scaling", $"needs one mean and one std per output unit ({units})");
        }

        if (std.Any(s => !(s > 0)))
        {
            throw Error("target_scaling.std", "every value must be positive");
        }

        return new TargetScaling(mean, std);
    }

    /// <summary>"missing": the words training read as missing (<c>--na</c>), when not the defaults.</summary>
    private IReadOnlyList<string>? ReadMissing(JsonElement root) =>
        root.TryGetProperty("missing", out var element) && element.ValueKind != JsonValueKind.Null
            ? ColumnEncoding.Recorded(ReadStrings(element, "missing"))
            : null;

    private string? ReadId(JsonElement root) =>
        root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null
            ? (id.ValueKind == JsonValueKind.String ? id.GetString() : throw Error("id", "must be a string (the id column's name)"))
            : null;
}
