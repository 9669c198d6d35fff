namespace ShallowNet.Training;

/// <summary>What a training run reports: the logged costs, the cost after the last update, and the time it took.</summary>
public sealed class TrainingHistory
{
    private readonly List<CostPoint> _costs = [];

    /// <summary>(epoch, J) at each logged epoch, J computed before that epoch's update.</summary>
    public IReadOnlyList<CostPoint> Costs => _costs;

    /// <summary>Epochs run.</summary>
    public int Epochs { get; internal set; }

    /// <summary>J after the last update (from one more forward pass).</summary>
    public double FinalCost { get; internal set; } = double.NaN;

    /// <summary>Seconds spent in the training loop (not loading or saving).</summary>
    public double TrainSeconds { get; internal set; }

    /// <summary>Whether the run stopped early because it was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    internal void Add(int epoch, double cost) => _costs.Add(new CostPoint(epoch, cost));
}

/// <summary>The cost J at the start of an epoch.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Cost">J before that epoch's update.</param>
public readonly record struct CostPoint(int Epoch, double Cost);
