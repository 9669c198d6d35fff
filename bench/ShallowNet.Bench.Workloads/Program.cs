using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Bench.Workloads;

/// <summary>
/// The workload runner: times the issue's workloads (planar, wide full batch, cat 4-layer, and the GEMM shapes they
/// use) with the library's public API and prints one table of median seconds and GFLOP/s.
/// <code>
/// dotnet run -c Release --project bench/ShallowNet.Bench.Workloads -- [peak] [gemm] [planar] [planar-cli] [wide] [wide-memory] [wide-minibatch] [cat]
///     [--runs 5] [--threads 2] [--cat-epochs 2500] [--wide-epochs 5] [--cli PATH] [--cat-data PATH] [--json OUT.json]
/// </code>
/// </summary>
public static class Program
{
    private static readonly string[] s_all = ["peak", "gemm", "planar", "planar-cli", "wide", "wide-memory", "wide-minibatch", "cat"];
    // NaN and ∞ as JSON's named literals, which Python's json reads: rows without a time or a rate (peak, memory) hold NaN
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static int Main(string[] args)
    {
        var options = RunnerOptions.Parse(args);
        var rows = new List<ResultRow>();
        var workloads = options.Workloads.Count == 0 ? s_all : [.. options.Workloads];
        Console.WriteLine($"# ShallowNet workloads: {options.Runs} runs each, {options.Threads} thread(s), {Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
        foreach (string w in workloads)
        {
            switch (w)
            {
                case "gemm":
                    rows.AddRange(GemmShapes.Run(options));
                    break;
                case "planar":
                    rows.Add(Workloads.PlanarInProcess(options));
                    break;
                case "planar-cli":
                    rows.AddRange(Workloads.PlanarFreshProcess(options));
                    break;
                case "wide":
                    rows.Add(Workloads.WideFullBatch<float>(options));
                    rows.Add(Workloads.WideFullBatch<double>(options));
                    break;
                case "wide-minibatch":
                    rows.Add(Workloads.WideMiniBatch<float>(options));
                    rows.Add(Workloads.WideMiniBatch<double>(options));
                    break;
                case "cat":
                    if (Workloads.Cat(options) is { } cat)
                    {
                        rows.Add(cat);
                    }

                    break;
                case "peak":
                    rows.AddRange(Peak.Run(options));
                    break;
                case "wide-memory":
                    if (Memory.WidePeak(options) is { } memory)
                    {
                        rows.Add(memory);
                    }

                    break;
                case "wide-memory-child":
                    return Memory.Child(options);
                default:
                    Console.Error.WriteLine($"unknown workload '{w}' (expected: {string.Join(", ", s_all)})");
                    return 2;
            }
        }

        ResultRow.PrintTable(rows);
        Peak.PrintFractions(rows);
        if (options.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(rows, s_json));
        }

        return 0;
    }
}

/// <summary>One line of the table: a workload, its precision, the median seconds (per its unit) and GFLOP/s.</summary>
public sealed record ResultRow(string Workload, string Precision, double Seconds, double Gflops, string Unit)
{
    public static void PrintTable(IReadOnlyList<ResultRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"| {"workload",-58} | {"precision",-9} | {"median s",12} | {"unit",-14} | {"GFLOP/s",8} |");
        Console.WriteLine($"|{new string('-', 60)}|{new string('-', 11)}|{new string('-', 14)}|{new string('-', 16)}|{new string('-', 10)}|");
        foreach (var r in rows)
        {
            string s = double.IsNaN(r.Seconds) ? "-" : r.Seconds.ToString(r.Seconds < 0.01 ? "0.000000" : "0.0000", CultureInfo.InvariantCulture);
            string g = double.IsNaN(r.Gflops) ? "-" : r.Gflops.ToString("0.0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {r.Workload,-58} | {r.Precision,-9} | {s,12} | {r.Unit,-14} | {g,8} |");
        }
    }
}

/// <summary>Command-line settings of the runner.</summary>
public sealed record RunnerOptions
{
    public int Runs { get; init; } = 5;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public int CatEpochs { get; init; } = 2500;

    public int WideEpochs { get; init; } = 5;

    public string? CliPath { get; init; }

