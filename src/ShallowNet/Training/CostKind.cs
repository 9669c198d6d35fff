namespace ShallowNet.Training;

/// <summary>What a point of the cost curve measured.</summary>
public enum CostKind : byte
{
    /// <summary>J on the whole training set at the start of the epoch, before its update (no dropout).</summary>
    Exact,

    /// <summary>
    /// With mini-batches: the mean of the epoch's batch costs, weighted by batch size, each from that batch's own
    /// forward pass before its update (with dropout, if any), as Keras and scikit-learn report a training loss.
    /// </summary>
    BatchMean,

    /// <summary>
    /// J on the validation rows at the start of the epoch, recorded where the training curve has a point and early
    /// stopping has measured it anyway (or at logged epochs).
    /// </summary>
    Validation,
}
