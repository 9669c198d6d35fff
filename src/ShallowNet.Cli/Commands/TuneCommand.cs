using System.CommandLine;
using System.Globalization;
using System.Numerics;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Pipeline;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet tune</c>: tries every combination of the candidates given to <c>train</c> options (or a random sample of
/// them), scores each by k-fold cross-validation (<see cref="CrossValidation"/>; <c>--folds 0</c>: on the rows trained
/// on, as the course's hidden-size sweep does), prints each trial as it ends and the ranking, and retrains the best on
/// every row when <c>--model</c> is given.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Training data: CSV (.csv, .csv.gz) or Parquet", Required = true, HelpName = "FILE" };
        var folds = new Option<int>("--folds") { Description = "Score each configuration by k-fold cross-validation; 0 scores it on the rows it was trained on (the course's sweep)", DefaultValueFactory = _ => 5, HelpName = "K" };
        var search = new Option<string>("--search") { Description = "grid: every combination; random: --trials of them, drawn with --search-seed", DefaultValueFactory = _ => "grid" };
        var trials = new Option<int>("--trials") { Description = "How many configurations a random search tries", DefaultValueFactory = _ => 10, HelpName = "N" };
        var searchSeed = new Option<uint>("--search-seed") { Description = "Seed of the random search's draw", DefaultValueFactory = _ => 0 };
        var model = new Option<string?>("--model") { Description = "Retrain the best configuration on every row and write the model here", HelpName = "BEST.json" };
        var plot = new Option<string?>("--plot") { Description = "Draw the score against each searched option here (tune_<option>.png: the best trial per value, ± its folds' std)", HelpName = "DIR" };
        var results = new Option<string?>("--results") { Description = "Write every trial's options and scores as CSV here", HelpName = "FILE.csv" };
        search.AcceptOnlyFromAmong("grid", "random");
        var command = new Command("tune", "Search train options: any option may list candidates (--hidden 1,2,3,4,5,20,50 --learning-rate 0.001,0.01), each configuration cross-validated")
        {
            data, folds, search, trials, searchSeed, model, results, plot,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parsed =>
        {
            var space = SearchSpace.Parse(parsed.UnmatchedTokens);
            var configurations = SearchSpace.Grid(space);
            OptionParsing.Require(parsed.GetValue(folds) is 0 or >= 2, "--folds", "needs 0 (score on the training rows) or at least 2 folds");
            OptionParsing.Require(parsed.GetValue(trials) >= 1, "--trials", "must be 1 or more");
            if (parsed.GetValue(search) == "random" && parsed.GetValue(trials) < configurations.Count)
            {
                var order = new Reproducibility.NumpyRandom(parsed.GetValue(searchSeed)).Permutation(configurations.Count);
                configurations = [.. order.Take(parsed.GetValue(trials)).Order().Select(i => configurations[i])];
            }

            OutputPaths.CheckFile("--model", parsed.GetValue(model));
            OutputPaths.CheckFile("--results", parsed.GetValue(results));
            OutputPaths.CheckFolder("--plot", parsed.GetValue(plot));
            OutputPaths.RefuseOverlaps([new("--data", parsed.GetValue(data))], [new("--model", parsed.GetValue(model)), new("--results", parsed.GetValue(results))]);

            // Every configuration is checked before the first is trained: a bad candidate fails at once.
            var settings = configurations.Select(args => Trial.Settings(parsed.GetValue(data)!, args)).ToList();
            var (table, label) = TrainData.ReadTable(settings[0], null, console);
            var scored = new List<(string[] Args, MetricSummary Score, double Seconds)>();
            string metric = string.Empty;
            for (int t = 0; t < settings.Count; t++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (name, score) = settings[t].Float32
                    ? Trial.Score<float>(table, label, settings[t], parsed.GetValue(folds))
                    : Trial.Score<double>(table, label, settings[t], parsed.GetValue(folds));
                metric = name;
                scored.Add((configurations[t], score, clock.Elapsed.TotalSeconds));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"trial {t + 1}/{settings.Count}  {SearchSpace.Describe(configurations[t], space)}  {name} {score.Mean:F4} ± {score.Std:F4}  ({clock.Elapsed.TotalSeconds:F2} s)"));
            }

            var ranked = scored.Select((s, i) => (s.Args, s.Score, s.Seconds, Trial: i + 1)).OrderByDescending(s => s.Score.Mean).ThenBy(s => s.Trial).ToList();
            string how = parsed.GetValue(folds) == 0 ? "on the rows trained on" : $"{parsed.GetValue(folds)}-fold cross-validated";
            console.Out.WriteLine($"ranking ({metric}, {how}):");
            foreach (var (args, score, _, trial) in ranked.Take(10))
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {score.Mean:F4} ± {score.Std:F4}  trial {trial}: {SearchSpace.Describe(args, space)}"));
            }

            if (parsed.GetValue(results) is { } path)
            {
                Serialization.AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, CsvText.Utf8, bufferSize: -1, leaveOpen: true);
                    writer.Write($"trial,options,{metric}_mean,{metric}_std,seconds\n");
                    for (int i = 0; i < scored.Count; i++)
                    {
                        writer.Write(CsvText.Line([(i + 1).ToString(CultureInfo.InvariantCulture), CsvText.Text(string.Join(' ', scored[i].Args)), CsvText.Number(scored[i].Score.Mean), CsvText.Number(scored[i].Score.Std), CsvText.Number(scored[i].Seconds)]) + "\n");
                    }
                });
            }

            if (parsed.GetValue(plot) is { } folder)
            {
                Directory.CreateDirectory(folder);
                var drawn = space.Where(o => o.Candidates.Length > 1).Select(o => Path.GetFileName(Plotting.Charts.SearchScores(
                    Path.Combine(folder, $"tune_{o.Name.TrimStart('-')}.png"), o.Name, [.. o.Candidates.Select(c => BestWith(o.Name, c, scored))], metric, Path.GetFileName(parsed.GetValue(data)!))));
                console.Out.WriteLine($"plots written to {folder}: {string.Join(", ", drawn)}");
            }

            var best = ranked[0];
            console.Out.WriteLine($"best: {SearchSpace.Describe(best.Args, space)} (trial {best.Trial})");
            if (parsed.GetValue(model) is { } modelPath)
            {
                int code = CliApp.Run(["train", "--data", parsed.GetValue(data)!, "--model", modelPath, .. best.Args, "--quiet"], console.Out, console.Error);
                if (code != ExitCodes.Ok)
                {
                    return code;
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The best trial whose arguments give <paramref name="option"/> the value <paramref name="candidate"/>.</summary>
    private static (string Candidate, double Mean, double Std) BestWith(string option, string? candidate, List<(string[] Args, MetricSummary Score, double Seconds)> scored)
    {
        var best = scored.Where(t => Enumerable.Range(0, t.Args.Length - 1).Any(i => t.Args[i] == option && t.Args[i + 1] == candidate)).MaxBy(t => t.Score.Mean);
        return ((candidate ?? string.Empty).Replace(',', 'x'), best.Score.Mean, best.Score.Std);
    }

    /// <summary>One configuration: its settings, and its score.</summary>
    private static class Trial
    {
        public static TrainSettings Settings(string data, string[] args)
        {
            var set = new TrainOptionSet(writesModel: false);
            var command = new Command("train");
            set.AddTo(command);
            var parsed = command.Parse(["--data", data, .. args]);
            if (parsed.Errors.Count > 0)
            {
                throw new UsageException($"tune: {string.Join(' ', args)}: {parsed.Errors[0].Message}");
            }

            return set.Settings(parsed, []);
        }

        public static (string Metric, MetricSummary Score) Score<T>(Table table, string label, TrainSettings s, int folds)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var task = TrainRunner.TaskOf(s, label);
            if (folds > 0)
            {
                var result = CrossValidation.Run<T>(table, task, new CrossValidationOptions { Folds = folds, Seed = s.Seed, Threads = s.Threads });
                string name = result.Kind == OutputKind.Regression ? "r2" : "accuracy";
                return (name, result.Summary[name]);
            }

            var (fit, _) = FitData.FromTable(table, label, task.Targets, task.WeightColumn, task.Roles, null, []);
            var model = FitPipeline.Fit<T>(new FitRequest(fit, task.Settings)).Model;
            var y = fit.Y ?? (model.Kind == OutputKind.Regression ? Targets.Values<double>(fit.RequireLabels(), table.Source, label) : null);
            var report = EvaluationReport.Compute(model, fit.X, fit.Labels, y, table.Source);
            return (model.Kind == OutputKind.Regression ? "r2" : "accuracy", new MetricSummary(report.Score, 0));
        }
    }
}