    public string? CatData { get; init; }

    public string? JsonPath { get; init; }

    public List<string> Workloads { get; } = [];

    public static RunnerOptions Parse(string[] args)
    {
        var o = new RunnerOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--runs" => o with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--cat-epochs" => o with { CatEpochs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--wide-epochs" => o with { WideEpochs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--cli" => o with { CliPath = Next() },
                "--cat-data" => o with { CatData = Next() },
                "--json" => o with { JsonPath = Next() },
                _ => o,
            };
            if (!args[i].StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal)))
            {
                o.Workloads.Add(args[i]);
            }
        }

        return o;
    }

    /// <summary>Looks for <paramref name="relative"/> in the current folder and its parents (the repo's ../shared).</summary>
    public static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, relative), Path.Combine(dir.FullName, "..", "shared", relative) })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}

/// <summary>Medians and flop counts.</summary>
public static class Stats
{
    public static double Median(List<double> xs)
    {
        xs.Sort();
        int n = xs.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? xs[n / 2] : (xs[(n / 2) - 1] + xs[n / 2]) / 2;
    }

    /// <summary>
    /// Matrix-product flops of one full-batch epoch: per layer, forward W·A (2·n·n_prev·m), dW = dZ·Aᵀ (the same)
    /// and, above layer 1, dA_prev = Wᵀ·dZ (the same).
    /// </summary>
    public static double EpochFlops(IReadOnlyList<int> sizes, int m)
    {
        double flops = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            double layer = 2.0 * sizes[l] * sizes[l - 1] * m;
            flops += layer * (l >= 2 ? 3 : 2);
        }

        return flops;
    }

    public static double Time(Action action)
    {
        long t0 = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }
}

/// <summary>The GEMM shapes of the workloads, and the classic 512³.</summary>
public static class GemmShapes
{
    public static IEnumerable<ResultRow> Run(RunnerOptions options)
    {
        var shapes = new (string Name, int M, int K, int N, Op OpA, Op OpB)[]
        {
            ("512x512x512", 512, 512, 512, Op.None, Op.None),
            ("wide fwd W1·X 256x784·784x20000", 256, 784, 20000, Op.None, Op.None),
            ("wide dW1 dZ1·Xᵀ 256x20000·(784x20000)ᵀ", 256, 20000, 784, Op.None, Op.Transpose),
            ("cat fwd W1·X 20x12288·12288x209", 20, 12288, 209, Op.None, Op.None),
            ("cat dW1 dZ1·Xᵀ 20x209·(12288x209)ᵀ", 20, 209, 12288, Op.None, Op.Transpose),
            ("planar fwd W1·X 4x2·2x400", 4, 2, 400, Op.None, Op.None),
            ("planar dW2 dZ2·A1ᵀ 1x400·(4x400)ᵀ", 1, 400, 4, Op.None, Op.Transpose),
            ("planar dA1 W2ᵀ·dZ2 (1x4)ᵀ·1x400", 4, 1, 400, Op.Transpose, Op.None),
        };
        foreach (var s in shapes)
        {
            yield return Measure<float>(s.Name, s.M, s.K, s.N, s.OpA, s.OpB, options);
            yield return Measure<double>(s.Name, s.M, s.K, s.N, s.OpA, s.OpB, options);
        }
    }

    private static ResultRow Measure<T>(string name, int m, int k, int n, Op opA, Op opB, RunnerOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(3);
        var a = Fill<T>(random, opA == Op.None ? m : k, opA == Op.None ? k : m);
        var b = Fill<T>(random, opB == Op.None ? k : n, opB == Op.None ? n : k);
        var c = new Matrix<T>(m, n);
        var compute = new Compute { Threads = options.Threads };
        double flops = 2.0 * m * n * k;
        int reps = (int)Math.Clamp(2e8 / flops, 1, 100000);   // ~0.1 s+ per timed run
        Gemm.Multiply(T.One, a, opA, b, opB, T.Zero, c, compute);
        var times = new List<double>();
        for (int r = 0; r < options.Runs; r++)
        {
            times.Add(Stats.Time(() =>
            {
                for (int i = 0; i < reps; i++)
                {
                    Gemm.Multiply(T.One, a, opA, b, opB, T.Zero, c, compute);
                }
            }) / reps);
        }

        double median = Stats.Median(times), best = times.Min();
        string precision = typeof(T) == typeof(float) ? "float32" : "float64";
        // the best run beside the median: on a shared host the median carries other guests' load, the best run less so
        Console.WriteLine($"gemm {name} {precision}: {median * 1e3:0.0000} ms, {flops / median / 1e9:0.0} GFLOP/s (best run {flops / best / 1e9:0.0})");
        return new ResultRow($"gemm {name}", precision, median, flops / median / 1e9, "per call");
    }

