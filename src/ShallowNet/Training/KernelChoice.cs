namespace ShallowNet.Training;

/// <summary>Which code trains the network (<see cref="TrainingOptions.Kernels"/>; <c>--kernels</c> on the command line).</summary>
public enum KernelChoice
{
    /// <summary>The fastest path for the shapes and the CPU; fused epochs give the bits of <see cref="Reference"/>.</summary>
    Auto,

    /// <summary>The lesson's equations as written: Network.Forward and Backward layer by layer, then the optimizer's rule.</summary>
    Reference,
}
