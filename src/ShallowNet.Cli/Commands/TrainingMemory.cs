using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// Refuses a run that cannot be held before anything more is allocated, with an honest estimate: no weight matrix or
/// layer cache may exceed the largest array .NET allows, and what the run holds at its peak (while it prepares the
/// examples, while it trains, or while it plots them: the copies of X and Y each moment keeps, with the weights,
/// gradients, optimizer state and caches) must fit in the memory this process may use.
/// </summary>
internal static class TrainingMemory
{
    /// <summary>
    /// Throws a usage error when the run of <paramref name="s"/> on <paramref name="data"/> cannot be held;
    /// <paramref name="concurrent"/> runs of it at once (cv's and tune's folds on their threads) must fit together.
    /// </summary>
    public static void Check<T>(TrainSettings s, FitData data, int concurrent = 1)
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
        bool batches = s.BatchSize > 0, plots = Plots(s);
        double x = (double)n * m, y = outputs * m * (16.0 + size);

        // The run holds most at one of three moments; the estimate is the largest (measured in bytes, X as n·m values):
        // Y as read, selected (double) and in the run's precision throughout.
        // 1. Preparing: X as read (double) beside the training and validation sets in the run's precision (float32
        //    converts as it preprocesses, FitPipeline: no second double copy), and the weights.
        var preparing = (Examples: (x * (8.0 + size)) + y, Network: 2.0 * parameters * size);
        // 2. Training: the sets, and with mini-batches their examples-major copy (MiniBatchStep); X as read only when the
        //    plots or the report draw it afterwards (TrainRunner lets it go otherwise). W, dW and up to two optimizer
        //    slots per parameter; Z, A and dZ per unit and example of one step; Z and A of every example for the exact
        //    cost at logged epochs (the same caches as a step's when it is full batch); the training accuracy after the
        //    run takes Z and A of every example once more, and without a heap limit the GC need not have returned the
        //    trainer's caches first (measured: 3.8 GB resident for 1.5 GB of live arrays). Full batch, a layer's dW may
        //    also be computed as its transpose into a scratch of the same size (GemmTransposedProduct): one more
        //    parameter's worth at most.
        var training = (Examples: (x * ((batches ? 2.0 : 1.0) * size + (plots ? 8.0 : 0))) + y,
            Network: (((batches ? 4.0 : 5.0) * parameters) + (3.0 * cache) + (batches ? 2.0 * fullPass : 0) + (2.0 * fullPass)) * size);
        // 3. Plotting: X as read, the plotted rows selected from it and preprocessed again (in double) beside the
        //    training sets, and a forward pass of every example in double.
        var plotting = plots ? (Examples: (x * (24.0 + size)) + y, Network: ((2.0 * parameters) + (2.0 * fullPass)) * 8.0) : (Examples: 0.0, Network: 0.0);
        var (examples, network) = new[] { preparing, training, plotting }.MaxBy(p => p.Examples + p.Network);

        // The runtime, the tool and the table's small parts take some of the heap, and the GC cannot fill the rest to the
        // last byte: measured under DOTNET_GCHeapHardLimit, runs within 15-20 MB of a 64 MB limit abort.
        long available = Available();
        double usable = (Fillable * available) - RuntimeReserve;
        examples *= concurrent;
        network *= concurrent;
        if (tooLarge || examples + network > usable)
        {
            string shape = string.Join("-", sizes);
            string runs = concurrent > 1 ? $" {concurrent} such trainings at once (one per thread)," : string.Empty;
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--hidden {string.Join(",", s.HiddenSizes)}: training a {shape} network ({parameters:N0} parameters) on {m} examples, {step} at a time,{runs} needs about {Size(examples + network + RuntimeReserve)} (the examples {Size(examples)}, the network and its caches {Size(network)}, the runtime {Size(RuntimeReserve)}), more than the {Size(Fillable * available)} this process can fill (of {Size(available)} it may use); use smaller layers, fewer rows or columns{(size > 4 ? ", or --precision float32" : string.Empty)}{(concurrent > 1 ? ", or fewer --threads" : string.Empty)}"));
        }
    }

    /// <summary>
    /// What reading the table may take (<see cref="TableReadOptions.MemoryBudget"/>): as much as training may, since
    /// the phases follow one another and reading holds about two copies of X, as preparing and training do; never less
    /// than the library's half of what the process may use.
    /// </summary>
    public static long ReadingBudget()
    {
        long available = Available();
        return Math.Max(available / 2, (long)((Fillable * available) - RuntimeReserve));
    }

    /// <summary>What this process may use: the GC's limit, or less where the machine has less left to give.</summary>
    private static long Available() => Math.Min(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, FreeMemory() + GC.GetTotalMemory(false));

    /// <summary>Whether the run draws its rows after training (<c>--plot</c>, <c>--report</c>): it then keeps X as read.</summary>
    public static bool Plots(TrainSettings s) => s.PlotDir is not null || s.ReportDir is not null;

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
