using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// Refuses a run that cannot be held before anything more is allocated, with an honest estimate: no weight matrix or
/// layer cache may exceed the largest array .NET allows, and the examples (X and Y as read, preprocessed and in the
/// run's precision) with the weights, gradients, optimizer state and the caches of one step must fit in the memory
/// this process may use.
/// </summary>
internal static class TrainingMemory
{
    public static void Check<T>(TrainSettings s, FitData data)
        where T : unmanaged
    {
        long m = data.Examples, n = data.X.Rows, outputs = Outputs(s, data);
        long step = s.BatchSize > 0 ? Math.Min(s.BatchSize, m) : m;
        long[] sizes = [n, .. s.HiddenSizes.Select(h => (long)h), outputs];
        long parameters = 0, cache = 0, fullPass = 0;
        bool tooLarge = false;
        for (int l = 1; l < sizes.Length; l++)
        {
            long weights = sizes[l] * sizes[l - 1];
            tooLarge |= weights > Array.MaxLength || sizes[l] * step > Array.MaxLength;
            parameters += weights + sizes[l];
            cache += sizes[l] * step;
            fullPass += sizes[l] * m;
        }

        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

        // X as read (double) and preprocessed in the run's precision (FitPipeline converts float32 as it preprocesses: no
        // second double copy), and with mini-batches once more (they are gathered from an examples-major copy,
        // MiniBatchStep); Y as read, selected (double) and in the run's precision; W, dW and up to two optimizer slots per
        // parameter; Z, A and dZ per unit and example of one step; Z and A of every example for the exact cost at logged
        // epochs (the same caches as a step's when it is full batch).
        double examples = (n * m * (8.0 + size + (s.BatchSize > 0 ? size : 0))) + (outputs * m * (16.0 + size));
        // The training accuracy after the run takes Z and A of every example once more; without a heap limit the GC need
        // not have returned the trainer's caches first (measured: 3.8 GB resident for 1.5 GB of live arrays).
        double network = ((4.0 * parameters) + (3.0 * cache) + (s.BatchSize > 0 ? 2.0 * fullPass : 0) + (2.0 * fullPass)) * size;
        // The runtime, the tool and the table's small parts take some of the heap, and the GC cannot fill the rest to the
        // last byte: measured under DOTNET_GCHeapHardLimit, runs within 15-20 MB of a 64 MB limit abort.
        long available = Math.Min(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, FreeMemory() + GC.GetTotalMemory(false));
        double usable = (Fillable * available) - RuntimeReserve;
        if (tooLarge || examples + network > usable)
        {
            string shape = string.Join("-", sizes);
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--hidden {string.Join(",", s.HiddenSizes)}: training a {shape} network ({parameters:N0} parameters) on {m} examples, {step} at a time, needs about {Size(examples + network + RuntimeReserve)} (the examples {Size(examples)}, the network and its caches {Size(network)}, the runtime {Size(RuntimeReserve)}), more than the {Size(Fillable * available)} this process can fill (of {Size(available)} it may use); use smaller layers, fewer rows or columns{(size > 4 ? ", or --precision float32" : string.Empty)}"));
        }
    }

    /// <summary>
    /// The memory the machine can still give (Linux: MemAvailable): without a heap limit the GC's limit is the machine's
    /// whole memory, and what other processes hold is not there; an overcommitted run is killed (exit 137), not refused.
    /// </summary>
    private static long FreeMemory()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(13).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture, out long kb))
                {
                    return kb * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not Linux, or hidden: the GC's figure stands alone
        }

        return long.MaxValue / 2;
    }

    /// <summary>
    /// The share of the heap limit the run's arrays may take: the large-object heap fragments (the table's columns leave
    /// holes X's copies do not fit), and a float64 mini-batch run estimated at 0.85 of a 671 MB limit ran out of memory
    /// in one try of three.
    /// </summary>
    private const double Fillable = 0.8;

    /// <summary>What the runtime and the tool itself hold beside the run's arrays.</summary>
    private const double RuntimeReserve = 32e6;

    private static string Size(double bytes) =>
        bytes >= 1e9 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F1} GB") : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F0} MB");

    // n[L] as the pipeline will choose it: one per class beyond two, one per target, else one.
    private static long Outputs(TrainSettings s, FitData data)
    {
        if (data.Y is { } y)
        {
            return y.Rows;
        }

        if (data.Labels is null || (s.Output ?? Targets.Infer(data.Labels, out _)) == OutputKind.Regression)
        {
            return 1;
        }

        long classes = data.Labels.Distinct(StringComparer.Ordinal).LongCount();
        return classes > 2 ? classes : 1;
    }
}
