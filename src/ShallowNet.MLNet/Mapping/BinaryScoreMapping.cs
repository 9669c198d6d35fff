using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

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

    private readonly ModelCache _models = new();

    /// <inheritdoc/>
    public override Action<BinaryScoreInput, BinaryScoreOutput> GetMapping() => Map;

    private void Map(BinaryScoreInput input, BinaryScoreOutput output)
    {
        var (model, cache) = _models.Forward(input.ShallowNetModel, input.ShallowNetFeatures);
        double z = cache.Z(model.Network.Layers.Count)[0, 0], a = cache.Output[0, 0];
        output.Score = (float)z;
        output.Probability = (float)a;
        output.PredictedLabel = a > 0.5;                                     // the lesson's rule
    }
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
