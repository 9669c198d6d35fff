namespace ShallowNet.Numerics;

/// <summary>
/// How the numeric kernels may run: passed in explicitly (no global switch), from the trainer down to GEMM.
/// Results are bit-identical whatever <see cref="Threads"/> is: work is split so that every output element is
/// summed in the same order.
/// </summary>
public sealed record Compute
{
    /// <summary>One thread (the default, and what small products use anyway).</summary>
    public static Compute Default { get; } = new();

    /// <summary>At most this many threads for one kernel call. Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Whether a dense layer may add b inside the activation's pass (z := z + b; a := g(z) per element, one pass).
    /// Off for <see cref="Training.KernelChoice.Reference"/>: then Z += b and A = g(Z) run as two steps (the same bits).
    /// </summary>
    internal bool FuseBiasActivation { get; init; } = true;

    /// <summary>As many threads as the machine has cores.</summary>
    public static Compute AllCores => new() { Threads = Environment.ProcessorCount };
}
