using System.CommandLine;
using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet curve</c>: the score on the training rows and on held-out rows against the number of training rows,
/// a thin caller of <see cref="LearningCurve"/> (k-fold, each fold fitted on a growing part of its training rows).
/// </summary>
internal static class CurveCommand
{
    public static Command Create(CliConsole console)
    {
        var train = new TrainOptionSet(writesModel: false);
        var sizes = new Option<string>("--sizes") { Description = "Fractions of each fold's training rows to fit on", DefaultValueFactory = _ => "0.1,0.25,0.5,0.75,1", HelpName = "F,F,..." };
        var folds = new Option<int>("--folds") { Description = "k, the number of folds scored at each size", DefaultValueFactory = _ => 5, HelpName = "K" };
        var plot = new Option<string?>("--plot") { Description = "Write learning_curve.png here", HelpName = "DIR" };
        var command = new Command("curve", "Learning curve: training and held-out score against the number of training rows (bias or variance?)");
        train.Threads.Description = "Folds trained at the same time (0 = all cores), each on one thread: the results are the same bits for any count";
        train.AddTo(command);
        command.Options.Add(sizes);
        command.Options.Add(folds);
        command.Options.Add(plot);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(train.Data) is null)
            {
                throw new UsageException("option '--data' is required");
            }

            var s = train.Settings(parsed, []);
            var fractions = Fractions(parsed.GetValue(sizes)!);
            OptionParsing.Require(parsed.GetValue(folds) >= 2, "--folds", "needs at least 2 folds");
            OutputPaths.CheckFolder("--plot", parsed.GetValue(plot), new OutputPaths.Named("--data", s.DataPath));
            var (table, label) = TrainData.ReadTable(s, null, console);
            TrainData.CheckFloat32(s, table, label);
            TrainData.CheckMemory([s], table, label, TrainData.Concurrent(s.Threads, parsed.GetValue(folds)));
            OptionParsing.Require(parsed.GetValue(folds) <= table.Rows, "--folds", $"{parsed.GetValue(folds)} folds for {Plural.Of(table.Rows, "row")}; each fold needs at least one row");
            var task = TrainRunner.TaskOf(s, label);
            var options = new CrossValidationOptions { Folds = parsed.GetValue(folds), Seed = s.Seed, Threads = s.Threads };
            string score = CrossValidation.KindOf(table, task, task.Settings.Output) == OutputKind.Regression ? "r2" : "accuracy";
            using var interrupt = Interrupts.Listen();                      // before the header: a signal after it is heard
            console.Out.WriteLine($"learning curve, {options.Folds}-fold, {score} on the training rows and on the held-out fold:");
            LearningCurveResult result;
            try
            {
                result = s.Float32 ? LearningCurve.Run<float>(table, task, fractions, options, interrupt.Token) : LearningCurve.Run<double>(table, task, fractions, options, interrupt.Token);
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                console.Error.WriteLine("shallownet: interrupted; no curve written (each point needs every fold)");
                return ExitCodes.Interrupted;
            }

            var inv = CultureInfo.InvariantCulture;
            console.Out.WriteLine($"{"size",6}{"rows",9}{"train",18}{"held out",18}");
            foreach (var p in result.Points)
            {
                console.Out.WriteLine(string.Create(inv, $"{p.Size,6:G3}{p.TrainRows,9:F0}{$"{p.Train.Mean:F4} ± {p.Train.Std:F4}",18}{$"{p.Validation.Mean:F4} ± {p.Validation.Std:F4}",18}"));
            }

            if (parsed.GetValue(plot) is { } folder)
            {
                Directory.CreateDirectory(folder);
                string path = Plotting.Charts.LearningCurve(Path.Combine(folder, "learning_curve.png"), result, Path.GetFileName(s.DataPath));
                console.Out.WriteLine($"plot written to {path}");
            }

            return ExitCodes.Ok;
        });

        return command;
    }

    private static double[] Fractions(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            OptionParsing.Require(double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && values[i] > 0 && values[i] <= 1,
                "--sizes", $"'{parts[i]}' is not a fraction in (0, 1]");
        }

        return values;
    }
}
