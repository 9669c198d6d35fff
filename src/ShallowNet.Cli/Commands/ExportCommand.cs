using System.CommandLine;
using ShallowNet.Export;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet export --model M.json --onnx OUT.onnx</c>: the model as an ONNX graph (opset 17, float32, symbolic
/// batch) with its preprocessing, for ONNX Runtime and friends. See <see cref="OnnxExport"/> for the graph.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model file written by train", Required = true, HelpName = "M.json" };
        var onnx = new Option<string>("--onnx") { Description = "Write the ONNX model here", Required = true, HelpName = "OUT.onnx" };
        var command = new Command("export", "Export a model to ONNX (opset 17; input [batch, features] float32; outputs probabilities and label)") { model, onnx };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(onnx)!;
            OutputPaths.CheckFile("--onnx", path);
            OutputPaths.RefuseOverlaps([new("--model", parsed.GetValue(model))], [new("--onnx", path)]);
            string modelPath = parsed.GetValue(model)!;
            var trained = ModelFile.Load(modelPath);
            try
            {
                OnnxExport.Save(trained, path);                 // builds the graph before writing: a refusal leaves no file
            }
            catch (NotSupportedException e)
            {
                // What the model holds cannot be exported (a column named as an ONNX output): the user's to change, not a crash.
                throw new InvalidInputException($"{modelPath}: {e.Message}", e);
            }
            console.Out.WriteLine($"wrote {path}: {OnnxExport.Describe(trained)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
