using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Training.EpochSteps;

/// <summary>What every epoch step works on: the network, the data, the settings, and the run's shared state.</summary>
/// <param name="Network">The network trained in place.</param>
/// <param name="Train">The training set.</param>
/// <param name="Options">The settings.</param>
/// <param name="Compute">Threads, and whether the layers may fuse the bias into the activation.</param>
/// <param name="State">The optimizer's state.</param>
/// <param name="Random">Draws the shuffles and dropout masks.</param>
/// <param name="Full">The forward cache over all m training examples (also the trainer's evaluation pass).</param>
internal sealed record TrainingContext<T>(
    Network<T> Network, TrainingSet<T> Train, TrainingOptions Options, Compute Compute, OptimizerState<T> State, NumpyRandom Random, ForwardCache<T> Full)
    where T : unmanaged, IFloatingPointIeee754<T>;
