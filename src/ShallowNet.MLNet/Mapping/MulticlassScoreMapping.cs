using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ShallowNet.MLNet.Mapping;

/// <summary>
/// Scores one row for a softmax network: runs the forward pass with the model carried in
/// <see cref="ModelScoreInput.ShallowNetModel"/> and writes the class probabilities A[L] into the first k slots of
/// <see cref="MulticlassScoreOutput.ShallowNetScores"/> (the rest stay 0; a saved slot selection keeps the first k as
/// Score) and the arg-max class index into <see cref="MulticlassScoreOutput.ShallowNetClass"/> (saved value maps turn
/// it into the key-typed PredictedLabel). Registered so that ML.NET can reload a saved model; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class MulticlassScoreMapping : CustomMappingFactory<ModelScoreInput, MulticlassScoreOutput>
{
    /// <summary>The name ML.NET stores in a saved model to find this mapping again.</summary>
    public const string ContractName = "ShallowNet.MulticlassScore.v1";

    /// <summary>
    /// The most classes a multi-class model can have: a custom mapping can only declare a vector of a size fixed at
    /// compile time, so the probabilities travel in a vector of this size before the slot selection cuts it to k.
    /// </summary>
    public const int MaxClasses = 256;

    private readonly ModelCache _models = new();

    /// <inheritdoc/>
    public override Action<ModelScoreInput, MulticlassScoreOutput> GetMapping() => Map;

    private void Map(ModelScoreInput input, MulticlassScoreOutput output)
    {
        var (_, cache) = _models.Forward(input.ShallowNetModel, input.ShallowNetFeatures);
        var a = cache.Output;
        if (a.Rows > MaxClasses)
        {
            throw new InvalidOperationException($"ShallowNet: the model has {a.Rows} classes; the ML.NET trainer supports at most {MaxClasses}");
        }

        if (output.ShallowNetScores.Length != MaxClasses)
        {
            output.ShallowNetScores = new float[MaxClasses];
        }

        var scores = output.ShallowNetScores;
        Array.Clear(scores);
        int best = 0;
        for (int c = 0; c < a.Rows; c++)
        {
            scores[c] = (float)a[c, 0];
            if (a[c, 0] > a[best, 0])
            {
                best = c;                                                    // the first of equal maxima, as ArgMax
            }
        }

        output.ShallowNetClass = (uint)best;
    }
}

/// <summary>The output row of <see cref="MulticlassScoreMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MulticlassScoreOutput
{
    /// <summary>A[L], the class probabilities in key order, in the first k of <see cref="MulticlassScoreMapping.MaxClasses"/> slots.</summary>
    [VectorType(MulticlassScoreMapping.MaxClasses)]
    public float[] ShallowNetScores { get; set; } = [];

    /// <summary>The index (0..k−1) of the most probable class.</summary>
    public uint ShallowNetClass { get; set; }
}
