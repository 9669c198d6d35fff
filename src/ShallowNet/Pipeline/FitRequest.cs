using ShallowNet.Model;
using ShallowNet.Serialization;

namespace ShallowNet.Pipeline;

/// <summary>One fit: the data and settings, and optionally a model to start from, a checkpoint to resume and the record to stamp.</summary>
/// <param name="Data">The raw examples and their targets.</param>
/// <param name="Settings">The network, initialisation, split, preprocessing, weights and training options.</param>
internal sealed record FitRequest(FitData Data, FitSettings Settings)
{
    /// <summary>
    /// A model whose architecture, weights, classes and (non-identity) preprocessing the fit starts from (the tool's
    /// <c>--init-params</c>); null to initialise afresh.
    /// </summary>
    public TrainedModel? Start { get; init; }

    /// <summary>Where <see cref="Start"/> came from, for messages.</summary>
    public string? StartSource { get; init; }

    /// <summary>
    /// A checkpoint of this same run to continue: its weights, preprocessing, optimizer and generator state replace
    /// the fresh ones, so the result is bit-identical to an uninterrupted run.
    /// </summary>
    public SavedCheckpoint? Resume { get; init; }

    /// <summary>How the model was trained (tool, arguments, data hash), stamped on the model; null for none.</summary>
    public TrainingRecord? Record { get; init; }
}
