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
            output.WriteLine(trained.Network.ToString());
            for (int l = 1; l <= trained.Network.Layers.Count; l++)
            {
                var layer = trained.Network.Layers[l - 1];
                output.WriteLine($"  W[{l}] {layer.W.Rows}×{layer.W.Cols}   b[{l}] {layer.B.Rows}×1   g[{l}] {layer.Activation}");
            }

            output.WriteLine($"features: {(trained.Features is { } f ? string.Join(", ", f.Take(10)) + (f.Count > 10 ? $", ... ({f.Count})" : string.Empty) : "(unnamed)")}");
            output.WriteLine($"label: {trained.Label ?? "(unnamed)"}   classes: {(trained.Classes is { } c ? string.Join(", ", c.Names) : "(unknown)")}");
            var p = trained.Preprocessing;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"preprocessing: divide by {p.InputScale:R}{(p.Mean is null ? string.Empty : ", then standardise with the training mean and std")}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
