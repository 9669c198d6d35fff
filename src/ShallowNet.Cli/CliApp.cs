using System.CommandLine;
using ShallowNet.Cli.Commands;
using ShallowNet.Training;

namespace ShallowNet.Cli;

/// <summary>
/// The <c>shallownet</c> tool: builds the command tree and turns every user mistake into one line on stderr and
/// exit code 2 (never a stack trace).
/// </summary>
public static class CliApp
{
    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("ShallowNet: train dense neural networks on tabular data, from the lesson's shallow network up.")
        {
            TrainCommand.Create(console),
            PredictCommand.Create(console),
            EvaluateCommand.Create(console),
            GradcheckCommand.Create(console),
            DatasetsCommand.Create(console),
            DemoCommand.Create(console),
            InspectCommand.Create(console),
            ExportCommand.Create(console),
            PlotCommand.Create(console),
            SplitCommand.Create(console),
            CvCommand.Create(console),
            CurveCommand.Create(console),
            TuneCommand.Create(console),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string command = parsed.CommandResult.Command == root ? "shallownet" : $"shallownet {parsed.CommandResult.Command.Name}";
            stderr.WriteLine($"{command}: error: {ParseErrorMessages.Describe(parsed, root)} (see '{command} --help')");
            return ExitCodes.BadInput;
        }

        if (PathOptions.EmptyName(parsed) is { } empty)
        {
            stderr.WriteLine($"shallownet: error: {empty}");
            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM while a file was written (datasets, split, predict): its temporary file was removed
            stderr.WriteLine("shallownet: interrupted: the file being written was left out (nothing half-written)");
            return ExitCodes.Interrupted;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"shallownet: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (InvalidInputException e)
        {
            stderr.WriteLine($"shallownet: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (TrainingDivergedException e)
        {
            stderr.WriteLine($"shallownet: error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OutOfMemoryException)
        {
            // The estimates refuse what cannot fit before any work; this is the net below them. Unhandled, the runtime
            // would abort (exit 134) with "Out of memory." and no word of what to change. Outputs are written atomically,
            // so nothing half-written is left.
            long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            stderr.WriteLine($"shallownet: error: out of memory: this run needs more than the {available / 1e6:F0} MB this process may use; use fewer rows or columns, smaller layers, or --precision float32");
            return ExitCodes.BadInput;
        }
    }
}
