using BenchmarkDotNet.Running;

namespace ShallowNet.Bench;

/// <summary>
/// BenchmarkDotNet suite for the kernels: GEMM per shape of the workloads, and the activations.
/// <code>dotnet run -c Release --project bench/ShallowNet.Bench -- --filter '*'</code>
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
