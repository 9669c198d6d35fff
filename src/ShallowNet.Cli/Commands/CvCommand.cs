using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet cv</c>: k-fold cross-validation of the <c>train</c> options, a thin caller of
/// <see cref="CrossValidation"/>: each fold's columns, preprocessing and weights are fitted on the other folds only.
/// </summary>
internal static class CvCommand
{
    public static Command Create(CliConsole console)
    {
        var train = new TrainOptionSet(writesModel: false);
        var folds = new Option<int>("--folds") { Description = "k, the number of folds: stratified by class for a classifier, plain for a regression", DefaultValueFactory = _ => 5, HelpName = "K" };
        var repeats = new Option<int>("--repeats") { Description = "Draw the k folds this many times (the generator continues from one repeat to the next)", DefaultValueFactory = _ => 1, HelpName = "R" };
        var foldsFile = new Option<string?>("--folds-file") { Description = "Use these folds: a CSV with the header 'fold' and one fold number (0..K-1) per data row, in the data's row order", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: each measure's mean and std over the folds, then every fold" };
        var command = new Command("cv", "Cross-validate the train options: each fold scored by a model fitted on the other folds only");
        train.Threads.Description = "Folds trained at the same time (0 = all cores), each on one thread: the results are the same bits for any count";
        train.AddTo(command);
        command.Options.Add(folds);
        command.Options.Add(repeats);
        command.Options.Add(foldsFile);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            if (parsed.GetValue(train.Data) is null)
            {
                throw new UsageException("option '--data' is required");
            }

            var s = train.Settings(parsed, []);
            OptionParsing.Require(parsed.GetValue(folds) >= 2, "--folds", "needs at least 2 folds");
            OptionParsing.Require(parsed.GetValue(repeats) is >= 1 and <= 1000, "--repeats", "must be from 1 to 1000 (each repeat keeps its folds' models and assignments)");
            string? foldsPath = parsed.GetValue(foldsFile);
            OptionParsing.Require(foldsPath is null || parsed.GetValue(repeats) == 1, "--repeats", "a --folds-file gives one set of folds; leave --repeats out");

            var (table, label) = TrainData.ReadTable(s, null, console);
            TrainData.CheckFloat32(s, table, label);
            TrainData.CheckMemory([s], table, label, TrainData.Concurrent(s.Threads, parsed.GetValue(folds) * parsed.GetValue(repeats)));
            int[]? given = foldsPath is null ? null : FoldsFile.Read(foldsPath, table.Rows, OptionParsing.IsExplicit(parsed, folds) ? parsed.GetValue(folds) : null, s.DataPath);
            OptionParsing.Require(given is not null || parsed.GetValue(folds) <= table.Rows, "--folds", $"{parsed.GetValue(folds)} folds for {Plural.Of(table.Rows, "row")}; each fold needs at least one row");
            var task = TrainRunner.TaskOf(s, label);
            var options = new CrossValidationOptions { Folds = parsed.GetValue(folds), Repeats = parsed.GetValue(repeats), Seed = s.Seed, FoldOfRow = given, Threads = s.Threads };
            string how = given is null ? (CrossValidation.KindOf(table, task, task.Settings.Output) == OutputKind.Regression ? "plain" : "stratified") + $", seed {s.Seed}" : $"from {foldsPath}";
            using var interrupt = Interrupts.Listen();                      // before the header: a signal after it is heard
            if (!parsed.GetValue(json))
            {
                // said before the folds run (minutes on a large table), so that the user sees what is running
                int k = given is null ? options.Folds : given.Max() + 1;
                console.Out.WriteLine($"{k}-fold cross-validation{(options.Repeats > 1 ? $", {options.Repeats} repeats" : string.Empty)} ({how}) on {Plural.Of(table.Rows, "row")}");
                console.Out.Flush();
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            CrossValidationResult result;
            try
            {
                result = s.Float32 ? CrossValidation.Run<float>(table, task, options, interrupt.Token) : CrossValidation.Run<double>(table, task, options, interrupt.Token);
            }
            catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
            {
                // a score needs every fold: nothing to print but why there is none
                console.Error.WriteLine($"shallownet: interrupted after {started.Elapsed.TotalSeconds:F1} s; no score (cross-validation needs every fold)");
                return ExitCodes.Interrupted;
            }

            foreach (string warning in result.Scores.SelectMany(f => f.Warnings).Distinct(StringComparer.Ordinal))
            {
                console.Error.WriteLine($"shallownet: warning: {s.DataPath}: {warning}");
            }

            if (parsed.GetValue(json))
            {
                WriteJson(console.Out, result);
            }
            else
            {
                WriteTable(console.Out, result, started.Elapsed.TotalSeconds);
            }

            return ExitCodes.Ok;
        });

        return command;
    }

    /// <summary>The folds' scores under the header line printed before they ran.</summary>
    private static void WriteTable(TextWriter output, CrossValidationResult result, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = result.MeasureNames;
        int repeats = result.Assignments.Count;
        output.WriteLine(string.Concat($"{"fold",-6}{"train",7}{"test",7}", string.Concat(names.Select(n => $"{n,11}"))));
        foreach (var f in result.Scores)
        {
            string fold = repeats > 1 ? $"{f.Repeat}.{f.Fold}" : f.Fold.ToString(inv);
            output.WriteLine(string.Concat($"{fold,-6}{f.TrainExamples,7}{f.Report.Examples,7}", string.Concat(names.Select(n => string.Create(inv, $"{f.Report.Measures[n],11:F4}")))));
        }

        output.WriteLine(string.Concat($"{"mean",-20}", string.Concat(names.Select(n => string.Create(inv, $"{result.Summary[n].Mean,11:F4}")))));
        output.WriteLine(string.Concat($"{"std",-20}", string.Concat(names.Select(n => string.Create(inv, $"{result.Summary[n].Std,11:F4}")))));
        output.WriteLine(string.Create(inv, $"{string.Join(", ", names.Select(n => string.Create(inv, $"{n} {result.Summary[n].Mean:F4} ± {result.Summary[n].Std:F4}")))} ({seconds:F2} s)"));
    }

    /// <summary><c>{"accuracy": {"mean": m, "std": s}, ..., "folds": [{"repeat", "fold", "train", "test", measures...}]}</c>; a measure that is undefined on a fold (NaN) is null.</summary>
    private static void WriteJson(TextWriter output, CrossValidationResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (string name in result.MeasureNames)
            {
                json.WriteStartObject(name);
                Number(json, "mean", result.Summary[name].Mean);
                Number(json, "std", result.Summary[name].Std);
                json.WriteEndObject();
            }

            json.WriteNumber("k", result.FoldCount);
            json.WriteNumber("repeats", result.Assignments.Count);
            json.WriteStartArray("folds");
            foreach (var f in result.Scores)
            {
                json.WriteStartObject();
                json.WriteNumber("repeat", f.Repeat);
                json.WriteNumber("fold", f.Fold);
                json.WriteNumber("train", f.TrainExamples);
                json.WriteNumber("test", f.Report.Examples);
                foreach (string name in result.MeasureNames)
                {
                    Number(json, name, f.Report.Measures[name]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));

        static void Number(Utf8JsonWriter json, string name, double value)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }
    }
}
