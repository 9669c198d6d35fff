using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training;

/// <summary>
/// A run's state beside the weights, out to a <see cref="TrainingCheckpoint{T}"/> and back: the epochs done, the
/// optimizer's state, the generator's state, the history, the last finite cost and early stopping. Restoring all of
/// it is what makes a resumed run bit-identical to an uninterrupted one.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class CheckpointState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly OptimizerState<T> _optimizer;
    private readonly NumpyRandom _random;
    private readonly TrainingHistory _history;
    private readonly EarlyStopping<T> _earlyStopping;

    public CheckpointState(Network<T> network, OptimizerState<T> optimizer, NumpyRandom random, TrainingHistory history, EarlyStopping<T> earlyStopping)
    {
        _network = network;
        _optimizer = optimizer;
        _random = random;
        _history = history;
        _earlyStopping = earlyStopping;
    }

    /// <summary>
    /// Restores <paramref name="from"/> (the network already holds its weights); returns the epoch to start with and
    /// the last finite cost.
    /// </summary>
    /// <exception cref="ArgumentException">The checkpoint is past the epochs asked for.</exception>
    public (int Epoch, double? LastFiniteCost) Resume(TrainingCheckpoint<T> from, int epochs)
    {
        if (from.Epoch > epochs)
        {
            throw new ArgumentException($"the checkpoint is at epoch {from.Epoch}, past the {epochs} epochs asked for");
        }

        _optimizer.CopyFrom(from.Optimizer);
        _random.SetState(from.Random);
        foreach (var point in from.History)
        {
            _history.Add(point);
        }

        foreach (var point in from.Curve)
        {
            _history.Add(point);
        }

        _history.Epochs = from.Epoch;
        _earlyStopping.Resume(from.BestEpoch, from.BestValidationCost, from.SinceBest, from.BestParameters);
        return (from.Epoch, from.LastFiniteCost);
    }

    /// <summary>
    /// The checkpoint of the weights now in the network, or null when they are no longer finite (then the last good
    /// checkpoint on disk is better kept than replaced with broken weights).
    /// </summary>
    public TrainingCheckpoint<T>? Capture(double seconds, double? lastFiniteCost)
    {
        foreach (var p in _network.Parameters)
        {
            foreach (var v in p.AsSpan())
            {
                if (!T.IsFinite(v))
                {
                    return null;
                }
            }
        }

        return new TrainingCheckpoint<T>
        {
            Epoch = _history.Epochs,
            Optimizer = _optimizer.Clone(),
            Random = _random.GetState(),
            History = [.. _history.Points],
            Curve = [.. _history.Curve],
            TrainSeconds = seconds,
            LastFiniteCost = lastFiniteCost,
            BestEpoch = _history.BestEpoch,
            BestValidationCost = _history.BestValidationCost,
            SinceBest = _earlyStopping.SinceBest,
            BestParameters = _earlyStopping.Best?.Parameters.Select(p => p.Clone()).ToArray(),
        };
    }
}
