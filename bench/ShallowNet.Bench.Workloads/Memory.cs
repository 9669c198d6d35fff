using System.Diagnostics;
using System.Globalization;

namespace ShallowNet.Bench.Workloads;

/// <summary>
/// The peak working set of the wide full-batch workload (float32), in a fresh child process so that nothing else the
/// runner did counts: Linux's VmHWM (the peak resident set) against what the workload must hold, X plus the model,
/// the forward cache and the gradients. Issue 3 asks for at most 1.5 × X plus the model and caches; the allowance
/// counts the lesson's cache (Z and A of both layers), although the trainer's cache, as this workload's, keeps no Z[1].
/// </summary>
public static class Memory
{
    private const string Marker = "wide-memory:";

    /// <summary>Runs the child and turns its one line into a table row (MB; GFLOP/s column unused).</summary>
    public static ResultRow? WidePeak(RunnerOptions options)
    {
        string self = Environment.ProcessPath!;
        string arguments = $"wide-memory-child --threads {options.Threads}";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments = $"\"{typeof(Memory).Assembly.Location}\" {arguments}";
        }

        using var child = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true })!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"wide-memory: the child process failed (exit {child.ExitCode})");
            return null;
        }

        double[] mb = [.. line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture) / 1e6)];
        double peak = mb[0], x = mb[1], buffers = mb[2], runtime = mb[3];
        double limit = (1.5 * x) + buffers;
        Console.WriteLine($"wide full batch float32, fresh process: peak working set {peak:0} MB, of which {runtime:0} MB is the .NET runtime before the workload starts; " +
            $"X {x:0} MB, model + cache + gradients {buffers:0} MB; limit 1.5·X + buffers = {limit:0} MB: whole process {(peak <= limit ? "within" : "OVER")}, " +
            $"workload alone ({peak - runtime:0} MB) {(peak - runtime <= limit ? "within" : "OVER")}");
        return new ResultRow($"wide float32 peak working set (limit 1.5·X + buffers = {limit:0} MB)", "float32", peak, double.NaN, "MB");
    }

    /// <summary>The child: a few epochs of the wide workload, then one line: peak RSS, X and buffer sizes, RSS at start, in bytes.</summary>
    public static int Child(RunnerOptions options)
    {
        long start = PeakResidentBytes();                          // the runtime itself, before the workload
        Workloads.WideFullBatch<float>(options with { Runs = 2, WideEpochs = 2 });
        const long m = 20000, nx = 784, nh = 256, bytes = sizeof(float);
        long x = nx * m * bytes;
        long model = ((nh * nx) + nh + nh + 1) * bytes;
        long cache = 2 * (nh + 1) * m * bytes;                    // the lesson's cache, Z[l] and A[l] of both layers (ours holds no Z[1])
        long gradients = ((nh + 1) * m * bytes) + model;          // dZ[l] of both layers, dW and db
        long labels = m * bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Marker} {PeakResidentBytes()} {x} {model + cache + gradients + labels} {start}"));
        return 0;
    }

    private static long PeakResidentBytes()
    {
        // VmHWM: "peak resident set size", in kB
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
