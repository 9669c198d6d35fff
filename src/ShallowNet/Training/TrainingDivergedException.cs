namespace ShallowNet.Training;

/// <summary>Training produced a non-finite cost; the message names the epoch and the last finite cost.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a cost that became non-finite at <paramref name="epoch"/>.</summary>
    public TrainingDivergedException(int epoch, double cost, double? lastFiniteCost)
        : base($"training diverged: the cost is {cost} at epoch {epoch}"
            + (lastFiniteCost is { } c ? $" (last finite cost {c:R})" : string.Empty)
            + "; lower the learning rate or scale the inputs")
    {
        Epoch = epoch;
        LastFiniteCost = lastFiniteCost;
    }

    /// <summary>
    /// Creates the exception for a run noticed between logged epochs: <paramref name="what"/> (the weights after an
    /// update, or the network's output) became NaN or infinite at <paramref name="epoch"/>, so J cannot be finite there.
    /// </summary>
    internal TrainingDivergedException(int epoch, string what, double? lastFiniteCost, int? lastFiniteEpoch)
        : base($"training diverged: {what} NaN or infinite at epoch {epoch}"
            + (lastFiniteCost is { } c ? $" (the last cost logged{(lastFiniteEpoch is { } e ? $", at epoch {e}," : string.Empty)} was {c:R})" : string.Empty)
            + "; lower the learning rate or scale the inputs")
    {
        Epoch = epoch;
        LastFiniteCost = lastFiniteCost;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The epoch whose cost was not finite.</summary>
    public int Epoch { get; }

    /// <summary>The last finite cost logged before it, if any.</summary>
    public double? LastFiniteCost { get; }
}
