using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training;

/// <summary>
/// Tracks the validation cost of the weights at the start of each validated epoch: the best so far goes into the
/// history (<see cref="TrainingHistory.BestEpoch"/>, <see cref="TrainingHistory.BestValidationCost"/>) and, with
/// <see cref="TrainingOptions.Patience"/>, a copy of its weights is kept, training stops once that many validations
/// in a row have not improved on it, and the copy is restored at the end.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class EarlyStopping<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly int? _patience;
    private readonly TrainingHistory _history;

    public EarlyStopping(Network<T> network, int? patience, TrainingHistory history)
    {
        _network = network;
        _patience = patience;
        _history = history;
    }

    /// <summary>Validations since the best one.</summary>
    public int SinceBest { get; private set; }

    /// <summary>The best weights so far (with patience only), or null.</summary>
    public Network<T>? Best { get; private set; }

    /// <summary>Records a validation cost for the weights at the start of <paramref name="epoch"/>; true when patience has run out.</summary>
    public bool Track(double validationCost, int epoch)
    {
        if (Improves(validationCost, epoch))
        {
            SinceBest = 0;
            return false;
        }

        return _patience is { } patience && ++SinceBest >= patience;
    }

    /// <summary>Records the validation cost of the weights after the last update (k = the epochs run); patience no longer counts.</summary>
    public void TrackFinal(double validationCost, int epochs) => Improves(validationCost, epochs);

    /// <summary>Puts the best weights back into the network, unless they are the ones it holds.</summary>
    public void RestoreBest()
    {
        if (Best is not null && _history.BestEpoch != _history.Epochs)
        {
            _network.CopyParametersFrom(Best);
        }
    }

    /// <summary>Takes over a checkpoint's early-stopping state (its best weights copied into a network of their own).</summary>
    public void Resume(int? bestEpoch, double? bestValidationCost, int sinceBest, IReadOnlyList<Matrix<T>>? bestParameters)
    {
        _history.BestEpoch = bestEpoch;
        _history.BestValidationCost = bestValidationCost;
        SinceBest = sinceBest;
        if (bestParameters is not null)
        {
            Best = _network.Clone();
            for (int p = 0; p < bestParameters.Count; p++)
            {
                bestParameters[p].AsSpan().CopyTo(Best.Parameters[p].AsSpan());
            }
        }
    }

    private bool Improves(double validationCost, int epoch)
    {
        if (_history.BestValidationCost is { } best && !(validationCost < best))     // a NaN never improves
        {
            return false;
        }

        _history.BestValidationCost = validationCost;
        _history.BestEpoch = epoch;
        if (_patience is not null)
        {
            (Best ??= _network.Clone()).CopyParametersFrom(_network);
        }

        return true;
    }
}
