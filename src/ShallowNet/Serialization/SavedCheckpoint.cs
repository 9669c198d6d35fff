using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Serialization;

/// <summary>A checkpoint as read from disk, in double; <see cref="ToCheckpoint{T}"/> rebuilds the typed state.</summary>
/// <param name="Model">The weights and metadata at the checkpoint, including how the run was started.</param>
/// <param name="Epoch">Epochs done.</param>
/// <param name="OptimizerName">The rule's name (gd, adam, ...).</param>
/// <param name="Steps">The optimizer's step count.</param>
/// <param name="Slots">The optimizer's slots, per name, one tensor per parameter.</param>
/// <param name="Random">The generator's state.</param>
/// <param name="History">The logged points so far.</param>
internal sealed record SavedCheckpoint(TrainedModel Model, int Epoch, string OptimizerName, int Steps, IReadOnlyDictionary<string, Matrix<double>[]> Slots, NumpyRandomState Random, IReadOnlyList<HistoryPoint> History)
{
    /// <summary>The cost curve so far (empty in a checkpoint written before the curve was kept).</summary>
    public IReadOnlyList<CostPoint> Curve { get; init; } = [];

    /// <summary>The file it was read from, for error messages.</summary>
    public string Source { get; init; } = "the checkpoint";

    /// <summary>
    /// Refuses a network, built from the checkpoint's recorded arguments, whose shape is not that of the checkpoint's
    /// weights (a recorded <c>--hidden 7</c> with 4 units in the weights), or a run that the checkpoint is already past.
    /// </summary>
    /// <exception cref="InvalidInputException">They disagree; the message names the checkpoint file.</exception>
    public void CheckAgainst<T>(Network<T> network, int epochs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        string Sizes<TNum>(Network<TNum> n)
            where TNum : unmanaged, IFloatingPointIeee754<TNum> =>
            string.Join("-", n.Layers.Select(l => l.Inputs).Append(n.Layers[^1].Units));
        var saved = Model.Network;
        bool same = saved.Layers.Count == network.Layers.Count
            && saved.Layers.Zip(network.Layers).All(p => p.First.Inputs == p.Second.Inputs && p.First.Units == p.Second.Units);
        if (!same)
        {
            throw new InvalidInputException($"{Source}: model.layers: the weights are a {Sizes(saved)} network, but the recorded arguments make a {Sizes(network)} network");
        }

        for (int l = 0; l < saved.Layers.Count; l++)
        {
            // the run goes on with the arguments' activations: weights trained through another g would be read wrongly
            string recorded = network.Layers[l].Activation.Name, weights = saved.Layers[l].Activation.Name;
            if (recorded != weights)
            {
                throw new InvalidInputException($"{Source}: model.layers[{l}].activation: is {weights}, but the recorded arguments make layer {l + 1} {recorded}");
            }
        }

        if (Epoch > epochs)
        {
            throw new InvalidInputException($"{Source}: epoch: is {Epoch}, beyond the run's {epochs} epochs");
        }
    }

    /// <summary>Seconds trained before the checkpoint.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>The last finite logged cost.</summary>
    public double? LastFiniteCost { get; init; }

    /// <summary>Early stopping: the best epoch so far.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Early stopping: the best validation cost so far.</summary>
    public double? BestValidationCost { get; init; }

    /// <summary>Early stopping: validations since the best.</summary>
    public int SinceBest { get; init; }

    /// <summary>Early stopping: the best weights, or null.</summary>
    public IReadOnlyList<Matrix<double>>? BestParameters { get; init; }

    /// <summary>The typed checkpoint for <paramref name="network"/> (which holds <see cref="Model"/>'s weights) and its optimizer.</summary>
    /// <exception cref="InvalidInputException">The optimizer or the shapes do not match.</exception>
    public TrainingCheckpoint<T> ToCheckpoint<T>(Network<T> network, Optimizer optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer.Name != OptimizerName)
        {
            throw new InvalidInputException($"the checkpoint was made with optimizer '{OptimizerName}', not '{optimizer.Name}'");
        }

        var state = optimizer.Init(network);
        state.Steps = Steps;
        foreach (var name in state.SlotNames)
        {
            if (!Slots.TryGetValue(name, out var tensors) || tensors.Length != network.Parameters.Count)
            {
                throw new InvalidInputException($"the checkpoint has no complete optimizer slot '{name}'");
            }

            for (int p = 0; p < tensors.Length; p++)
            {
                Fill(state.Slot(name, p), tensors[p]);
            }
        }

        return new TrainingCheckpoint<T>
        {
            Epoch = Epoch,
            Optimizer = state,
            Random = Random,
            History = History,
            Curve = Curve,
            TrainSeconds = TrainSeconds,
            LastFiniteCost = LastFiniteCost,
            BestEpoch = BestEpoch,
            BestValidationCost = BestValidationCost,
            SinceBest = SinceBest,
            BestParameters = BestParameters?.Select(p => p.Convert<T>()).ToArray(),
        };
    }

    private static void Fill<T>(Matrix<T> target, Matrix<double> source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Rows != source.Rows || target.Cols != source.Cols)
        {
            throw new InvalidInputException($"the checkpoint's optimizer state is {source.Shape} where the network needs {target.Shape}");
        }

        for (int i = 0; i < target.Length; i++)
        {
            target.Data[i] = T.CreateChecked(source.Data[i]);
        }
    }
}
