namespace ShallowNet.Kernels;

/// <summary>
/// A number of vectors known when a kernel is compiled, as a type parameter: the kernel is written once for the most
/// vectors and the JIT drops the accumulators, loads and stores past <see cref="Value"/>, so one source gives the tile
/// for 32 vector registers (AVX-512, ARM64) and the narrower one for 16 (AVX2, SSE).
/// </summary>
internal interface IVectorCount
{
    /// <summary>Whole vectors.</summary>
    static abstract int Value { get; }

    /// <summary>Whether a last half vector of rows follows, shared by two columns (<see cref="GemmShortOuter"/>).</summary>
    static virtual bool Half => false;
}

internal readonly struct One : IVectorCount
{
    public static int Value => 1;
}

internal readonly struct Two : IVectorCount
{
    public static int Value => 2;
}

internal readonly struct Three : IVectorCount
{
    public static int Value => 3;
}

internal readonly struct Four : IVectorCount
{
    public static int Value => 4;
}

internal readonly struct Five : IVectorCount
{
    public static int Value => 5;
}

internal readonly struct OneAndHalf : IVectorCount
{
    public static int Value => 1;

    public static bool Half => true;
}

internal readonly struct TwoAndHalf : IVectorCount
{
    public static int Value => 2;

    public static bool Half => true;
}
