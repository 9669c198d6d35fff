using System.Numerics;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training;

/// <summary>
/// Everything besides the weights that a run needs to continue exactly as if it had never stopped: the epochs done,
/// the optimizer's state, the generator's state (shuffles, dropout), the history so far and the early-stopping state.
/// Resuming from it gives bit-identical weights to an uninterrupted run.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class TrainingCheckpoint<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Epochs completed; training resumes with this epoch.</summary>
    public required int Epoch { get; init; }

    /// <summary>The optimizer's state (step count and slots).</summary>
    public required OptimizerState<T> Optimizer { get; init; }

    /// <summary>The generator's state after the completed epochs.</summary>
    public required NumpyRandomState Random { get; init; }

    /// <summary>The logged points so far.</summary>
    public required IReadOnlyList<HistoryPoint> History { get; init; }

    /// <summary>The cost curve so far (<see cref="TrainingHistory.Curve"/>).</summary>
    public IReadOnlyList<CostPoint> Curve { get; init; } = [];

    /// <summary>Seconds spent training before the checkpoint.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>The last finite logged cost (for the divergence message).</summary>
    public double? LastFiniteCost { get; init; }

    /// <summary>Early stopping: the epoch of the best validation cost so far.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Early stopping: the best validation cost so far.</summary>
    public double? BestValidationCost { get; init; }

    /// <summary>Early stopping: validations since the best one.</summary>
    public int SinceBest { get; init; }

    /// <summary>Early stopping: the best weights so far (in the order of Network.Parameters), or null.</summary>
    public IReadOnlyList<Matrix<T>>? BestParameters { get; init; }
}

/// <summary>How a run writes checkpoints and where it resumes from.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Checkpointing<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Call <see cref="Save"/> after every this many epochs (0 = only when interrupted).</summary>
    public int Every { get; init; }

    /// <summary>Receives each checkpoint; the network passed to the trainer holds the matching weights at that moment.</summary>
    public required Action<TrainingCheckpoint<T>> Save { get; init; }

    /// <summary>A checkpoint to resume from (the network must already hold its weights), or null to start afresh.</summary>
    public TrainingCheckpoint<T>? ResumeFrom { get; init; }
}
