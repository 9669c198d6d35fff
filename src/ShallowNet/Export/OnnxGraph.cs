using Google.Protobuf;
using Onnx;

namespace ShallowNet.Export;

/// <summary>
/// A small builder over the ONNX protobuf classes (from OnnxSharp): nodes, constant initializers and typed graph
/// inputs and outputs, each named once. Internal: the public surface is <see cref="OnnxExport"/>.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The symbolic batch dimension's name.</summary>
    public const string Batch = "batch";

    private readonly GraphProto _graph = new();

    public OnnxGraph(string name, string docString)
    {
        _graph.Name = name;
        _graph.DocString = docString;
    }

    public GraphProto Proto => _graph;

    /// <summary>Adds node <paramref name="opType"/> and returns its (first) output's name.</summary>
    public string Node(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A float32 initializer of the given shape (values in row-major order), converted from double.</summary>
    public string Floats(string name, long[] dims, IEnumerable<double> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.Select(v => (float)v));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 initializer of the given shape.</summary>
    public string Int64s(string name, long[] dims, IEnumerable<long> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A one-dimensional string initializer (UTF-8).</summary>
    public string Strings(string name, IReadOnlyList<string> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Count);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Declares a graph input; a dimension of null is the symbolic batch dimension.</summary>
    public void Input(string name, TensorProto.Types.DataType type, params long?[] dims) => _graph.Input.Add(ValueInfo(name, type, dims));

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
