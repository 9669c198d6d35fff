using Microsoft.ML;
using Microsoft.ML.Data;
using ShallowNet.Model;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// What the ShallowNet trainers fit (<see cref="ShallowNetBinaryModel"/>, <see cref="ShallowNetMulticlassModel"/>,
/// <see cref="ShallowNetRegressionModel"/>): a transformer that adds ML.NET's scoring columns, and carries the trained
/// <see cref="Model"/> (for <see cref="Serialization.ModelFile"/> or <see cref="Export.OnnxExport"/>) and the training
/// <see cref="History"/>.
/// </summary>
/// <remarks>
/// ML.NET keeps the types needed to save a custom transformer internal, so this one is a chain of public, saveable
/// parts: a column copy, a registered custom mapping that adds a constant key, a value map from that key to the model
/// file's JSON (the weights live there, inside the ML.NET zip), a registered custom mapping that scores, ML.NET's own
/// transforms that give the columns their final types, and a column drop. Saving writes that chain;
/// <c>mlContext.Model.Load</c> gives it back as a <see cref="TransformerChain{T}"/> that scores the same (call
/// <see cref="ShallowNetTrainer.Register"/> on a fresh <see cref="MLContext"/> first).
/// </remarks>
public abstract class ShallowNetTransformer : ITransformer
{
    private readonly ITransformer _chain;

    private protected ShallowNetTransformer(ITransformer chain, TrainedModel model, TrainingHistory history)
    {
        _chain = chain;
        Model = model;
        History = history;
    }

    /// <summary>The trained network with its features, classes and preprocessing.</summary>
    public TrainedModel Model { get; }

    /// <summary>The costs recorded during training.</summary>
    public TrainingHistory History { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _chain.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _chain.Transform(input);

    /// <summary>Saves the inner chain of ML.NET transformers (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _chain.Save(ctx);
}
