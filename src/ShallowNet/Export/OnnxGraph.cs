using Google.Protobuf;
using Onnx;

namespace ShallowNet.Export;

/// <summary>
/// A small builder over the ONNX protobuf classes (from OnnxSharp): nodes, constant initializers and typed graph
/// inputs and outputs, each named once. Internal: the public surface is <see cref="OnnxExport"/>.
/// </summary>
/// <remarks>
/// Graph inputs keep their names (they are the table's column names); a node or initializer whose name is already
/// taken gets a suffix ("mean_2"), so that a column called "mean" cannot clash with the graph's own values. The methods
/// return the name actually used.
/// </remarks>
internal sealed class OnnxGraph
{
    /// <summary>The symbolic batch dimension's name.</summary>
    public const string Batch = "batch";

    /// <summary>The ONNX-ML operator domain (LabelEncoder).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraph(string name, string docString)
    {
        _graph.Name = name;
        _graph.DocString = docString;
    }

    public GraphProto Proto => _graph;

    /// <summary>Whether the graph uses an operator of the ONNX-ML domain (its opset must then be imported).</summary>
    public bool UsesMlDomain { get; private set; }

    /// <summary>Adds node <paramref name="opType"/> and returns its (first) output's name.</summary>
    public string Node(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        AddNode(string.Empty, opType, output, inputs, attributes);

    /// <summary>Adds node <paramref name="opType"/> of the ONNX-ML domain and returns its output's name.</summary>
    public string MlNode(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        UsesMlDomain = true;
        return AddNode(MlDomain, opType, output, inputs, attributes);
    }

    /// <summary>A float32 initializer of the given shape (values in row-major order), converted from double.</summary>
    /// <exception cref="NotSupportedException">A value is beyond float32's range (a standardisation fitted on values near 1e308).</exception>
    public string Floats(string name, long[] dims, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.FirstOrDefault(v => double.IsFinite(v) && !float.IsFinite((float)v)) is var big && big != 0)
        {
            // As float it would be infinite, and the graph's every output NaN.
            throw new NotSupportedException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the model's '{name}' holds {big:G6}, beyond float32's range (±3.4e38), the ONNX graph's type; rescale the column and retrain to export the model"));
        }

        name = Fresh(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.Select(v => (float)v));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 initializer of the given shape.</summary>
    public string Int64s(string name, long[] dims, IEnumerable<long> values)
    {
        name = Fresh(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A one-dimensional string initializer (UTF-8).</summary>
    public string Strings(string name, IReadOnlyList<string> values)
    {
        name = Fresh(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Count);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Declares a graph input under exactly <paramref name="name"/>; a dimension of null is the symbolic batch dimension.</summary>
    /// <exception cref="NotSupportedException">Two inputs share the name.</exception>
    public void Input(string name, TensorProto.Types.DataType type, params long?[] dims)
    {
        if (!_names.Add(name))
        {
            throw new NotSupportedException($"two ONNX inputs would be named '{name}'");
        }

        _graph.Input.Add(ValueInfo(name, type, dims));
    }

    /// <summary>Declares a graph output; a dimension of null is the symbolic batch dimension.</summary>
    public void Output(string name, TensorProto.Types.DataType type, string docString, params long?[] dims)
    {
        var info = ValueInfo(name, type, dims);
        info.DocString = docString;
        _graph.Output.Add(info);
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto IntList(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto StringList(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    private string AddNode(string domain, string opType, string output, IEnumerable<string> inputs, AttributeProto[] attributes)
    {
        output = Fresh(output);
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    // The name itself when free, else the name with the first free suffix _2, _3, ...
    private string Fresh(string name)
    {
        string candidate = name;
        for (int k = 2; !_names.Add(candidate); k++)
        {
            candidate = $"{name}_{k}";
        }

        return candidate;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? d in dims)
        {
            shape.Dim.Add(d is { } value ? new TensorShapeProto.Types.Dimension { DimValue = value } : new TensorShapeProto.Types.Dimension { DimParam = Batch });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
