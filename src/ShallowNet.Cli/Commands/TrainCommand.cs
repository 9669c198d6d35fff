using System.CommandLine;
using ShallowNet.Data;
using ShallowNet.Pipeline;
using ShallowNet.Training;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet train</c>: reads a CSV, trains a network, writes the model file.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new TrainOptionSet(writesModel: true);
        var command = new Command("train", "Train a network on a CSV file and write the model");
        options.AddTo(command);
        var (data, model, resume, threads, kernels, quiet) = (options.Data, options.Model, options.Resume, options.Threads, options.KernelsOption, options.Quiet);

        command.SetAction(parsed =>
        {
            if (parsed.GetValue(resume) is { } resumePath)
            {
                // A resumed run re-reads its original arguments from the checkpoint; only how it runs may change.
                var allowed = new Option[] { resume, threads, kernels, quiet };
                var other = command.Options.FirstOrDefault(o => !allowed.Contains(o) && OptionParsing.IsExplicit(parsed, o));
                if (other is not null)
                {
                    throw new UsageException($"{other.Name} conflicts with --resume: a resumed run keeps the options it started with");
                }

                var saved = Serialization.CheckpointFile.Load(resumePath);
                var original = saved.Model.Training?.Arguments ?? throw new InvalidInputException($"{resumePath}: the checkpoint does not record the arguments it was started with");
                var stored = command.Parse([.. original]);
                if (stored.Errors.Count > 0)
                {
                    throw new InvalidInputException($"{resumePath}: its recorded arguments no longer parse: {ParseErrorMessages.Describe(stored, command)}");
                }

                var settings = AgainstOriginalFolder(options.Settings(stored, [.. original]), resumePath) with { Resume = saved, ResumePath = resumePath, Quiet = parsed.GetValue(quiet) };
                if (OptionParsing.IsExplicit(parsed, threads))
                {
                    settings = settings with { Threads = parsed.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount };
                }

                if (OptionParsing.IsExplicit(parsed, kernels))
                {
                    settings = settings with { Kernels = options.Kernels(parsed) };
                }

                CheckPaths(settings);
                return settings.Float32 ? TrainRunner.Run<float>(settings, console) : TrainRunner.Run<double>(settings, console);
            }

            if (parsed.GetValue(data) is null || parsed.GetValue(model) is null)
            {
                throw new UsageException(parsed.GetValue(data) is null ? "option '--data' is required (or --resume CHECKPOINT)" : "option '--model' is required (or --resume CHECKPOINT)");
            }

            var s = options.Settings(parsed, RecordedArguments(parsed));
            CheckPaths(s);
            return s.Float32 ? TrainRunner.Run<float>(s, console) : TrainRunner.Run<double>(s, console);
        });

        return command;

        // The arguments the model file records, less --kernels: it changes how training runs, not its bits.
        static string[] RecordedArguments(ParseResult parsed)
        {
            var recorded = new List<string>();
            var tokens = parsed.Tokens.Skip(1).Select(t => t.Value).ToList();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] == "--kernels")
                {
                    i++;                                                  // and its value
                    continue;
                }

                recorded.Add(tokens[i]);
            }

            return [.. recorded];
        }
    }

    /// <summary>
    /// The recorded relative paths of a resumed run made absolute against the folder the run started in, not the
    /// current one: otherwise resuming from elsewhere would read other data and write a model into the wrong folder. That
    /// folder is found from where the checkpoint is now and the (relative) path it was recorded under, e.g.
    /// /proj/out/m.json.checkpoint.json recorded as out/m.json.checkpoint.json started in /proj; when the recorded path is
    /// absolute or the checkpoint was moved, the checkpoint's own folder is taken.
    /// </summary>
    private static TrainSettings AgainstOriginalFolder(TrainSettings s, string checkpointPath)
    {
        string actual = Path.GetFullPath(checkpointPath);
        string folder = Path.GetDirectoryName(actual) ?? Directory.GetCurrentDirectory();
        if (s.CheckpointPath.Length > 0 && !Path.IsPathRooted(s.CheckpointPath))
        {
            // GetFullPath against a fake root normalises "./a/../b" to "/b" without touching the disk.
            string root = Path.GetPathRoot(actual)!;
            string recorded = Path.GetFullPath(s.CheckpointPath, root)[root.Length..];
            if (actual.EndsWith(Path.DirectorySeparatorChar + recorded, StringComparison.Ordinal))
            {
                folder = actual[..^(recorded.Length + 1)];
                folder = folder.Length == 0 ? root : folder;
            }
        }

        string? Absolute(string? path) => path is null || path.Length == 0 || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, folder);
        return s with
        {
            DataPath = Absolute(s.DataPath)!,
            ModelPath = Absolute(s.ModelPath)!,
            CheckpointPath = Absolute(s.CheckpointPath)!,
            MetricsPath = Absolute(s.MetricsPath),
            PlotDir = Absolute(s.PlotDir),
            ReportDir = Absolute(s.ReportDir),
            InitParams = Absolute(s.InitParams),
            TestPath = Absolute(s.TestPath),
        };
    }

    /// <summary>
    /// Every place the run will write, checked before any work: no output is an input or another output, every file's
    /// folder exists, every folder can be written, and a fresh run's checkpoint path holds no interrupted run.
    /// </summary>
    private static void CheckPaths(TrainSettings s)
    {
        // A resumed run writes its checkpoint over the one it resumes from: that file is meant to be replaced.
        string checkpointOption = s.ResumePath is null ? "--checkpoint" : "--resume";
        string checkpoint = s.ResumePath ?? s.CheckpointPath;
        OutputPaths.CheckFile("--model", s.ModelPath);
        OutputPaths.CheckFile("--metrics", s.MetricsPath);
        OutputPaths.CheckFile(checkpointOption, checkpoint);
        OutputPaths.RefuseOverlaps(
            [new("--data", s.DataPath), new("--init-params", s.InitParams), new("--test", s.TestPath)],
            [new("--model", s.ModelPath), new("--metrics", s.MetricsPath), new(checkpointOption, checkpoint)]);
        if (s.ResumePath is null)
        {
            bool defaultPath = s.CheckpointPath == s.ModelPath + ".checkpoint.json";
            UnfinishedRun.RefuseFreshRunOver(defaultPath ? $"--model {s.ModelPath}" : $"--checkpoint {s.CheckpointPath}", s.CheckpointPath);
        }

        OutputPaths.Named[] inputs = [new("--data", s.DataPath), new("--init-params", s.InitParams), new("--test", s.TestPath)];
        OutputPaths.CheckFolder("--plot", s.PlotDir, inputs);
        OutputPaths.CheckFolder("--report", s.ReportDir, inputs);
        OutputPaths.Named[] files = [new("--model", s.ModelPath), new("--metrics", s.MetricsPath), new(checkpointOption, checkpoint)];
        OutputPaths.RefuseFilesInFolder("--plot", s.PlotDir, files);
        OutputPaths.RefuseFilesInFolder("--report", s.ReportDir, files);
    }
}
