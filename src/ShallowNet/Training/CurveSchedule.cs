using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Training.EpochSteps;

namespace ShallowNet.Training;

/// <summary>
/// Which epochs the cost curve records besides the logged ones. Where J is all but free (the full-batch step's own
/// forward pass already holds A[L]: J is O(n[L]·m) more), every epoch; where it needs a pass of its own (the fused
/// tiny-network epoch, dropout), about <see cref="SpacedPoints"/> evenly spaced epochs; with mini-batches, the mean
/// of the batch costs of every epoch (read from the batches' own passes) and exact J only at logged epochs.
/// </summary>
/// <param name="ExactEvery">Exact J at epochs k·ExactEvery (0: only at logged epochs).</param>
/// <param name="BatchMeanEvery">The batch-mean cost at epochs k·BatchMeanEvery (0: none, a full-batch run).</param>
internal readonly record struct CurveSchedule(int ExactEvery, int BatchMeanEvery)
{
    /// <summary>Points a curve has at least (for a run of at least as many epochs) where J is not free.</summary>
    public const int SpacedPoints = 100;

    /// <summary>At most about this many points per kind: a 10⁸-epoch run must not keep a cost per epoch.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>
    /// The schedule for a run. It follows from the settings, not from the kernels: the epochs are those that
    /// <see cref="KernelChoice.Auto"/> would record, so that <c>--kernels reference</c> reports the same curve.
    /// </summary>
    public static CurveSchedule For<T>(Network<T> network, int examples, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int epochs = options.Epochs;
        int dense = Math.Max(1, (int)Math.Ceiling(epochs / (double)MaxPoints));
        int spaced = Math.Max(dense, epochs / SpacedPoints);
        return Trainer.ChooseStep(network, examples, options with { Kernels = KernelChoice.Auto }) switch
        {
            EpochStepKind.MiniBatch => new CurveSchedule(0, dense),
            EpochStepKind.TinyNetwork => new CurveSchedule(spaced, 0),         // the fused epoch has no forward pass to read
            _ when options.DropoutKeep is not null => new CurveSchedule(spaced, 0), // J needs a pass without dropout
            _ => new CurveSchedule(dense, 0),
        };
    }

    /// <summary>Whether epoch k gets an exact point (logged epochs always do).</summary>
    public bool Exact(int epoch) => ExactEvery > 0 && epoch % ExactEvery == 0;

    /// <summary>Whether epoch k gets a batch-mean point.</summary>
    public bool BatchMean(int epoch) => BatchMeanEvery > 0 && epoch % BatchMeanEvery == 0;

    /// <summary>An upper bound on the points of a run of <paramref name="epochs"/> logged every <paramref name="logEvery"/>.</summary>
    public int Capacity(int epochs, int logEvery)
    {
        long points = 1 + ((epochs - 1L) / logEvery) + 1;
        points += ExactEvery > 0 ? ((epochs - 1L) / ExactEvery) + 1 : 0;
        points += BatchMeanEvery > 0 ? ((epochs - 1L) / BatchMeanEvery) + 1 : 0;
        return (int)Math.Min(points, Array.MaxLength);
    }
}
