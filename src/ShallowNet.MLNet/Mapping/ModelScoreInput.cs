using System.ComponentModel;
using Microsoft.ML.Data;

namespace ShallowNet.MLNet.Mapping;

/// <summary>The input row of <see cref="MulticlassScoreMapping"/> and <see cref="RegressionScoreMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelScoreInput
{
    /// <summary>The raw features (the model's preprocessing is applied inside), copied from the trainer's feature column.</summary>
    [VectorType]
    public float[] ShallowNetFeatures { get; set; } = [];

    /// <summary>The model file's JSON, from the saved value map.</summary>
    public ReadOnlyMemory<char> ShallowNetModel { get; set; }
}
