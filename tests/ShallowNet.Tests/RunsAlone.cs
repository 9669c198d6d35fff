namespace ShallowNet.Tests;

/// <summary>
/// Tests that must not share the machine with the rest of the suite: which thread runs which part of a parallel call
/// is only fixed while no other test uses the kernels' worker team at the same moment (a second caller falls back to
/// Parallel.For).
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
