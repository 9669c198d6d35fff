using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.Pipeline;

/// <summary>
/// The network a fit starts from. Either the start model's (its architecture and weights win), or a fresh one:
/// sizes [n_x, n[1..L-1], n[L]], the hidden activations, g[L] from the output kind, W[l] drawn layer by layer from the
/// fit's generator (<see cref="Initializer"/>). When resuming, the weights are then replaced by the checkpoint's:
/// the fresh initialisation only replays the generator's draws, so that the split and every later draw are the same.
/// </summary>
internal static class NetworkSetup
{
    /// <summary>The initial network (in T) for <paramref name="request"/>, drawing from <paramref name="random"/>.</summary>
    /// <param name="request">The fit: settings, start model and resume checkpoint.</param>
    /// <param name="output">The output kind and classes.</param>
    /// <param name="targets">n[L] for a regression (the rows of Y).</param>
    /// <param name="random">The fit's generator, freshly seeded.</param>
    /// <exception cref="InvalidInputException">The start model does not take the data's features, or the dropout does not fit its hidden layers.</exception>
    public static Network<T> Create<T>(FitRequest request, OutputChoice output, int targets, NumpyRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var settings = request.Settings;
        var data = request.Data;
        Network<T> network;
        if (request.Start is { } start)
        {
            if (start.Network.Inputs != data.X.Rows)
            {
                throw new InvalidInputException($"{request.StartSource}: the network takes {start.Network.Inputs} inputs, but {data.Source} has {data.X.Rows} feature column{(data.X.Rows == 1 ? string.Empty : "s")}");
            }

            network = start.Network.Convert<T>();
        }
        else
        {
            int units = output.Kind switch
            {
                Data.OutputKind.Binary => 1,
                Data.OutputKind.Multiclass => output.Classes!.Count,
                _ => targets,
            };
            int[] sizes = [data.X.Rows, .. settings.HiddenSizes, units];
            network = Initializer.Create<T>(sizes, [.. settings.HiddenActivations, output.Activation], random, settings.Init, settings.InitScale);
        }

        if (settings.Training.DropoutKeep is { } keep && network.Layers.Count - 1 != keep.Count)
        {
            throw new InvalidInputException($"{settings.Names.Dropout}: the network has {network.Layers.Count - 1} hidden layers");
        }

        if (request.Resume is SavedCheckpoint resumed)
        {
            resumed.CheckAgainst(network, settings.Training.Epochs);
            network.CopyParametersFrom(resumed.Model.Network.Convert<T>());
        }

        return network;
    }
}
