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
        // second double copy); Y as read, selected (double) and in the run's precision; W, dW and up to two optimizer
        // slots per parameter; Z, A and dZ per unit and example of one step; Z and A of every example for the exact cost
        // at logged epochs (the same caches as a step's when it is full batch).
        double examples = (n * m * (8.0 + size)) + (outputs * m * (16.0 + size));
        double network = ((4.0 * parameters) + (3.0 * cache) + (s.BatchSize > 0 ? 2.0 * fullPass : 0)) * size;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (tooLarge || examples + network > available)
        {
            string shape = string.Join("-", sizes);
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--hidden {string.Join(",", s.HiddenSizes)}: training a {shape} network ({parameters:N0} parameters) on {m} examples, {step} at a time, needs about {(examples + network) / 1e9:F1} GB (the examples {examples / 1e9:F1} GB, the network and its caches {network / 1e9:F1} GB), more than this process can hold ({available / 1e9:F1} GB); use smaller layers, fewer rows or columns, or --precision float32"));
        }
    }

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
