using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ShallowNet.Kernels;

namespace ShallowNet.Bench.Workloads;

/// <summary>
/// The machine's arithmetic limit, measured: a loop of nothing but fused multiply-adds on 12 independent vector
/// registers (enough to hide the FMA latency), at the kernels' vector width and with their multiply-add, on as many
/// threads as the other workloads use. The GEMM-heavy rows are
/// reported as a fraction of it.
/// </summary>
public static class Peak
{
    private const int Accumulators = 12;
    private const long Iterations = 20_000_000;

    public static IEnumerable<ResultRow> Run(RunnerOptions options)
    {
        foreach (bool single in new[] { true, false })
        {
            var rates = new List<double>();

            // without hardware FMA every lane is a call to the C library's fma: a hundredth of the loop says as much
            long iterations = HardwareFma ? Iterations : Iterations / 100;
            // the best of at least five: another process on a core only ever lowers the rate, and a peak is a maximum
            for (int r = 0; r < Math.Max(5, options.Runs); r++)
            {
                double seconds = Stats.Time(() => Parallel.For(0, options.Threads, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, _ =>
                {
                    double sink = single ? FmaLoop<float>(iterations) : FmaLoop<double>(iterations);
                    GC.KeepAlive(sink);
                }));
                int lanes = single ? VectorWidth.Lanes<float>() : VectorWidth.Lanes<double>();
                rates.Add(2.0 * Accumulators * lanes * iterations * options.Threads / seconds / 1e9);
            }

            double best = rates.Max();
            string precision = single ? "float32" : "float64";
            string fma = HardwareFma ? "hardware FMA" : "no hardware FMA at this level: the fused multiply-add is computed in software";
            Console.WriteLine($"FMA peak {precision}, {options.Threads} thread(s), {VectorWidth.Bits}-bit vectors, {fma}: {best:0.0} GFLOP/s (best of {rates.Count})");
            yield return new ResultRow($"FMA peak: a register-only FMA loop, {options.Threads} thread(s)", precision, double.NaN, best, "peak");
        }
    }

    /// <summary>Prints each GEMM-heavy row's GFLOP/s as a fraction of the measured peak of its precision.</summary>
    public static void PrintFractions(IReadOnlyList<ResultRow> rows)
    {
        var peaks = rows.Where(r => r.Unit == "peak").ToDictionary(r => r.Precision, r => r.Gflops);
        var heavy = rows.Where(r => r.Unit != "peak" && !double.IsNaN(r.Gflops) && peaks.ContainsKey(r.Precision)
            && (r.Workload.StartsWith("gemm", StringComparison.OrdinalIgnoreCase) || r.Workload.StartsWith("wide", StringComparison.Ordinal) || r.Workload.StartsWith("cat", StringComparison.Ordinal))).ToList();
        if (heavy.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Fraction of the measured FMA peak (issue 3: a GEMM-heavy workload should reach 75%):");
        foreach (var r in heavy)
        {
            Console.WriteLine($"  {r.Workload,-58} {r.Precision,-8} {r.Gflops,7:0.0} / {peaks[r.Precision],6:0.0} GFLOP/s = {100 * r.Gflops / peaks[r.Precision],5:0.0}%");
        }
    }

    /// <summary>Whether this CPU multiplies and adds with one rounding in hardware at the kernels' width (x86 without AVX does not).</summary>
    private static bool HardwareFma => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>The loop at the kernels' own width (<see cref="VectorWidth"/>) with their own multiply-add.</summary>
    private static double FmaLoop<T>(long iterations)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => VectorWidth.Bits switch
        {
            512 => FmaLoop<T, Vector512<T>, Simd512<T>>(iterations),
            256 => FmaLoop<T, Vector256<T>, Simd256<T>>(iterations),
            _ => FmaLoop<T, Vector128<T>, Simd128<T>>(iterations),
        };

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double FmaLoop<T, TV, TOps>(long iterations)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        TV b = TOps.Broadcast(T.CreateTruncating(0.999999));
        TV c = TOps.Broadcast(T.CreateTruncating(1e-7));
        TV a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
        for (long i = 0; i < iterations; i++)
        {
            a0 = TOps.MultiplyAdd(a0, b, c);
            a1 = TOps.MultiplyAdd(a1, b, c);
            a2 = TOps.MultiplyAdd(a2, b, c);
            a3 = TOps.MultiplyAdd(a3, b, c);
            a4 = TOps.MultiplyAdd(a4, b, c);
            a5 = TOps.MultiplyAdd(a5, b, c);
            a6 = TOps.MultiplyAdd(a6, b, c);
            a7 = TOps.MultiplyAdd(a7, b, c);
            a8 = TOps.MultiplyAdd(a8, b, c);
            a9 = TOps.MultiplyAdd(a9, b, c);
            a10 = TOps.MultiplyAdd(a10, b, c);
            a11 = TOps.MultiplyAdd(a11, b, c);
        }

        TV sum = TOps.Add(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)), TOps.Add(TOps.Add(a4, a5), TOps.Add(a6, a7)));
        sum = TOps.Add(sum, TOps.Add(TOps.Add(a8, a9), TOps.Add(a10, a11)));
        return double.CreateTruncating(TOps.Sum(sum));
    }
}
