using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace ShallowNet.MLNet.Mapping;

/// <summary>
/// Scores one row for an identity-output network with one output unit: Score = A[L] = Z[L], the predicted value.
/// Registered so that ML.NET can reload a saved model; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class RegressionScoreMapping : CustomMappingFactory<ModelScoreInput, RegressionScoreOutput>
{
    /// <summary>The name ML.NET stores in a saved model to find this mapping again.</summary>
    public const string ContractName = "ShallowNet.RegressionScore.v1";

    private readonly ModelCache _models = new();

    /// <inheritdoc/>
    public override Action<ModelScoreInput, RegressionScoreOutput> GetMapping() => Map;

    private void Map(ModelScoreInput input, RegressionScoreOutput output)
    {
        var (_, cache) = _models.Forward(input.ShallowNetModel, input.ShallowNetFeatures);
        output.Score = (float)cache.Output[0, 0];
    }
}

/// <summary>The output row of <see cref="RegressionScoreMapping"/>: ML.NET's regression column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RegressionScoreOutput
{
    /// <summary>The predicted value A[L].</summary>
    public float Score { get; set; }
}
