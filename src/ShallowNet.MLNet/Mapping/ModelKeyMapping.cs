using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ShallowNet.MLNet.Mapping;

/// <summary>
/// Adds the constant column <see cref="ModelKeyOutput.ShallowNetModelKey"/> that the saved value map turns into the
/// model's JSON on every row (see <see cref="ShallowNetBinaryModel"/>). Registered so that ML.NET can reload a saved
/// model; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ModelKeyMapping : CustomMappingFactory<ModelKeyInput, ModelKeyOutput>
{
    /// <summary>The name ML.NET stores in a saved model to find this mapping again.</summary>
    public const string ContractName = "ShallowNet.ModelKey.v1";

    /// <inheritdoc/>
    public override Action<ModelKeyInput, ModelKeyOutput> GetMapping() => static (_, output) => output.ShallowNetModelKey = 0;
}

/// <summary>The input row of <see cref="ModelKeyMapping"/>: the copied feature vector (unused).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelKeyInput
{
    /// <summary>The features, copied from the trainer's feature column.</summary>
    [VectorType]
    public float[] ShallowNetFeatures { get; set; } = [];
}

/// <summary>The output row of <see cref="ModelKeyMapping"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelKeyOutput
{
    /// <summary>Always 0: the key of the one entry in the saved value map.</summary>
    public float ShallowNetModelKey { get; set; }
}
