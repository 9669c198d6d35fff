namespace ShallowNet.Training;

/// <summary>A point of the cost curve (<see cref="TrainingHistory.Curve"/>).</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Cost">J (with the L2 term), of the kind <paramref name="Kind"/> says.</param>
/// <param name="Kind">Exact J before the epoch's update, or the mean of the epoch's batch costs.</param>
public readonly record struct CostPoint(int Epoch, double Cost, CostKind Kind);
