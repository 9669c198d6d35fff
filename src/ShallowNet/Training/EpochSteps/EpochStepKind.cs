namespace ShallowNet.Training.EpochSteps;

/// <summary>How each epoch of a run trains, chosen once at its start (<see cref="Trainer.ChooseStep{T}"/>).</summary>
internal enum EpochStepKind
{
    /// <summary>The lesson's epoch: forward over all m examples, backward, the optimizer's update.</summary>
    FullBatch,

    /// <summary>A shuffle, then forward, backward and update once per batch.</summary>
    MiniBatch,

    /// <summary>Full-batch gradient descent on a tiny network as one fused pass over the examples.</summary>
    TinyNetwork,

    /// <summary>Full-batch gradient descent with the first layer's gradient, update and next product in one pass over X.</summary>
    FirstLayerSweep,
}
