using System.Runtime.InteropServices;
using System.Text;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Serialization;

namespace ShallowNet.MLNet.Mapping;

/// <summary>
/// The model behind a scoring mapping: the value map hands back the same stored JSON text on every row, so it is parsed
/// once per distinct backing object and the forward pass runs on the cached <see cref="TrainedModel"/>.
/// </summary>
internal sealed class ModelCache
{
    private Parsed? _last;

    /// <summary>A[L] (and Z[L]) for one row of raw features; the model's preprocessing is applied here.</summary>
    public (TrainedModel Model, ForwardCache<double> Cache) Forward(ReadOnlyMemory<char> json, float[] features)
    {
        var model = ModelOf(json);
        var network = model.Network;
        if (features.Length != network.Inputs)
        {
            throw new InvalidOperationException($"ShallowNet: the model takes {network.Inputs} features, the row has {features.Length}");
        }

        var x = new Matrix<double>(network.Inputs, 1);
        for (int i = 0; i < features.Length; i++)
        {
            x[i, 0] = features[i];
        }

        var cache = network.Forward(model.Prepare(x));
        model.TargetScaling?.Invert(cache.Output); // a regression's score in the label's units
        return (model, cache);
    }

    private TrainedModel ModelOf(ReadOnlyMemory<char> json)
    {
        object? owner = null;
        int start = 0, length = json.Length;
        if (MemoryMarshal.TryGetString(json, out string? text, out start, out length))
        {
            owner = text;
        }
        else if (MemoryMarshal.TryGetArray(json, out ArraySegment<char> segment))
        {
            (owner, start, length) = (segment.Array, segment.Offset, segment.Count);
        }

        var last = Volatile.Read(ref _last);
        if (owner is not null && last is not null && ReferenceEquals(last.Owner, owner) && last.Start == start && last.Length == length)
        {
            return last.Model;
        }

        var bytes = new byte[Encoding.UTF8.GetByteCount(json.Span)];
        Encoding.UTF8.GetBytes(json.Span, bytes);
        var model = ModelFile.Read(bytes, "ShallowNet model in the ML.NET pipeline");
        if (owner is not null)
        {
            Volatile.Write(ref _last, new Parsed(owner, start, length, model));
        }

        return model;
    }

    private sealed record Parsed(object Owner, int Start, int Length, TrainedModel Model);
}
