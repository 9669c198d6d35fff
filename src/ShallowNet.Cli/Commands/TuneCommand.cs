using System.CommandLine;
using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet tune</c>: a thin caller of <see cref="HyperparameterSearch"/>. Every combination of the candidates given
/// to <c>train</c> options (or a random sample of them) is scored by k-fold cross-validation on the same folds
/// (<c>--folds 0</c>: on the rows trained on, as the course's hidden-size sweep does), printed as it ends with its rank
/// so far, saved to <c>--results</c> after each trial (so <c>--resume</c> continues an interrupted or budgeted search),
/// ranked, plotted, and the best retrained on every row when <c>--model</c> is given.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Training data: CSV (.csv, .csv.gz) or Parquet", Required = true, HelpName = "FILE" };
        var folds = new Option<int>("--folds") { Description = "Score each configuration by k-fold cross-validation (the same folds for every trial); 0 scores it on the rows it was trained on (the course's sweep)", DefaultValueFactory = _ => 5, HelpName = "K" };
        var repeats = new Option<int>("--repeats") { Description = "Draw the k folds this many times", DefaultValueFactory = _ => 1, HelpName = "R" };
        var foldsFile = new Option<string?>("--folds-file") { Description = "Use these folds: a CSV with the header 'fold' and one fold number (0..K-1) per data row", HelpName = "FILE" };
        var search = new Option<string>("--search") { Description = "grid: every combination; random: --trials of them, drawn with --search-seed", DefaultValueFactory = _ => "grid" };
        var trials = new Option<int>("--trials") { Description = "How many configurations a random search tries", DefaultValueFactory = _ => 10, HelpName = "N" };
        var searchSeed = new Option<uint>("--search-seed") { Description = "Seed of the random search's draw", DefaultValueFactory = _ => 0 };
        var metric = new Option<string?>("--metric") { Description = "Rank by this measure: accuracy (default for classes), precision, recall, f1, log_loss, auc; r2 (default for numbers), rmse, mae", HelpName = "NAME" };
        var budget = new Option<string?>("--budget") { Description = "Stop the search after this long (90s, 10m, 1h30m): the running trial is dropped, the rest listed as not run (--resume continues)", HelpName = "TIME" };
        var model = new Option<string?>("--model") { Description = "Retrain the best configuration on every row and write the model here", HelpName = "BEST.json" };
        var plot = new Option<string?>("--plot") { Description = "Draw the score against each searched option here (tune_<option>.png: the best trial per value, ± its folds' std)", HelpName = "DIR" };
        var results = new Option<string?>("--results") { Description = "Write every finished trial's options and measures here after each trial: CSV, or JSON for a .json name", HelpName = "FILE" };
        var resume = new Option<bool>("--resume") { Description = "Take the trials already in --results (from an interrupted or budgeted run of this search) and run only the others" };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object (the trials' lines go to standard error)" };
        search.AcceptOnlyFromAmong("grid", "random");
        var command = new Command("tune", "Search train options: any option may list candidates (--hidden 1,2,3,4,5,20,50 --learning-rate 0.001,0.01), each configuration cross-validated")
        {
            data, folds, repeats, foldsFile, search, trials, searchSeed, metric, budget, model, results, resume, json, plot,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parsed =>
        {
            var space = SearchSpace.Parse(parsed.UnmatchedTokens);
            var configurations = SearchSpace.Grid(space);
            int k = parsed.GetValue(folds);
            string? foldsPath = parsed.GetValue(foldsFile);
            OptionParsing.Require(k is 0 or >= 2, "--folds", "needs 0 (score on the training rows) or at least 2 folds");
            OptionParsing.Require(k != 0 || foldsPath is null, "--folds-file", "gives folds to cross-validate on; --folds 0 scores on the training rows");
            OptionParsing.Require(parsed.GetValue(repeats) is >= 1 and <= 1000, "--repeats", "must be from 1 to 1000 (each repeat keeps its folds' models and assignments)");
            OptionParsing.Require(foldsPath is null || parsed.GetValue(repeats) == 1, "--repeats", "a --folds-file gives one set of folds; leave --repeats out");
            OptionParsing.Require(parsed.GetValue(trials) >= 1, "--trials", "must be 1 or more");
            OptionParsing.Require(!OptionParsing.IsExplicit(parsed, trials) || parsed.GetValue(search) == "random", "--trials", "applies to --search random only; a grid search tries every configuration (add --search random)");
            OptionParsing.Require(!parsed.GetValue(resume) || parsed.GetValue(results) is not null, "--resume", "reads the trials of --results FILE; give it");
            var limit = parsed.GetValue(budget) is { } b ? OptionParsing.Duration("--budget", b) : (TimeSpan?)null;
            if (parsed.GetValue(search) == "random" && parsed.GetValue(trials) < configurations.Count)
            {
                var order = new Reproducibility.NumpyRandom(parsed.GetValue(searchSeed)).Permutation(configurations.Count);
                configurations = [.. order.Take(parsed.GetValue(trials)).Order().Select(i => configurations[i])];
            }

            string? resultsPath = parsed.GetValue(results);
            OutputPaths.CheckFile("--model", parsed.GetValue(model));
            OutputPaths.CheckFile("--results", resultsPath);
            if (resultsPath is not null && Data.ParquetTable.IsParquetPath(resultsPath))
            {
                // it wrote CSV text under the name
                throw new UsageException($"--results {resultsPath}: tune writes CSV, or JSON for a .json name, not Parquet; give a .csv or .json name");
            }

            OutputPaths.RefuseFilesInFolder("--plot", parsed.GetValue(plot), [new("--model", parsed.GetValue(model)), new("--results", resultsPath)]);
            OutputPaths.CheckFolder("--plot", parsed.GetValue(plot), [new("--data", parsed.GetValue(data)), new("--folds-file", foldsPath)]);
            OutputPaths.RefuseOverlaps([new("--data", parsed.GetValue(data)), new("--folds-file", foldsPath)], [new("--model", parsed.GetValue(model)), new("--results", resultsPath)]);
            OptionParsing.Require(!parsed.GetValue(resume) || File.Exists(resultsPath), "--resume", $"{resultsPath} does not exist: nothing to resume");

            // Every configuration is checked before the first is trained: a bad candidate fails at once.
            var settings = configurations.Select(args => TrialSettings(parsed.GetValue(data)!, args)).ToList();
            var (table, label) = TrainData.ReadTable(settings[0], null, console);
            foreach (var s in settings)
            {
                TrainData.CheckFloat32(s, table, label);                // every configuration, before any trial
            }

            TrainData.CheckMemory(settings, table, label, TrainData.Concurrent(settings[0].Threads, Math.Max(k, 1) * parsed.GetValue(repeats)));
            int[]? given = foldsPath is null ? null : FoldsFile.Read(foldsPath, table.Rows, OptionParsing.IsExplicit(parsed, folds) ? k : null, settings[0].DataPath);
            OptionParsing.Require(given is not null || k <= table.Rows, "--folds", $"{k} folds for {Plural.Of(table.Rows, "row")}; each fold needs at least one row");
            var candidates = settings.Select(s => new SearchCandidate(TrainRunner.TaskOf(s, label), s.Float32)).ToList();
            var options = new SearchOptions
            {
                // One set of folds for every trial (drawn with the first configuration's --seed), so that trials differ by their options only.
                CrossValidation = new CrossValidationOptions { Folds = Math.Max(k, 2), Repeats = parsed.GetValue(repeats), Seed = settings[0].Seed, FoldOfRow = given, Threads = settings[0].Threads },
                ScoreOnTrainingRows = k == 0,
                Metric = MetricOf(table, candidates, parsed.GetValue(metric)),
                Budget = limit,
            };
            string scoredBy = k == 0 ? "training rows"
                : given is not null ? $"folds file {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(foldsPath!)))[..16]}"
                : $"{k}-fold x{parsed.GetValue(repeats)} seed {settings[0].Seed}";
            var file = new TuneResults(options.Metric!, scoredBy, table.Sha256 ?? string.Empty);
            var optionsOf = configurations.Select(a => string.Join(' ', a)).ToList();
            var earlier = parsed.GetValue(resume) ? Resumed(file.Read(resultsPath!), optionsOf, resultsPath!) : [];

            var view = new TuneView(parsed.GetValue(json) ? console.Error : console.Out, space, configurations, options.Metric!);
            var finished = new SortedDictionary<int, TuneResults.Row>(earlier.ToDictionary(t => t.Number, t => new TuneResults.Row(optionsOf[t.Number - 1], t)));
            view.Started(configurations.Count, earlier.Count, k, parsed.GetValue(budget));
            using var interrupt = Interrupts.Listen();
            var result = HyperparameterSearch.Run(table, candidates, options with { Completed = earlier }, trial =>
            {
                finished[trial.Number] = new TuneResults.Row(optionsOf[trial.Number - 1], trial);
                view.Trial(trial, [.. finished.Values.Select(r => r.Trial)]);
                if (resultsPath is not null)
                {
                    file.Write(resultsPath, [.. finished.Values], [], null);
                }
            }, interrupt.Token);

            var best = result.Best is { } top ? finished[top.Number] : null;
            if (resultsPath is not null)
            {
                file.Write(resultsPath, [.. finished.Values], result.NotRun, best);
            }

            view.Ranking(result, k == 0 ? "on the rows trained on" : given is not null ? $"cross-validated on the folds of {foldsPath}" : $"{k}-fold cross-validated");
            if (parsed.GetValue(json))
            {
                using var stdout = new MemoryStream();
                file.WriteJson(stdout, [.. finished.Values], result.NotRun, best);
                console.Out.WriteLine(CsvText.Utf8.GetString(stdout.ToArray()));
            }

            if (interrupt.Token.IsCancellationRequested)
            {
                console.Error.WriteLine($"shallownet: interrupted after {result.Trials.Count} of {Plural.Of(configurations.Count, "trial")}" + (resultsPath is null ? "; give --results FILE to keep trials and --resume to continue" : $"; run the same command with --resume to continue from {resultsPath}"));
                return ExitCodes.Interrupted;
            }

            if (result.BudgetSpent)
            {
                view.Out.WriteLine($"budget {parsed.GetValue(budget)} spent: {result.NotRun.Count} of {Plural.Of(configurations.Count, "trial")} not run" + (resultsPath is null ? string.Empty : $" (run the same command with --resume to continue from {resultsPath})"));
            }

            if (best is null)
            {
                console.Error.WriteLine($"shallownet: error: no trial finished within --budget {parsed.GetValue(budget)}");
                return ExitCodes.Failed;
            }

            if (parsed.GetValue(plot) is { } folder)
            {
                view.Plots(folder, [.. finished.Values.Select(r => (configurations[r.Trial.Number - 1], r.Trial))], Path.GetFileName(parsed.GetValue(data)!));
            }

            view.Out.WriteLine($"best: {SearchSpace.Describe(configurations[best.Trial.Number - 1], space)} (trial {best.Trial.Number})");
            return parsed.GetValue(model) is { } modelPath
                ? CliApp.Run(["train", "--data", parsed.GetValue(data)!, "--model", modelPath, .. configurations[best.Trial.Number - 1], "--quiet"], console.Out, console.Error)
                : ExitCodes.Ok;
        });
        return command;
    }

    private static TrainSettings TrialSettings(string data, string[] args)
    {
        var set = new TrainOptionSet(writesModel: false);
        var command = new Command("train");
        set.AddTo(command);
        var parsed = command.Parse(["--data", data, .. args]);
        if (parsed.Errors.Count > 0)
        {
            throw new UsageException($"tune: {string.Join(' ', args)}: {ParseErrorMessages.Describe(parsed, command)}");
        }

        return set.Settings(parsed, []);
    }

    private static string MetricOf(Table table, List<SearchCandidate> candidates, string? asked)
    {
        try
        {
            return HyperparameterSearch.MetricOf(table, candidates, asked);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--metric: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>The earlier trials renumbered as this search numbers its configurations; each must be one of them.</summary>
    private static List<SearchTrial> Resumed(IReadOnlyList<TuneResults.Row> rows, List<string> optionsOf, string path)
    {
        var resumed = new List<SearchTrial>();
        foreach (var (options, trial) in rows)
        {
            int index = optionsOf.IndexOf(options);
            if (index < 0)
            {
                throw new InvalidInputException($"{path}: trial {trial.Number} ({options}) is not a configuration of this search; resume with the options it was started with");
            }

            if (resumed.Any(t => t.Number == index + 1))
            {
                throw new InvalidInputException($"{path}: the options of trial {trial.Number} ({options}) appear twice");
            }

            resumed.Add(trial with { Number = index + 1 });
        }

        return resumed;
    }
}
