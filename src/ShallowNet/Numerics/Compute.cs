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

    /// <summary>As many threads as the machine has cores.</summary>
    public static Compute AllCores => new() { Threads = Environment.ProcessorCount };
}
