using System.Globalization;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Serialization;

/// <summary>
/// Reads a model file's JSON tree (<see cref="ModelFile"/>): checks every field's type and every array's shape against
/// the layers, and names the JSON path of anything wrong.
/// </summary>
internal sealed partial class ModelReader(string source)
{
    public TrainedModel Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error("$", "expected a JSON object");
        }

        string format = RequireString(root, "format", "$");
        if (format != ModelFile.Format)
        {
            throw Error("format", $"is '{format}', not '{ModelFile.Format}': not a ShallowNet model");
        }

        var versionElement = Require(root, "version", "$");
        if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int version) || version < 1)
        {
            throw Error("version", "must be a positive integer");
        }

        if (version > ModelFile.Version)
        {
            throw Error("version", $"is {version}, newer than this shallownet reads ({ModelFile.Version}); upgrade shallownet");
        }

        var layersElement = Require(root, "layers", "$");
        if (layersElement.ValueKind != JsonValueKind.Array || layersElement.GetArrayLength() == 0)
        {
            throw Error("layers", "must be a non-empty array");
        }

        var layers = new List<DenseLayer<double>>();
        int index = 0;
        foreach (var layer in layersElement.EnumerateArray())
        {
            layers.Add(ReadLayer(layer, $"layers[{index}]", layers.Count == 0 ? null : layers[^1].Units));
            index++;
        }

        int inputs = layers[0].Inputs;
        if (root.TryGetProperty("inputs", out var inputsElement) && (inputsElement.ValueKind != JsonValueKind.Number || !inputsElement.TryGetInt32(out int declared) || declared != inputs))
        {
            throw Error("inputs", $"is {inputsElement.GetRawText()}, but layers[0].W has {inputs} columns");
        }

        List<string>? features = null;
        if (root.TryGetProperty("features", out var featuresElement) && featuresElement.ValueKind != JsonValueKind.Null)
        {
            features = ReadStrings(featuresElement, "features");
            if (features.Count != inputs)
            {
                throw Error("features", $"names {features.Count} features, but the network has {inputs} inputs");
            }
        }

        string? label = null;
        if (root.TryGetProperty("label", out var labelElement) && labelElement.ValueKind != JsonValueKind.Null)
        {
            label = labelElement.ValueKind == JsonValueKind.String ? labelElement.GetString() : throw Error("label", "must be a string");
        }

        ClassLabels? classes = null;
        if (root.TryGetProperty("classes", out var classesElement) && classesElement.ValueKind != JsonValueKind.Null)
        {
            classes = ReadClasses(classesElement);
        }

        var preprocessing = Preprocessing.None;
        if (root.TryGetProperty("preprocessing", out var pre) && pre.ValueKind != JsonValueKind.Null)
        {
            preprocessing = ReadPreprocessing(pre, inputs);
        }

        List<string>? targets = null;
        if (root.TryGetProperty("targets", out var targetsElement) && targetsElement.ValueKind != JsonValueKind.Null)
        {
            targets = ReadStrings(targetsElement, "targets");
            if (targets.Count != layers[^1].Units)
            {
                throw Error("targets", $"names {targets.Count} targets, but the output layer has {layers[^1].Units} units");
            }
        }

        CheckMeaning(layers, features, label, classes);
        TrainingRecord? training = null;
        if (root.TryGetProperty("training", out var trainingElement) && trainingElement.ValueKind == JsonValueKind.Object)
        {
            training = new TrainingRecord(
                trainingElement.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString()! : string.Empty,
                trainingElement.TryGetProperty("arguments", out var args) ? ReadStrings(args, "training.arguments") : [],
                trainingElement.TryGetProperty("data_sha256", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString()! : string.Empty);
        }

        try
        {
            var columns = ReadColumns(root, inputs, features);
            string? id = ReadId(root);
            if (id is not null && ((columns?.Columns.Any(c => c.Name == id) ?? false) || (features?.Contains(id) ?? false)))
            {
                // predict would read the feature as the id, verbatim text, and then refuse it as "not a number"
                throw Error("id", $"'{id}' is one of the model's feature columns; an id column is never a feature");
            }

            return new TrainedModel(new Network<double>(layers), features, label, classes, preprocessing)
            {
                Targets = targets,
                Training = training,
                Columns = columns,
                IdColumn = id,
                TargetScaling = ReadTargetScaling(root, layers),
            };
        }
        catch (ArgumentException e)
        {
            throw Error("layers", e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>
    /// The parts must agree in meaning, not only in shape: the classes with the output layer, softmax with its units,
    /// the feature names with each other and with the label.
    /// </summary>
    private void CheckMeaning(List<DenseLayer<double>> layers, List<string>? features, string? label, ClassLabels? classes)
    {
        int units = layers[^1].Units;
        if (layers[^1].Activation is Softmax && units < 2)
        {
            throw Error($"layers[{layers.Count - 1}].activation", "softmax over 1 unit is always 1; it needs at least 2 units (one per class)");
        }

        if (classes is not null)
        {
            if (units == 1 && classes.Count != 2)
            {
                throw Error("classes", $"names {classes.Count} classes, but the output layer has 1 unit, which tells 2 classes apart");
            }

            if (units > 1 && classes.Count != units)
            {
                throw Error("classes", $"names {classes.Count} classes, but the output layer has {units} units, one per class");
            }
        }

        if (features is not null)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < features.Count; i++)
            {
                if (!seen.TryAdd(features[i], i))
                {
                    throw Error($"features[{i}]", $"'{features[i]}' appears twice (also features[{seen[features[i]]}])");
                }

                if (features[i] == label)
                {
                    throw Error($"features[{i}]", $"'{features[i]}' is the label, so it cannot be a feature");
                }
            }
        }
    }

    private DenseLayer<double> ReadLayer(JsonElement layer, string path, int? expectedInputs)
    {
        if (layer.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "expected an object with activation, W and b");
        }

        string activationName = RequireString(layer, "activation", path);
        double? slope = null;
        if (layer.TryGetProperty("slope", out var slopeElement) && slopeElement.ValueKind != JsonValueKind.Null)
        {
            slope = Number(slopeElement, $"{path}.slope");
        }

        Activation activation;
        try
        {
            activation = Activation.FromName(activationName, slope);
        }
        catch (ArgumentException)
        {
            throw Error($"{path}.activation", $"unknown activation '{activationName}' (expected one of: {string.Join(", ", Activation.Names)})");
        }

        var w = ReadMatrix(Require(layer, "W", path), $"{path}.W");
        var bElement = Require(layer, "b", path);
        var b = ReadVector(bElement, $"{path}.b");
        if (b.Length != w.Rows)
        {
            throw Error($"{path}.b", $"has {b.Length} values, but W has {w.Rows} rows");
        }

        if (layer.TryGetProperty("units", out var units) && (units.ValueKind != JsonValueKind.Number || !units.TryGetInt32(out int u) || u != w.Rows))
        {
            throw Error($"{path}.units", $"is {units.GetRawText()}, but W has {w.Rows} rows");
        }

        if (expectedInputs is { } n && w.Cols != n)
        {
            throw Error($"{path}.W", $"has {w.Cols} columns, but the previous layer has {n} units");
        }

        return new DenseLayer<double>(w, new Matrix<double>(b.Length, 1, b), activation);
    }

    private Matrix<double> ReadMatrix(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw Error(path, "must be a non-empty array of rows");
        }

        int rows = element.GetArrayLength();
        int cols = -1;
        double[]? data = null;
        int i = 0;
        foreach (var row in element.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                throw Error($"{path}[{i}]", "must be an array of numbers (a row of W)");
            }

            if (cols < 0)
            {
                cols = row.GetArrayLength();
                if (cols == 0)
                {
                    throw Error($"{path}[0]", "is empty");
                }

                data = new double[checked(rows * cols)];
            }
            else if (row.GetArrayLength() != cols)
            {
                throw Error($"{path}[{i}]", $"has {row.GetArrayLength()} values, but {path}[0] has {cols}");
            }

            int j = 0;
            foreach (var v in row.EnumerateArray())
            {
                data![(i * cols) + j] = Number(v, $"{path}[{i}][{j}]");
                j++;
            }

            i++;
        }

        return new Matrix<double>(rows, cols, data!);
    }

    // b is a list of numbers; an (n, 1) list of one-element lists (as NumPy writes a column) is accepted too.
    private double[] ReadVector(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "must be an array of numbers");
        }

        var values = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var v in element.EnumerateArray())
        {
            if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 1)
            {
                values[i] = Number(v[0], $"{path}[{i}][0]");
            }
            else
            {
                values[i] = Number(v, $"{path}[{i}]");
            }

            i++;
        }

        return values;
    }

    private ClassLabels ReadClasses(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() < 2)
        {
            throw Error("classes", "must be an array of at least 2 class labels");
        }

        bool numeric = element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number);
        var names = new List<string>();
        int i = 0;
        foreach (var e in element.EnumerateArray())
        {
            names.Add(e.ValueKind switch
            {
                JsonValueKind.Number => Number(e, $"classes[{i}]").ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.String => e.GetString()!,
                _ => throw Error($"classes[{i}]", "must be a number or a string"),
            });
            i++;
        }

        try
        {
            return new ClassLabels(names, numeric);
        }
        catch (ArgumentException e)
        {
            throw Error("classes", e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private Preprocessing ReadPreprocessing(JsonElement element, int inputs)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error("preprocessing", "must be an object");
        }

        double scale = 1;
        if (element.TryGetProperty("input_scale", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            scale = Number(s, "preprocessing.input_scale");
            if (!(scale > 0) || !double.IsNormal(scale) || !double.IsFinite(1 / scale))
            {
                throw Error("preprocessing.input_scale", $"must be positive, with a finite inverse (the features are divided by it); it is {s.GetRawText()}");
            }
        }

        double[]? mean = OptionalVector(element, "mean", inputs);
        double[]? std = OptionalVector(element, "std", inputs);
        if (std is not null && Array.FindIndex(std, v => !(v > 0) || !double.IsNormal(v) || !double.IsFinite(1 / v)) is int bad and >= 0)
        {
            throw Error("preprocessing.std", $"every value must be positive, with a finite inverse (the features are divided by it); std[{bad}] is {std[bad].ToString("R", CultureInfo.InvariantCulture)}");
        }

        if ((mean is null) != (std is null))
        {
            // applied, either alone dropped the standardisation: the network then met unscaled features
            throw Error(mean is null ? "preprocessing.std" : "preprocessing.mean", "standardisation needs both a mean and a std (or neither)");
        }

        return new Preprocessing(scale, mean, std);
    }

    private double[]? OptionalVector(JsonElement parent, string name, int inputs)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var v = ReadVector(e, $"preprocessing.{name}");
        return v.Length == inputs ? v : throw Error($"preprocessing.{name}", $"has {v.Length} values for {inputs} inputs");
    }

    private List<string> ReadStrings(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "must be an array of strings");
        }

        var list = new List<string>();
        foreach (var e in element.EnumerateArray())
        {
            list.Add(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"{path}[{list.Count}]", "must be a string"));
        }

        return list;
    }

    private double Number(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
        {
            throw Error(path, $"expected a finite number, got {Preview(e)}");
        }

        return v;
    }

    private JsonElement Require(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var e) ? e : throw Error(path, $"missing \"{name}\"");

    private string RequireString(JsonElement obj, string name, string path)
    {
        var e = Require(obj, name, path);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(path == "$" ? name : $"{path}.{name}", $"must be a string, got {Preview(e)}");
    }

    private static string Preview(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length <= 30 ? raw : raw[..27] + "...";
    }

    private InvalidInputException Error(string path, string message) => new($"{source}: {path}: {message}");
}
