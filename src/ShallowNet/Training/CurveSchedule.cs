using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Training.EpochSteps;

namespace ShallowNet.Training;

/// <summary>
/// Which epochs the cost curve records besides the logged ones. Where J is all but free (the full-batch step's own
/// forward pass already holds A[L], and the network is large enough that J's exp and log per output and example are
/// noise beside the epoch), every epoch; where it needs a pass of its own (the fused tiny-network epoch, dropout) or
/// would weigh on a tiny network's epoch, about <see cref="SpacedPoints"/> evenly spaced epochs. With mini-batches, the
/// mean of the batch costs (read from the batches' own passes) at those epochs, and exact J only at logged epochs.
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
    /// Parameters per output unit from which J at every epoch is free. J costs an exp and a log per output unit and
    /// example (about 40 multiply-adds' time), an epoch about six multiply-adds per parameter and example: from here J
    /// adds under about 2%. On the lesson's 2-4-1 network (17 parameters) it added 25–40% to every epoch (measured:
    /// full-batch Adam and batches of 32), so such networks get spaced points.
    /// </summary>
    public const int FreeParametersPerOutput = 350;

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
        int free = network.ParameterCount >= FreeParametersPerOutput * (long)network.Outputs ? dense : spaced;
        return Trainer.ChooseStep(network, examples, options with { Kernels = KernelChoice.Auto }) switch
        {
            EpochStepKind.MiniBatch => new CurveSchedule(0, free),
            EpochStepKind.TinyNetwork => new CurveSchedule(spaced, 0),         // the fused epoch has no forward pass to read
            _ when options.DropoutKeep is not null => new CurveSchedule(spaced, 0), // J needs a pass without dropout
            _ => new CurveSchedule(free, 0),
        };
    }

    /// <summary>Whether epoch k gets an exact point (logged epochs always do).</summary>
    public bool Exact(int epoch) => ExactEvery > 0 && epoch % ExactEvery == 0;

    /// <summary>Whether epoch k gets a batch-mean point.</summary>
    public bool BatchMean(int epoch) => BatchMeanEvery > 0 && epoch % BatchMeanEvery == 0;

    /// <summary>An upper bound on the points of a run of <paramref name="epochs"/> logged every <paramref name="logEvery"/>, twice as many with a validation set.</summary>
    public int Capacity(int epochs, int logEvery, bool validation = false)
    {
        long points = 1 + ((epochs - 1L) / logEvery) + 1;
        points += ExactEvery > 0 ? ((epochs - 1L) / ExactEvery) + 1 : 0;
        points += BatchMeanEvery > 0 ? ((epochs - 1L) / BatchMeanEvery) + 1 : 0;
        return (int)Math.Min(validation ? 2 * points : points, Array.MaxLength);
    }
}
