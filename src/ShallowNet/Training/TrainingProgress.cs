namespace ShallowNet.Training;

/// <summary>Reported at each logged epoch: the cost J at the start of <paramref name="Epoch"/>, before its update.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Epochs">The total number of epochs.</param>
/// <param name="Cost">J from the forward pass at the start of the epoch.</param>
/// <param name="Elapsed">Time spent in the training loop so far.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double Cost, TimeSpan Elapsed)
{
    /// <summary>The full logged point (metrics and validation), when available.</summary>
    public HistoryPoint? Point { get; init; }
}
