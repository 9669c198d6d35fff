using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet demo</c>: the lesson's planar experiment on built-in data. Makes the flower (seed 1, 400 points),
/// trains the 2-4-1 tanh/sigmoid network from seed-2 weights with α = 1.2 for 10000 epochs in float64, and prints
/// the cost every 1000 epochs beside the course's NumPy values, then the accuracy.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("demo", "The lesson's planar experiment on built-in data, beside the course's numbers");
        command.SetAction(_ => Run(console));
        command.Add(CreateCat(console));
        command.Add(CreateExperiment(console, "baseline", "Logistic regression vs the shallow network on the flower (course: 47% vs 90%), with both decision boundaries", 10000, Experiments.LessonExperiments.Baseline));
        command.Add(CreateExperiment(console, "sweep", "Hidden layer sizes 1, 2, 3, 4, 5, 20, 50 (seed 2, 5000 epochs) beside the course's accuracies, with a grid of boundaries", 5000, Experiments.LessonExperiments.Sweep));
        command.Add(CreateExperiment(console, "activations", "Hidden activations sigmoid, tanh, ReLU, leaky ReLU and identity (section 3.7: linear units are logistic regression)", 10000, Experiments.LessonExperiments.Activations));
        command.Add(CreateExperiment(console, "init", "Zero vs random initial weights (section 3.11): with W = 0 the hidden units stay identical", 10000, Experiments.LessonExperiments.ZeroInit));
        command.Add(CreateExperiment(console, "datasets", "Noisy circles, noisy moons, blobs, gaussian quantiles and xor: logistic regression vs 4 tanh units", 10000, Experiments.LessonExperiments.Datasets));
        return command;
    }

    /// <summary>A lesson experiment as a subcommand: no arguments needed; plots go to ./shallownet-demo unless told otherwise.</summary>
    private static Command CreateExperiment(CliConsole console, string name, string description, int defaultEpochs, Func<TextWriter, string?, int, Experiments.LessonExperiments.Outcome> run)
    {
        var plot = new Option<string>("--plot") { Description = "Folder for the PNG plots", DefaultValueFactory = _ => "shallownet-demo", HelpName = "DIR" };
        var noPlot = new Option<bool>("--no-plot") { Description = "Print the tables only" };
        var report = new Option<string?>("--report") { Description = "Also write report.html (tables and plots in one page) to this folder", HelpName = "DIR" };
        var epochs = new Option<int>("--epochs") { Description = $"Epochs per network (the course's: {defaultEpochs})", DefaultValueFactory = _ => defaultEpochs };
        var command = new Command(name, description) { plot, noPlot, report, epochs };
        command.SetAction(parsed =>
        {
            int e = parsed.GetValue(epochs);
            OptionParsing.Require(e >= 1, "--epochs", "must be 1 or more");
            string? reportDir = parsed.GetValue(report);
            string? plotDir = parsed.GetValue(noPlot) && reportDir is null ? null : parsed.GetValue(plot)!;
            OutputPaths.CheckFolder("--plot", plotDir);
            OutputPaths.CheckFolder("--report", reportDir);
            if (plotDir is not null)
            {
                Directory.CreateDirectory(plotDir);
            }

            var outcome = run(console.Out, plotDir, e);
            foreach (var (caption, path) in outcome.Plots)
            {
                console.Out.WriteLine($"plot: {path}  ({caption})");
            }

            if (reportDir is not null)
            {
                var page = new Reports.HtmlReport($"shallownet demo {name}", description);
                page.AddSettings([("experiment", $"demo {name}"), ("epochs per network", e.ToString(CultureInfo.InvariantCulture)), ("data", "built-in, NumPy-compatible generator")]);
                foreach (var (title, table) in outcome.Tables)
                {
                    page.AddTable(title, table);
                }

                foreach (var (caption, path) in outcome.Plots)
                {
                    page.AddImage(caption, path);
                }

                console.Out.WriteLine($"report: {page.Write(reportDir)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCat(CliConsole console)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the course's catvnoncat data (default: found under ../shared/data)", HelpName = "DIR" };
        var network = new Option<string>("--network") { Description = "two-layer, four-layer or both", DefaultValueFactory = _ => "both" };
        network.AcceptOnlyFromAmong("two-layer", "four-layer", "both");
        var epochs = new Option<int>("--epochs") { Description = "Epochs (the course's run is 2500)", DefaultValueFactory = _ => 2500 };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products (0 = all cores)", DefaultValueFactory = _ => 0 };
        var command = new Command("cat", "The course's week-4 cat classifiers (2-layer and 4-layer ReLU networks) beside the course's numbers") { dataDir, network, epochs, threads };
        command.SetAction(parsed =>
        {
            int e = parsed.GetValue(epochs);
            OptionParsing.Require(e >= 1, "--epochs", "must be 1 or more");
            string folder = Experiments.CatExperiment.FindData(parsed.GetValue(dataDir));
            string which = parsed.GetValue(network)!;
            int t = parsed.GetValue(threads) is > 0 and var n ? n : Environment.ProcessorCount;
            var specs = which switch
            {
                "two-layer" => new[] { Experiments.CatExperiment.TwoLayer },
                "four-layer" => [Experiments.CatExperiment.FourLayer],
                _ => [Experiments.CatExperiment.TwoLayer, Experiments.CatExperiment.FourLayer],
            };
            var inv = CultureInfo.InvariantCulture;
            foreach (var spec in specs)
            {
                console.Out.WriteLine($"{string.Join("-", spec.Sizes)} ReLU network ({spec.Init.ToString().ToLowerInvariant()} init, seed 1), alpha 0.0075, {e} epochs, pixels / 255, float64, data from {folder}");
                console.Out.WriteLine("  epoch   cost (ShallowNet)     cost (course, NumPy)   difference");
                var result = Experiments.CatExperiment.Run(folder, spec, e, t, (epoch, cost) => { });
                foreach (var (epoch, cost, course) in result.Costs)
                {
                    string c = course is { } v ? v.ToString("F15", inv) : "-";
                    string d = course is { } w ? (cost - w).ToString("+0.0E+00;-0.0E+00;0", inv) : string.Empty;
                    console.Out.WriteLine(string.Create(inv, $"  {epoch,5}   {cost,-20:F15}  {c,-21}  {d}"));
                }

                console.Out.WriteLine(string.Create(inv, $"  train accuracy {result.TrainAccuracy:F4} (course {result.CourseTrainAccuracy:F4}), test accuracy {result.TestAccuracy:F4} (course {result.CourseTestAccuracy:F4}); trained in {result.Seconds:F1} s"));
                console.Out.WriteLine();
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Run(CliConsole console)
    {
        var output = console.Out;
        var inv = CultureInfo.InvariantCulture;
        var (courseCosts, courseAccuracy) = LoadCourseReference();

        var data = SyntheticData.Planar(m: 400, seed: 1);
        var classes = ClassLabels.FromLabels(data.RequireLabels());
        var y = classes.EncodeBinary<double>(data.RequireLabels(), data.Source);
        var network = Initializer.Create<double>([2, 4, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Small);

        output.WriteLine("The lesson's shallow network on the planar 'flower' (m = 400, seed 1):");
        output.WriteLine($"  {network.Layers[0]}");
        output.WriteLine($"  {network.Layers[1]}");
        output.WriteLine("  W ~ randn x 0.01 (seed 2), b = 0; gradient descent, alpha = 1.2, 10000 epochs, float64");
        output.WriteLine();
        output.WriteLine("  epoch   cost (ShallowNet)     cost (course, NumPy)   difference");

        var history = Trainer.Train(network, data.X, y, new TrainingOptions { Epochs = 10000, LearningRate = 1.2, LogEvery = 1000 });
        foreach (var point in history.Points)
        {
            string course = point.Epoch / 1000 < courseCosts.Count && point.Epoch % 1000 == 0 ? courseCosts[point.Epoch / 1000].ToString("F15", inv) : "-";
            string diff = course == "-" ? string.Empty : (point.Cost - courseCosts[point.Epoch / 1000]).ToString("+0.0E+00;-0.0E+00;0", inv);
            output.WriteLine(string.Create(inv, $"  {point.Epoch,5}   {point.Cost,-20:F15}  {course,-21}  {diff}"));
        }

        double accuracy = Metrics.Accuracy(network.Predict(data.X), classes.Encode(data.RequireLabels(), data.Source));
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"  train accuracy: {accuracy * 100:F2}% (course: {courseAccuracy * 100:F2}%); trained in {history.TrainSeconds:F3} s"));
        output.WriteLine("  (at alpha = 1.2 the run oscillates after epoch 7000, so NumPy and PyTorch themselves differ there in the 5th decimal)");
        return ExitCodes.Ok;
    }

    private static (IReadOnlyList<double> Costs, double Accuracy) LoadCourseReference()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("planar_expected.json")
            ?? throw new InvalidOperationException("the embedded course reference is missing from the build");
        using var document = JsonDocument.Parse(stream);
        var costs = document.RootElement.GetProperty("costs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        return (costs, document.RootElement.GetProperty("train_accuracy").GetDouble());
    }
}
