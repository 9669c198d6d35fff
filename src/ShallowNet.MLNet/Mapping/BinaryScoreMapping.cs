using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Serialization;

namespace ShallowNet.MLNet.Mapping;

/// <summary>
/// Scores one row: reads the model from the row's <see cref="BinaryScoreInput.ShallowNetModel"/> (the JSON model file,
/// parsed once and cached while the same text comes back), runs the forward pass on the features and writes ML.NET's
/// binary-classification columns: Score = Z[L] (the logit), Probability = A[L] = σ(Z[L]), PredictedLabel = A[L] &gt; 0.5.
/// Registered so that ML.NET can reload a saved model; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryScoreMapping : CustomMappingFactory<BinaryScoreInput, BinaryScoreOutput>
{
    /// <summary>The name ML.NET stores in a saved model to find this mapping again.</summary>
    public const string ContractName = "ShallowNet.BinaryScore.v1";

    private Parsed? _last;

    /// <inheritdoc/>
    public override Action<BinaryScoreInput, BinaryScoreOutput> GetMapping() => Map;

    private void Map(BinaryScoreInput input, BinaryScoreOutput output)
    {
        var model = ModelOf(input.ShallowNetModel);
        var network = model.Network;
        var features = input.ShallowNetFeatures;
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
        double z = cache.Z(network.Layers.Count)[0, 0], a = cache.Output[0, 0];
        output.Score = (float)z;
        output.Probability = (float)a;
        output.PredictedLabel = a > 0.5;                                     // the lesson's rule
    }

    // The value map hands back the same stored text on every row: parse it once per distinct backing object.
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

/// <summary>The input row of <see cref="BinaryScoreMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BinaryScoreInput
{
    /// <summary>The raw features (the model's preprocessing is applied inside), copied from the trainer's feature column.</summary>
    [VectorType]
    public float[] ShallowNetFeatures { get; set; } = [];

    /// <summary>The model file's JSON, from the saved value map.</summary>
    public ReadOnlyMemory<char> ShallowNetModel { get; set; }
}

/// <summary>The output row of <see cref="BinaryScoreMapping"/>: ML.NET's binary-classification columns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BinaryScoreOutput
{
    /// <summary>Z[L], the output unit's pre-activation (the logit of the positive class).</summary>
    public float Score { get; set; }

    /// <summary>A[L] = σ(Z[L]), P(positive class).</summary>
    public float Probability { get; set; }

    /// <summary>Probability &gt; 0.5.</summary>
    public bool PredictedLabel { get; set; }
}
