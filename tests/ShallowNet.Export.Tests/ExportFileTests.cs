using ShallowNet.Activations;
using ShallowNet.Cli;
using ShallowNet.Data;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.Export.Tests;

/// <summary>The file side of export: atomic writes, errors as one line, and <c>shallownet export</c>.</summary>
public sealed class ExportFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_writes_the_file_and_leaves_no_temporary()
    {
        var model = OnnxExportTests.Model(new NumpyRandom(2), [2, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true);
        string path = Path.Combine(_folder, "model.onnx");
        OnnxExport.Save(model, path);
        Assert.Equal(OnnxExport.ToBytes(model), File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_to_a_missing_folder_or_a_directory_is_invalid_input()
    {
        var model = OnnxExportTests.Model(new NumpyRandom(2), [2, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true);
        var missing = Assert.Throws<InvalidInputException>(() => OnnxExport.Save(model, Path.Combine(_folder, "no", "such", "m.onnx")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        var directory = Assert.Throws<InvalidInputException>(() => OnnxExport.Save(model, _folder));
        Assert.Contains("is a directory", directory.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing.Message + directory.Message);
    }

    [Fact]
    public void Cli_export_writes_a_model_that_onnx_runtime_runs()
    {
        var data = SyntheticData.Planar(m: 40, seed: 1);
        var model = OnnxExportTests.Model(new NumpyRandom(4), [2, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true);
        string json = Path.Combine(_folder, "m.json"), onnx = Path.Combine(_folder, "m.onnx");
        ModelFile.Save(model, json);

        var (code, stdout, stderr) = Run("export", "--model", json, "--onnx", onnx);

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout, StringComparison.Ordinal);
        Assert.Contains("input float32 [batch, 2]", stdout, StringComparison.Ordinal);
        using var runner = new OnnxRunner(File.ReadAllBytes(onnx));
        var p = runner.Run(data.X).Floats[OnnxExport.ProbabilitiesName].Values;
        var expected = model.Network.PredictProbabilities(model.Prepare(data.X));
        Assert.All(Enumerable.Range(0, 40), j => Assert.Equal(expected[0, j], p[j], 1e-5));
    }

    [Fact]
    public void Cli_export_to_an_unwritable_path_exits_two_with_one_line()
    {
        var model = OnnxExportTests.Model(new NumpyRandom(4), [2, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true);
        string json = Path.Combine(_folder, "m.json");
        ModelFile.Save(model, json);

        var (code, stdout, stderr) = Run("export", "--model", json, "--onnx", Path.Combine(_folder, "missing", "m.onnx"));

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("shallownet: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Cli_export_missing_model_exits_two()
    {
        var (code, _, stderr) = Run("export", "--model", Path.Combine(_folder, "nope.json"), "--onnx", Path.Combine(_folder, "m.onnx"));
        Assert.Equal(2, code);
        Assert.Contains("model file not found", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "m.onnx")));
    }

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
