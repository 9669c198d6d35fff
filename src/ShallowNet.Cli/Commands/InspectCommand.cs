using System.CommandLine;
using System.Globalization;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary><c>shallownet inspect</c>: a model's architecture, shapes, parameter counts and preprocessing.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file", Required = true, HelpName = "M.json" };
        var command = new Command("inspect", "Show a model's architecture and preprocessing") { model };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(model)!;
            var trained = ModelFile.Load(path);
            var output = console.Out;
            var inv = CultureInfo.InvariantCulture;
            var network = trained.Network;
            output.WriteLine($"{path}: {trained.Kind.ToString().ToLowerInvariant()} model, {Plural.Of(network.Layers.Count, "layer")} ({network.Layers.Count - 1} hidden), {Plural.Of(network.ParameterCount, "parameter")}");
            output.WriteLine(network.ToString());
            output.WriteLine();
            var rows = new List<string[]>();
            for (int l = 1; l <= network.Layers.Count; l++)
            {
                var layer = network.Layers[l - 1];
                rows.Add([l.ToString(inv), layer.Describe(), $"{layer.W.Rows}×{layer.W.Cols}", $"{layer.B.Rows}×1", layer.ParameterCount.ToString(inv),
                    string.Create(inv, $"{layer.W.Data.Average():0.####} ± {Std(layer.W.Data):0.####}")]);
            }

            rows.Add(["", "total", "", "", network.ParameterCount.ToString(inv), ""]);
            Output.TextTable.Write(output, "Layers (W[l] is n[l] × n[l-1], b[l] is n[l] × 1):", new Output.TableData(["l", "layer", "W[l]", "b[l]", "parameters", "W mean ± std"], rows));
            output.WriteLine($"features ({network.Inputs}): {(trained.Features is { } f ? string.Join(", ", f.Take(10)) + (f.Count > 10 ? $", ... ({f.Count})" : string.Empty) : "(unnamed)")}");
            output.WriteLine($"label: {trained.Label ?? "(unnamed)"}   classes: {(trained.Classes is { } c ? string.Join(", ", c.Names.Take(20)) + (c.Count > 20 ? $", ... ({c.Count})" : string.Empty) : trained.Kind == ShallowNet.Data.OutputKind.Regression ? "(regression)" : "(unknown)")}");
            if (trained.Targets is { } targets)
            {
                output.WriteLine($"targets: {string.Join(", ", targets)}");
            }

            var p = trained.Preprocessing;
            output.WriteLine(p.IsIdentity ? "preprocessing: none (features are used as they are)" : string.Create(inv,
                $"preprocessing: x / {p.InputScale:R}{(p.Mean is null ? string.Empty : ", then (x - mean) / std per feature")}"));
            if (p.Mean is { } mean && p.Std is { } std)
            {
                for (int i = 0; i < Math.Min(mean.Count, 10); i++)
                {
                    string feature = trained.Features is { } names && i < names.Count ? names[i] : $"x{i}";
                    output.WriteLine(string.Create(inv, $"  {feature}: mean {mean[i]:G6}, std {std[i]:G6}"));
                }

                if (mean.Count > 10)
                {
                    output.WriteLine($"  ... ({mean.Count} features)");
                }
            }

            WriteColumns(output, trained);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The table's columns as the model reads them (version 2), the id and the target scaling.</summary>
    private static void WriteColumns(TextWriter output, Model.TrainedModel trained)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (trained.Columns is { } encoding)
        {
            output.WriteLine($"columns ({encoding.Columns.Count}, as the table gives them):");
            foreach (var c in encoding.Columns.Take(20))
            {
                string indicator = c.Indicator ? ", plus a missing indicator" : string.Empty;
                output.WriteLine(c.Kind == Model.ColumnKind.Numeric
                    ? string.Create(inv, $"  {c.Name}: number, missing → {(c.Fill is { } f ? f.ToString("G6", inv) + " (median)" : "refused")}{indicator}")
                    : $"  {c.Name}: {c.Categories!.Count} categories ({string.Join(", ", c.Categories.Take(6))}{(c.Categories.Count > 6 ? ", ..." : string.Empty)}), one-hot; missing → {c.FillCategory ?? "refused"}; unseen → all zeros{indicator}");
            }

            if (encoding.Columns.Count > 20)
            {
                output.WriteLine($"  ... ({encoding.Columns.Count} columns)");
            }
        }

        if (trained.IdColumn is { } id)
        {
            output.WriteLine($"id column: {id} (copied to predict's output)");
        }

        if (trained.TargetScaling is { } scaling)
        {
            output.WriteLine(string.Create(inv, $"target scaling: prediction = a · std + mean, mean {string.Join(", ", scaling.Mean.Select(v => v.ToString("G6", inv)))}, std {string.Join(", ", scaling.Std.Select(v => v.ToString("G6", inv)))}"));
        }
    }

    private static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
