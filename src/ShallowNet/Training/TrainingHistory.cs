namespace ShallowNet.Training;

/// <summary>What a training run reports: the logged points, the cost after the last update, and the time it took.</summary>
public sealed class TrainingHistory
{
    private readonly List<HistoryPoint> _points = [];
    private readonly List<CostPoint> _curve = [];

    /// <summary>One point per logged epoch: J before that epoch's update, and the metrics beside it.</summary>
    public IReadOnlyList<HistoryPoint> Points => _points;

    /// <summary>
    /// The cost curve, finer than <see cref="Points"/>, in epoch order: exact J at every logged epoch and, where it
    /// is all but free (the full-batch step's own forward pass, on a network large enough that J's exp and log are noise
    /// beside the epoch), at every epoch; otherwise at about 100 evenly spaced epochs (the fused tiny-network epoch,
    /// dropout, tiny networks). With mini-batches, the mean of the batch costs of those epochs
    /// (<see cref="CostKind.BatchMean"/>, recorded after that epoch's exact point when it has one). Runs of more than
    /// 100,000 epochs keep every k-th epoch instead of all. A run of 100 epochs or more has at least 100 points.
    /// </summary>
    public IReadOnlyList<CostPoint> Curve => _curve;

    /// <summary>Epochs run.</summary>
    public int Epochs { get; internal set; }

    /// <summary>J on the training set after the last update (or of the restored best weights), without dropout.</summary>
    public double FinalCost { get; internal set; } = double.NaN;

    /// <summary>Seconds spent in the training loop (not loading or saving).</summary>
    public double TrainSeconds { get; internal set; }

    /// <summary>Whether the run stopped early because it was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Whether early stopping ended the run.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>
    /// With a validation set: k such that the weights at the start of epoch k had the lowest validation cost
    /// (k = <see cref="Epochs"/> for the weights after the last update). With early stopping those weights are kept.
    /// </summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>The best validation cost seen, when there was a validation set.</summary>
    public double? BestValidationCost { get; internal set; }

    /// <summary>Which epoch step the run took (tests assert that a fused step really ran).</summary>
    internal EpochSteps.EpochStepKind EpochStep { get; init; }

    /// <summary>Bytes held for the curve's points (allocated once, at the start of a run).</summary>
    internal long CurveBytes => (long)_curve.Capacity * System.Runtime.CompilerServices.Unsafe.SizeOf<CostPoint>();

    internal void Add(HistoryPoint point) => _points.Add(point);

    internal void Add(CostPoint point) => _curve.Add(point);

    /// <summary>Holds room for <paramref name="points"/> curve points, so that recording one allocates nothing.</summary>
    internal void ReserveCurve(int points) => _curve.Capacity = Math.Max(_curve.Capacity, points);
}

/// <summary>
/// A logged epoch: the training cost (with the L2 term) before the epoch's update, the training metric (accuracy for
/// classifiers, R² for regression) and, with a validation set, the same two on it.
/// </summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Cost">Training J.</param>
/// <param name="Metric">Training accuracy or R², when computed.</param>
/// <param name="ValidationCost">Validation J (without the L2 term), or null.</param>
/// <param name="ValidationMetric">Validation accuracy or R², or null.</param>
public sealed record HistoryPoint(int Epoch, double Cost, double? Metric, double? ValidationCost, double? ValidationMetric);
