using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Bench.Workloads;

/// <summary>
/// The machine's arithmetic limit, measured: a loop of nothing but fused multiply-adds on 12 independent vector
/// registers (enough to hide the FMA latency), on as many threads as the other workloads use. The GEMM-heavy rows are
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
            for (int r = 0; r < options.Runs; r++)
            {
                double seconds = Stats.Time(() => Parallel.For(0, options.Threads, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, _ =>
                {
                    double sink = single ? FmaLoop<float>() : FmaLoop<double>();
                    GC.KeepAlive(sink);
                }));
                int lanes = Vector512.IsHardwareAccelerated ? 64 / (single ? 4 : 8) : 32 / (single ? 4 : 8);
                rates.Add(2.0 * Accumulators * lanes * Iterations * options.Threads / seconds / 1e9);
            }

            double median = Stats.Median(rates);
            string precision = single ? "float32" : "float64";
            Console.WriteLine($"FMA peak {precision}, {options.Threads} thread(s): {median:0.0} GFLOP/s");
            yield return new ResultRow($"FMA peak: a register-only FMA loop, {options.Threads} thread(s)", precision, double.NaN, median, "peak");
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

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double FmaLoop<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var b = Vector512.Create(T.CreateTruncating(0.999999));
            var c = Vector512.Create(T.CreateTruncating(1e-7));
            Vector512<T> a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
            for (long i = 0; i < Iterations; i++)
            {
                a0 = Fma(a0, b, c);
                a1 = Fma(a1, b, c);
                a2 = Fma(a2, b, c);
                a3 = Fma(a3, b, c);
                a4 = Fma(a4, b, c);
                a5 = Fma(a5, b, c);
                a6 = Fma(a6, b, c);
                a7 = Fma(a7, b, c);
                a8 = Fma(a8, b, c);
                a9 = Fma(a9, b, c);
                a10 = Fma(a10, b, c);
                a11 = Fma(a11, b, c);
            }

            var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
            return double.CreateTruncating(Vector512.Sum(sum));
        }
        else
        {
            var b = Vector256.Create(T.CreateTruncating(0.999999));
            var c = Vector256.Create(T.CreateTruncating(1e-7));
            Vector256<T> a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b;
            for (long i = 0; i < Iterations; i++)
            {
                a0 = Fma(a0, b, c);
                a1 = Fma(a1, b, c);
                a2 = Fma(a2, b, c);
                a3 = Fma(a3, b, c);
                a4 = Fma(a4, b, c);
                a5 = Fma(a5, b, c);
                a6 = Fma(a6, b, c);
                a7 = Fma(a7, b, c);
                a8 = Fma(a8, b, c);
                a9 = Fma(a9, b, c);
                a10 = Fma(a10, b, c);
                a11 = Fma(a11, b, c);
            }

            var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
            return double.CreateTruncating(Vector256.Sum(sum));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
}
