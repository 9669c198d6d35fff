using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Onnx;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Serialization;
using DataType = Onnx.TensorProto.Types.DataType;

namespace ShallowNet.Export;

/// <summary>
/// Exports a trained model to ONNX (opset 17, float32) so that any ONNX runtime serves it. The graph, for a batch of
/// N examples with one example per row (the transpose of the lesson's X, done at the boundary):
/// <code>
/// input            float32 [N, n_x]                       "input"; NaN → the column's fill (Where(IsNaN)) when the model has fills
///   or, when the model has a categorical column or a missing indicator, one input per table column, named as the
///   column (float32 [N, 1] for a number, string [N, 1] for a category), encoded and concatenated (see OnnxColumns)
/// x ← x / input_scale, x ← x − mean, x ← x / std          (Div, Sub, Div; only those the model's preprocessing has)
/// for l = 1..L:  Z = Gemm(A, W[l], b[l], transB = 1)      A·W[l]ᵀ + b[l]ᵀ = (W[l]·Aᵀ + b[l])ᵀ, W kept as (n[l], n[l-1])
///                A = g[l](Z)                              Sigmoid, Tanh, Relu, LeakyRelu(alpha = slope), Identity, Softmax(axis 1)
/// </code>
/// Outputs: a classifier (sigmoid or softmax output) gives <c>probabilities</c> float32 [N, n[L]] (row j is column j
/// of our A[L]: for one sigmoid unit, P(second class)), <c>label</c> int64 [N] (the class index: p &gt; 0.5 for one
/// sigmoid unit, ArgMax over axis 1 for softmax) and, when the model knows its classes, <c>class</c> string [N]
/// (the class as written in the training data). An identity output gives <c>prediction</c> float32 [N, n[L]], in
/// the target's units when the model scaled its targets (Mul by std, Add mean).
/// The batch dimension is symbolic ("batch"): any N runs.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the graph uses (the default domain).</summary>
    public const int Opset = 17;

    /// <summary>The ONNX-ML operator set (LabelEncoder), imported only by graphs that take text columns.</summary>
    internal const int MlOpset = 3;

    /// <summary>The ONNX IR version that goes with opset 17.</summary>
    public const long IrVersion = 8;

    /// <summary>
    /// The graph input of a model of numbers: float32 [batch, n_x], raw features in the model's feature order (NaN =
    /// missing). A model with a categorical column or a missing indicator takes one input per column instead.
    /// </summary>
    public const string InputName = "input";

    /// <summary>Classifier output: float32 [batch, n[L]], the output layer's activations A[L]ᵀ.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>Classifier output: int64 [batch], the predicted class index (int64 [batch, n[L]] for several sigmoid units).</summary>
    public const string LabelName = "label";

    /// <summary>Classifier output when the classes are known: string [batch], the predicted class as in the data.</summary>
    public const string ClassName = "class";

    /// <summary>Regression output (identity output layer): float32 [batch, n[L]].</summary>
    public const string PredictionName = "prediction";

    // A column may not take an output's name: graph inputs and outputs share one namespace.
    private static readonly string[] OutputNames = [ProbabilitiesName, LabelName, ClassName, PredictionName];

    /// <summary>Writes <paramref name="model"/> as an ONNX file, atomically (the old file or the complete new one).</summary>
    /// <exception cref="InvalidInputException">The path cannot be written (missing folder, no permission, a directory).</exception>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX counterpart.</exception>
    public static void Save(TrainedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ToBytes(model);                     // build first: nothing is written when the model cannot be exported
        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"{path}: is a directory; give a file name for the ONNX model");
        }

        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="model"/> as ONNX protobuf to <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX counterpart.</exception>
    public static void Write(TrainedModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(model));
    }

    /// <summary>The ONNX protobuf bytes of <paramref name="model"/> (what <see cref="Save"/> writes).</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX counterpart.</exception>
    public static byte[] ToBytes(TrainedModel model) => Build(model).ToByteArray();

    /// <summary>One line naming the graph's input and outputs with their shapes, e.g. for the command line.</summary>
    public static string Describe(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.Network;
        string outputs = network.Layers[^1].Activation.Name switch
        {
            "sigmoid" or "softmax" =>
                $"{ProbabilitiesName} float32 [batch, {network.Outputs}], {LabelName} int64 [batch{(IsMultiLabel(network) ? $", {network.Outputs}" : string.Empty)}]"
                + (ClassNames(model) is null ? string.Empty : $", {ClassName} string [batch]"),
            _ => $"{PredictionName} float32 [batch, {network.Outputs}]",
        };
        return $"opset {Opset}; {DescribeInputs(model)} -> {outputs}";
    }

    // "input float32 [batch, n_x]", or one "name type [batch, 1]" per column (the first few of many).
    private static string DescribeInputs(TrainedModel model)
    {
        if (!OnnxColumns.PerColumn(model))
        {
            return $"{InputName} float32 [batch, {model.Network.Inputs}]";
        }

        const int Shown = 6;
        var columns = model.Columns!.Columns;
        var inputs = columns.Take(Shown).Select(c => $"{c.Name} {(c.Kind == ColumnKind.Numeric ? "float32" : "string")} [batch, 1]");
        return string.Join(", ", inputs) + (columns.Count > Shown ? $", ... ({columns.Count} inputs, one per column)" : string.Empty);
    }

    internal static ModelProto Build(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.Network;
        var graph = new OnnxGraph("shallownet", network.ToString());
        string a = Preprocess(graph, model.Preprocessing, Inputs(graph, model), network.Inputs);
        for (int l = 1; l <= network.Layers.Count; l++)
        {
            var layer = network.Layers[l - 1];
            string w = graph.Floats($"W{l}", [layer.Units, layer.Inputs], layer.W.AsSpan().ToArray());   // (n[l], n[l-1]), row-major
            string b = graph.Floats($"b{l}", [layer.Units], layer.B.AsSpan().ToArray());                 // (n[l],), broadcast over rows
            string z = graph.Node("Gemm", $"Z{l}", [a, w, b], OnnxGraph.Int("transB", 1));             // Z = A·Wᵀ + b
            a = ActivationNode(graph, layer.Activation, z, $"A{l}");
        }

        AddOutputs(graph, model, a);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ShallowNet",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = $"Exported by ShallowNet: {network.ToString().ReplaceLineEndings(" ")}",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        if (graph.UsesMlDomain)
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxGraph.MlDomain, Version = MlOpset });
        }

        AddMetadata(proto, model);
        return proto;
    }

    // The raw features X, float32 [N, n_x]: from one input per table column (see OnnxColumns), or from the single
    // input, its NaNs imputed when the model learned fill values.
    private static string Inputs(OnnxGraph graph, TrainedModel model)
    {
        if (OnnxColumns.PerColumn(model))
        {
            var encoding = model.Columns!;
            if (encoding.Columns.FirstOrDefault(c => OutputNames.Contains(c.Name)) is { } clash)
            {
                throw new NotSupportedException($"column '{clash.Name}' has the name of an ONNX output ({string.Join(", ", OutputNames)}); rename it to export the model");
            }

            return OnnxColumns.Encode(graph, encoding);
        }

        graph.Input(InputName, DataType.Float, null, model.Network.Inputs);
        return model.Columns is { } numeric && numeric.Width == model.Network.Inputs
            ? OnnxColumns.Impute(graph, InputName, [.. numeric.Columns.Select(c => c.Fill)], "imputed")
            : InputName;
    }

    // x ← x / input_scale; then, when standardising, x ← (x − mean) / std, exactly as Preprocessing.Apply.
    private static string Preprocess(OnnxGraph graph, Preprocessing p, string x, int inputs)
    {
        if (p.InputScale != 1)
        {
            x = graph.Node("Div", "scaled", [x, graph.Floats("input_scale", [1], [p.InputScale])]);
        }

        if (p.Mean is { } mean)
        {
            x = graph.Node("Sub", "centred", [x, graph.Floats("mean", [inputs], mean)]);
        }

        if (p.Std is { } std)
        {
            x = graph.Node("Div", "standardised", [x, graph.Floats("std", [inputs], std)]);
        }

        return x;
    }

    // the operator the activation names for itself (Activation.Onnx), with its attributes
    private static string ActivationNode(OnnxGraph graph, Activation g, string z, string a)
    {
        var op = g.Onnx ?? throw new NotSupportedException($"activation '{g.Name}' has no ONNX export (supported: {string.Join(", ", Activation.Names)})");
        return graph.Node(op.OpType, a, [z], [.. op.Floats.Select(f => OnnxGraph.Float(f.Name, f.Value)), .. op.Ints.Select(i => OnnxGraph.Int(i.Name, i.Value))]);
    }

    private static void AddOutputs(OnnxGraph graph, TrainedModel model, string aL)
    {
        var network = model.Network;
        int units = network.Outputs;
        string output = network.Layers[^1].Activation.Name;
        if (output is not ("sigmoid" or "softmax"))
        {
            if (model.TargetScaling is { } scaling)
            {
                // ŷ = a · std + mean per output, as TargetScaling.Invert: the prediction in the target's units
                string scaled = graph.Node("Mul", "target_scaled", [aL, graph.Floats("target_std", [units], scaling.Std)]);
                aL = graph.Node("Add", "target", [scaled, graph.Floats("target_mean", [units], scaling.Mean)]);
            }

            graph.Node("Identity", PredictionName, [aL]);
            graph.Output(PredictionName, DataType.Float, "the output layer's values, one row per example", null, units);
            return;
        }

        graph.Node("Identity", ProbabilitiesName, [aL]);
        graph.Output(ProbabilitiesName, DataType.Float,
            output == "sigmoid" && units == 1 ? "P(second class), one row per example" : "the output layer's activations, one row per example", null, units);

        if (output == "softmax")
        {
            graph.Node("ArgMax", LabelName, [aL], OnnxGraph.Int("axis", 1), OnnxGraph.Int("keepdims", 0));
        }
        else
        {
            string positive = graph.Node("Greater", "above_half", [aL, graph.Floats("half", [1], [0.5])]);  // the lesson's a > 0.5
            string index = graph.Node("Cast", units == 1 ? "label_column" : LabelName, [positive], OnnxGraph.Int("to", (long)DataType.Int64));
            if (units == 1)
            {
                graph.Node("Reshape", LabelName, [index, graph.Int64s("flat", [1], [-1])]);
            }
        }

        graph.Output(LabelName, DataType.Int64, "the predicted class index", IsMultiLabel(network) ? [null, units] : [null]);
        if (ClassNames(model) is { } names)
        {
            graph.Node("Gather", ClassName, [graph.Strings("classes", names), LabelName], OnnxGraph.Int("axis", 0));
            graph.Output(ClassName, DataType.String, "the predicted class as written in the training data", [null]);
        }
    }

    private static bool IsMultiLabel(Network<double> network) => network.Layers[^1].Activation.Name == "sigmoid" && network.Outputs > 1;

    // The class names the label indexes: two for one sigmoid unit, k for a k-way softmax.
    private static IReadOnlyList<string>? ClassNames(TrainedModel model)
    {
        var network = model.Network;
        if (model.Classes is not { } classes)
        {
            return null;
        }

        return network.Layers[^1].Activation.Name switch
        {
            "sigmoid" when network.Outputs == 1 && classes.Count == 2 => classes.Names,
            "softmax" when classes.Count == network.Outputs => classes.Names,
            _ => null,
        };
    }

    private static void AddMetadata(ModelProto proto, TrainedModel model)
    {
        void Add(string key, string value) => proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

        Add("shallownet.format", $"{ModelFile.Format} {ModelFile.Version.ToString(CultureInfo.InvariantCulture)}");
        if (model.Features is { } features)
        {
            Add("features", JsonArray(features));
        }

        if (model.Label is { } label)
        {
            Add("label", label);
        }

        if (model.Classes is { } classes)
        {
            Add("classes", JsonArray(classes.Names));
        }
    }

    /// <summary>["a","b"] with the default JSON escaping, written without reflection (the tool is compiled ahead of time).</summary>
    private static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
