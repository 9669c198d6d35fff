using System.CommandLine;
using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Diagnostics;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet gradcheck</c>: compares back-propagation with numerical gradients on a model and data.</summary>
internal static class GradcheckCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file (its weights are the point checked)", Required = true, HelpName = "M.json" };
        var data = new Option<string>("--data") { Description = "Labelled CSV or Parquet; the first --examples rows are used", Required = true, HelpName = "FILE" };
        var epsilon = new Option<double>("--epsilon") { Description = "Step of the central differences", DefaultValueFactory = _ => GradientCheck.DefaultEpsilon };
        var examples = new Option<int>("--examples") { Description = "Use at most this many examples (0 = all)", DefaultValueFactory = _ => 0 };
        var command = new Command("gradcheck", "Check back-propagation against numerical gradients (in float64)") { model, data, epsilon, examples };
        command.SetAction(parsed =>
        {
            double eps = parsed.GetValue(epsilon);
            int limit = parsed.GetValue(examples);
            OptionParsing.Require(eps > 0 && eps < 1, "--epsilon", "must be between 0 and 1");
            OptionParsing.Require(limit >= 0, "--examples", "must be 0 or more");
            var trained = ModelFile.Load(parsed.GetValue(model)!);
            string dataPath = parsed.GetValue(data)!;
            var dataset = ModelData.Read(trained, dataPath, labelRequired: true);
            var classes = trained.Kind == OutputKind.Regression ? null : trained.Classes ?? ClassLabels.FromLabels(dataset.RequireLabels());
            var x = trained.Prepare(dataset.X);
            var y = TargetEncoding.Encode(trained.Kind, classes, dataset, trained.Targets);
            y = trained.TargetScaling?.Apply(y) ?? y; // the cost the network was trained on
            if (limit > 0 && limit < dataset.Examples)
            {
                var columns = Enumerable.Range(0, limit).ToArray();
                x = x.SelectColumns(columns);
                y = y.SelectColumns(columns);
            }

            var result = GradientCheck.Run(trained.Network, x, y, eps);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"relative difference {result.RelativeDifference:E3} over {result.Parameters} parameters and {Plural.Of(x.Cols, "example")} (epsilon {result.Epsilon:G3}); largest error {result.MaxAbsoluteError:E2} at {result.WorstParameter}"));
            console.Out.WriteLine(
                result.RelativeDifference < GradientCheckResult.Threshold ? $"OK: back-propagation agrees with the numerical gradient (below {GradientCheckResult.Threshold:G})"
                : result.WithinRounding ? string.Create(CultureInfo.InvariantCulture, $"OK: the difference ({result.DifferenceNorm:E2}) is within the rounding of the finite differences themselves (about {result.RoundingBound:E2} with J this large at epsilon {result.Epsilon:G3}); a larger --epsilon, such as 1e-5, brings the relative difference below {GradientCheckResult.Threshold:G}")
                : $"FAILED: the difference is above {GradientCheckResult.Threshold:G}; back-propagation and the cost disagree");
            if (!result.Passed && result.GradientTooSmallToCheck)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"note: the gradient norm is only {result.GradientNorm:E2} (a converged model?): rounding in the finite differences alone can exceed the threshold; check the model before training (train --epochs 0) or with a larger --epsilon"));
            }
            return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