    internal static Matrix<T> Fill<T>(NumpyRandom random, int rows, int cols)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(rows, cols);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        return x;
    }
}

/// <summary>The training workloads of the issue.</summary>
public static class Workloads
{
    /// <summary>The lesson's run in this process: 400 examples, 2-4-1 tanh/sigmoid, lr 1.2, 10000 epochs, float64.</summary>
    public static ResultRow PlanarInProcess(RunnerOptions options)
    {
        var data = SyntheticData.Planar(400, 1);
        var x = data.X;
        var y = Labels<double>(data.Labels!, "1", 1, x.Cols);
        var trainOptions = new TrainingOptions { Epochs = 10000, LearningRate = 1.2, LogEvery = 1000, Threads = options.Threads };
        var times = new List<double>();
        double first = double.NaN;

        // three untimed runs: the JIT's tiers need a few runs' worth of calls (and its 100 ms delays) to settle
        const int warmUp = 3;
        for (int r = 0; r < warmUp + Math.Max(options.Runs, 5); r++)
        {
            var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2));
            var history = Trainer.Train(network, x, y, trainOptions);
            if (r == 0)
            {
                first = history.TrainSeconds;
            }
            else if (r >= warmUp)
            {
                times.Add(history.TrainSeconds);
            }
        }

        double median = Stats.Median(times);
        double flops = Stats.EpochFlops([2, 4, 1], 400) * 10000;
        Console.WriteLine($"planar in-process: first run {first:0.0000} s (JIT included), median of warm runs {median:0.0000} s");
        return new ResultRow("planar 2-4-1, 10000 epochs (in process, warm)", "float64", median, flops / median / 1e9, "per run");
    }

    /// <summary>
    /// The lesson's run in fresh `shallownet train` processes, for each build of the tool found: the JIT build
    /// (`dotnet build`) and the native one (`dotnet publish -r linux-x64 -p:PublishAot=true`), or --cli PATH.
    /// Two rows per build: train_seconds from --metrics (the issue's measure) and the whole process, start to exit.
    /// </summary>
    public static IEnumerable<ResultRow> PlanarFreshProcess(RunnerOptions options)
    {
        (string Name, string? Path)[] builds = options.CliPath is { } path
            ? [("--cli", path)]
            :
            [
                ("JIT build", RunnerOptions.FindUp("src/ShallowNet.Cli/bin/Release/net10.0/shallownet")),
                ("native AOT build", RunnerOptions.FindUp("src/ShallowNet.Cli/bin/Release/net10.0/linux-x64/publish/shallownet")),
            ];
        foreach (var (name, cli) in builds)
        {
            if (cli is null || !File.Exists(cli))
            {
                Console.WriteLine($"planar-cli, {name}: skipped (not built; see bench/README.md, or pass --cli PATH)");
                continue;
            }

            string dir = Directory.CreateTempSubdirectory("shallownet-bench").FullName;
            string data = Path.Combine(dir, "planar.csv");
            Exec(cli, $"datasets planar --out {data}");
            var train = new List<double>();
            var whole = new List<double>();
            for (int r = 0; r < Math.Max(options.Runs, 5); r++)
            {
                string metrics = Path.Combine(dir, "met.json");
                var clock = Stopwatch.StartNew();
                Exec(cli, $"train --preset lesson --data {data} --model {Path.Combine(dir, "m.json")} --metrics {metrics} --quiet");
                whole.Add(clock.Elapsed.TotalSeconds);
                using var doc = JsonDocument.Parse(File.ReadAllText(metrics));
                train.Add(doc.RootElement.GetProperty("train_seconds").GetDouble());
            }

            Console.WriteLine($"planar fresh process, {name} ({cli}): train_seconds {Format(train)}; whole process {Format(whole)}");
            double flops = Stats.EpochFlops([2, 4, 1], 400) * 10000;
            double t = Stats.Median(train), w = Stats.Median(whole);
            yield return new ResultRow($"planar 2-4-1, 10000 epochs (fresh `shallownet train`, {name})", "float64", t, flops / t / 1e9, "train_seconds");
            yield return new ResultRow($"planar 2-4-1, 10000 epochs (whole `shallownet train` process, {name})", "float64", w, flops / w / 1e9, "process");
        }

        static string Format(List<double> times) => string.Join(", ", times.Select(t => t.ToString("0.0000", CultureInfo.InvariantCulture)));
    }

    /// <summary>20000 × 784 inputs, 256 tanh, 1 sigmoid, full-batch gradient descent: seconds per epoch.</summary>
    public static ResultRow WideFullBatch<T>(RunnerOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int m = 20000, nx = 784, nh = 256;
        var random = new NumpyRandom(1);
        var x = GemmShapes.Fill<T>(random, nx, m);
        TensorAdd(x, T.CreateTruncating(0.5));                      // uniform [0, 1), like scaled pixels
        var y = new Matrix<T>(1, m);
        for (int j = 0; j < m; j++)
        {
            y[0, j] = random.NextDouble() < 0.5 ? T.Zero : T.One;
        }

        var network = Initializer.Create<T>([nx, nh, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(1), InitScheme.Lecun);
        var cache = new ForwardCache<T>(network, m, keepHiddenZ: false);             // as the trainer keeps it: no Z[1]
        var gradients = new Gradients<T>(network, m);
        var gd = new GradientDescent();
        var state = gd.Init(network);
        var compute = new Compute { Threads = options.Threads };
        void Epoch()
        {
            network.Forward(x, cache, compute);
            network.Backward(cache, y, gradients, compute);
            gd.Apply(network, gradients, state, 0.01);
        }

        Epoch();                                                    // warm-up
        var times = new List<double>();
        for (int r = 0; r < Math.Max(options.Runs, options.WideEpochs); r++)
        {
            times.Add(Stats.Time(Epoch));
        }

        double median = Stats.Median(times);
        double flops = Stats.EpochFlops([nx, nh, 1], m);
        string precision = typeof(T) == typeof(float) ? "float32" : "float64";
        Console.WriteLine($"wide full batch {precision}: {median:0.0000} s/epoch ({flops / median / 1e9:0.0} GFLOP/s); peak working set {Environment.WorkingSet / 1e6:0} MB, X {x.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() / 1e6:0} MB");
        return new ResultRow("wide 20000x784 → 256 tanh → 1 sigmoid, full-batch GD", precision, median, flops / median / 1e9, "per epoch");
    }

    /// <summary>
    /// The wide data again, mini-batches of 128, Adam (lr 0.001, the scikit-learn defaults), through <see cref="Trainer"/>:
    /// seconds per epoch (shuffle, gather, forward, backward, update for 157 batches). The trainer also runs a full
    /// evaluation pass at logged epochs (the first and the last); those are timed apart and left out, so the number is
    /// the epoch itself, as scikit-learn's and PyTorch's per-epoch loops measure it.
    /// </summary>
    public static ResultRow WideMiniBatch<T>(RunnerOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int m = 20000, nx = 784, nh = 256;
        var random = new NumpyRandom(1);
        var x = GemmShapes.Fill<T>(random, nx, m);
        TensorAdd(x, T.CreateTruncating(0.5));
        var y = new Matrix<T>(1, m);
        for (int j = 0; j < m; j++)
        {
            y[0, j] = random.NextDouble() < 0.5 ? T.Zero : T.One;
        }

        var set = new TrainingSet<T>(x, y);
        int k = Math.Max(1, options.WideEpochs);
        var trainOptions = new TrainingOptions
        {
            Epochs = k + 1,
            LogEvery = k,
            LearningRate = 0.001,
            BatchSize = 128,
            Optimizer = new Adam(),
            Threads = options.Threads,
            Seed = 1,
        };
        var compute = new Compute { Threads = options.Threads };
        var times = new List<double>();
        for (int r = 0; r <= options.Runs; r++)
        {
            var network = Initializer.Create<T>([nx, nh, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(1), InitScheme.Lecun);
            TimeSpan first = default, last = default;
            Trainer.Train(network, set, trainOptions, progress: p =>
            {
                if (p.Epoch == 0)
                {
                    first = p.Elapsed;
                }
                else
                {
                    last = p.Elapsed;
                }
            });

            // Between the two progress calls: k epochs of mini-batches and the evaluation pass of the last epoch.
            var cache = new ForwardCache<T>(network, m, keepHiddenZ: false);             // as the trainer keeps it: no Z[1]
            network.Forward(x, cache, compute);
            double evaluation = Stats.Time(() =>
            {
                network.Forward(x, cache, compute);
                _ = network.Cost(cache, y);
                _ = network.Classes(cache.Output);
            });
            if (r > 0)
            {
                times.Add(((last - first).TotalSeconds - evaluation) / k);  // run 0 is the warm-up
            }
        }

        double median = Stats.Median(times);
        double flops = Stats.EpochFlops([nx, nh, 1], m);
        string precision = typeof(T) == typeof(float) ? "float32" : "float64";
        Console.WriteLine($"wide mini-batch Adam {precision}: {string.Join(", ", times.Select(t => t.ToString("0.0000", CultureInfo.InvariantCulture)))} s/epoch ({flops / median / 1e9:0.0} GFLOP/s)");
        return new ResultRow("wide 20000x784 → 256 tanh → 1 sigmoid, batch 128, Adam", precision, median, flops / median / 1e9, "per epoch");
    }

    /// <summary>The course's 4-layer cat classifier: 209 × 12288 → 20-7-5-1 ReLU/sigmoid, lecun seed 1, lr 0.0075.</summary>
    public static ResultRow? Cat(RunnerOptions options)
    {
        string? path = options.CatData ?? RunnerOptions.FindUp("data/catvnoncat/train.csv.gz");
        if (path is null)
        {
            Console.WriteLine("cat: skipped (pass --cat-data PATH to catvnoncat/train.csv.gz)");
            return null;
        }

        var data = CsvDataset.Read(path, "y");
        var x = new Preprocessing(255).Apply(data.X);
        var y = Labels<double>(data.Labels!, "1", 1, x.Cols);
        int[] sizes = [x.Rows, 20, 7, 5, 1];
        var trainOptions = new TrainingOptions { Epochs = options.CatEpochs, LearningRate = 0.0075, LogEvery = 100, Threads = options.Threads };
        var times = new List<double>();
        double cost = double.NaN;
        for (int r = 0; r < options.Runs; r++)
        {
            var network = Initializer.Create<double>(sizes, [Relu.Instance, Relu.Instance, Relu.Instance, Sigmoid.Instance], new NumpyRandom(1), InitScheme.Lecun);
            var history = Trainer.Train(network, x, y, trainOptions);
            times.Add(history.TrainSeconds);
            cost = history.FinalCost;
        }

        double median = Stats.Median(times);
        double flops = Stats.EpochFlops(sizes, x.Cols) * options.CatEpochs;
        Console.WriteLine($"cat 4-layer: {string.Join(", ", times.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))} s; final cost {cost:0.000000}");
        return new ResultRow($"cat 209x12288 → 20-7-5-1 ReLU, {options.CatEpochs} epochs", "float64", median, flops / median / 1e9, "per run");
    }

    private static Matrix<T> Labels<T>(IReadOnlyList<string> labels, string positive, int rows, int m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var y = new Matrix<T>(rows, m);
        for (int j = 0; j < m; j++)
        {
            y[0, j] = labels[j] == positive ? T.One : T.Zero;
        }

        return y;
    }

    private static void TensorAdd<T>(Matrix<T> x, T value)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var s = x.AsSpan();
        for (int i = 0; i < s.Length; i++)
        {
            s[i] += value;
        }
    }

    private static void Exec(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {p.ExitCode}: {err}");
        }
    }
}
