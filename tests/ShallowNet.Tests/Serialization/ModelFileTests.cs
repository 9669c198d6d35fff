using System.Text;
using System.Text.Json.Nodes;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.Tests.Serialization;

public sealed class ModelFileTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TestData.NewTempFolder();

    public void Dispose() => TestData.DeleteFolder(_folder);

    [Fact]
    public void Save_load_round_trip_is_bit_identical()
    {
        var random = new NumpyRandom(21);
        var network = new Network<double>(
        [
            new DenseLayer<double>(TestData.RandomMatrix(random, 5, 3), TestData.RandomMatrix(random, 5, 1), new LeakyRelu(0.2)),
            new DenseLayer<double>(TestData.RandomMatrix(random, 4, 5, 1e-3), TestData.RandomMatrix(random, 4, 1), Relu.Instance),
            new DenseLayer<double>(TestData.RandomMatrix(random, 1, 4, 1e5), TestData.RandomMatrix(random, 1, 1), Sigmoid.Instance),
        ]);
        // Numbers that print badly: 0.1, 1/3, a subnormal, the extremes, and -0.
        double[] awkward = [0.1, 1.0 / 3, 5e-324, double.MaxValue, -double.Epsilon, -0.0, 2.2250738585072014E-308, 123456789.123456789];
        awkward.CopyTo(network.Layers[0].W.Data, 0);
        var model = new TrainedModel(
            network,
            ["sepal length", "width \"cm\"", "ü"],
            "species",
            ClassLabels.FromLabels(["setosa", "virginica"]),
            new Preprocessing(255, [0.5, 1.0 / 3, -2.5e-7], [1.25, 0.1, 3e10]));
        string path = Path.Combine(_folder, "model.json");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(network.Sizes, loaded.Network.Sizes);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            NumericAssert.BitExact(network.Layers[l].W, loaded.Network.Layers[l].W, $"W[{l + 1}]");
            NumericAssert.BitExact(network.Layers[l].B, loaded.Network.Layers[l].B, $"b[{l + 1}]");
            Assert.Equal(network.Layers[l].Activation.Name, loaded.Network.Layers[l].Activation.Name);
        }

        Assert.Equal(0.2, Assert.IsType<LeakyRelu>(loaded.Network.Layers[0].Activation).Slope);
        Assert.Equal(model.Features, loaded.Features);
        Assert.Equal("species", loaded.Label);
        Assert.Equal(["setosa", "virginica"], loaded.Classes!.Names);
        Assert.False(loaded.Classes.Numeric);
        Assert.Equal(255, loaded.Preprocessing.InputScale);
        Assert.Equal(model.Preprocessing.Mean, loaded.Preprocessing.Mean);
        Assert.Equal(model.Preprocessing.Std, loaded.Preprocessing.Std);
        Assert.Equal(["model.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));   // no temporary left behind
    }

    [Fact]
    public void Save_load_numeric_classes_stay_numeric()
    {
        var model = ModelFile.Load(TestData.FixturePath("planar_init.json")) with { Classes = ClassLabels.FromLabels(["0", "1.0"]) };
        string path = Path.Combine(_folder, "numeric.json");
        ModelFile.Save(model, path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("[0,1]", json["classes"]!.ToJsonString());
        var loaded = ModelFile.Load(path);
        Assert.True(loaded.Classes!.Numeric);
        Assert.Equal(["0", "1"], loaded.Classes.Names);
        Assert.Null(loaded.Preprocessing.Mean);
        Assert.True(loaded.Preprocessing.IsIdentity);
    }

    [Fact]
    public void Save_overwrites_an_existing_file()
    {
        string path = Path.Combine(_folder, "model.json");
        File.WriteAllText(path, "old");
        ModelFile.Save(ModelFile.Load(TestData.FixturePath("planar_init.json")), path);
        Assert.Equal(2, ModelFile.Load(path).Network.Layers.Count);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Load_planar_init_from_NumPy()
    {
        // planar_init.json was written by another tool: no classes, no preprocessing, b as plain lists.
        var model = ModelFile.Load(TestData.FixturePath("planar_init.json"));
        var init = TestData.CourseCase("initialize");
        Assert.Equal([2, 4, 1], model.Network.Sizes);
        Assert.Equal(["tanh", "sigmoid"], model.Network.Layers.Select(l => l.Activation.Name));
        NumericAssert.BitExact(TestData.Mat(init, "W1"), model.Network.Layers[0].W, "W1");
        NumericAssert.BitExact(TestData.Mat(init, "W2"), model.Network.Layers[1].W, "W2");
        Assert.Equal(["x0", "x1"], model.Features);
        Assert.Equal("y", model.Label);
        Assert.Null(model.Classes);
        Assert.True(model.Preprocessing.IsIdentity);
    }

    [Fact]
    public void Load_accepts_a_file_saved_with_a_utf8_byte_order_mark()
    {
        // Notepad and PowerShell's Set-Content write one; before, "not valid JSON (line 1, byte 1)".
        string path = Path.Combine(_folder, "bom.json");
        File.WriteAllText(path, Base().ToJsonString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(path)[..3]);
        var model = ModelFile.Load(path);
        Assert.Equal([2, 4, 1], model.Network.Sizes);
        NumericAssert.BitExact(ModelFile.Load(TestData.FixturePath("planar_init.json")).Network.Layers[0].W, model.Network.Layers[0].W, "W1");
    }

    [Fact]
    public void Load_accepts_bias_as_column()
    {
        // NumPy writes b (n, 1) as a list of one-element lists.
        var json = Base();
        json["layers"]![1]!["b"] = JsonNode.Parse("[[0.5]]");
        var model = ModelFile.Load(WriteJson("column.json", json.ToJsonString()));
        Assert.Equal([0.5], model.Network.Layers[1].B.Data);
    }

    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        // name, JSON text (or a mutation of planar_init.json, see Mutate), what the message must contain
        { "not-json", "hello, I am not JSON", "not valid JSON" },
        { "truncated", "TRUNCATED", "not valid JSON" },
        { "array", "[1, 2]", "$" },
        { "format", "format=\"onnx-model\"", "format" },
        { "version-3", "version=3", "version" },
        { "columns-width", "columns=[{\"name\": \"x0\", \"kind\": \"numeric\"}]", "columns" },
        { "columns-kind", "columns=[{\"name\": \"x0\", \"kind\": \"date\"}, {\"name\": \"x1\", \"kind\": \"numeric\"}]", "columns[0].kind" },
        { "columns-fill", "columns=[{\"name\": \"x0\", \"kind\": \"categorical\", \"categories\": [\"a\"], \"fill\": \"b\"}, {\"name\": \"x1\", \"kind\": \"numeric\"}]", "columns[0].fill" },
        { "columns-order", "columns=[{\"name\": \"x1\", \"kind\": \"numeric\"}, {\"name\": \"x0\", \"kind\": \"numeric\"}]", "features[0]" },
        { "columns-twice", "columns=[{\"name\": \"x0\", \"kind\": \"numeric\"}, {\"name\": \"x0\", \"kind\": \"numeric\"}]", "columns" },
        { "target-scaling-sigmoid", "target_scaling={\"mean\": [0], \"std\": [1]}", "target_scaling" },
        { "version-text", "version=\"1\"", "version" },
        { "no-format", "format=REMOVE", "\"format\"" },
        { "no-layers", "layers=REMOVE", "\"layers\"" },
        { "empty-layers", "layers=[]", "layers" },
        { "ragged", "layers.0.W=[[1, 2], [3]]", "layers[0].W[1]" },
        { "w-not-number", "layers.0.W=[[1, 2], [3, \"x\"], [5, 6], [7, 8]]", "layers[0].W[1][1]" },
        { "b-length", "layers.0.b=[0, 0, 0]", "layers[0].b" },
        { "activation", "layers.0.activation=\"swish\"", "layers[0].activation" },
        { "no-activation", "layers.1.activation=REMOVE", "layers[1]" },
        { "not-chaining", "layers.1.W=[[1, 2, 3]]", "layers[1].W" },
        { "units", "layers.0.units=5", "layers[0].units" },
        { "units-text", "layers.0.units=\"4\"", "layers[0].units" },
        { "inputs", "inputs=3", "inputs" },
        { "inputs-text", "inputs=\"2\"", "inputs" },
        { "missing-without-columns", "missing=[\"-999\"]", "missing" },
        { "features", "features=[\"x0\"]", "features" },
        { "std-zero", "preprocessing={\"input_scale\": 1, \"mean\": [0, 0], \"std\": [1, 0]}", "preprocessing.std" },
        { "mean-without-std", "preprocessing={\"input_scale\": 1, \"mean\": [0.5, 0.5]}", "preprocessing.mean" },
        { "std-without-mean", "preprocessing={\"input_scale\": 1, \"std\": [2, 2]}", "preprocessing.std" },
        { "id-a-feature", "id=\"x0\"", "id" },
        { "classes-one", "classes=[1]", "classes" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Load_broken_file_names_file_and_json_path(string name, string content, string where)
    {
        string text = content switch
        {
            "TRUNCATED" => File.ReadAllText(TestData.FixturePath("planar_init.json"))[..300],
            _ when content.Contains('=', StringComparison.Ordinal) && !content.StartsWith('[') && !content.StartsWith("hello", StringComparison.Ordinal) => Mutate(content).ToJsonString(),
            _ => content,
        };
        // A neutral file name, so that finding the JSON path in the message cannot be a match on the file name.
        string path = WriteJson("broken.json", text);

        var e = Assert.Throws<InvalidInputException>(() => ModelFile.Load(path));
        output.WriteLine(e.Message);
        Assert.True(e.Message.StartsWith(path + ": ", StringComparison.Ordinal), $"{name}: the message does not start with the file name: {e.Message}");
        Assert.True(e.Message.Contains(where, StringComparison.Ordinal), $"{name}: the message does not name '{where}': {e.Message}");
        Assert.DoesNotContain('\n', e.Message);   // one line, printed as is by the tool
    }

    [Fact]
    public void Load_missing_file()
    {
        string path = Path.Combine(_folder, "absent.json");
        var e = Assert.Throws<InvalidInputException>(() => ModelFile.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_into_missing_folder_throws_and_leaves_no_file()
    {
        string folder = Path.Combine(_folder, "missing");
        string path = Path.Combine(folder, "model.json");
        var model = ModelFile.Load(TestData.FixturePath("planar_init.json"));
        var e = Assert.Throws<InvalidInputException>(() => ModelFile.Save(model, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    private static JsonNode Base() => JsonNode.Parse(File.ReadAllText(TestData.FixturePath("planar_init.json")))!;

    // "a.0.b=VALUE" sets json.a[0].b to VALUE (JSON); "=REMOVE" deletes it.
    private static JsonNode Mutate(string change)
    {
        var json = Base();
        int eq = change.IndexOf('=', StringComparison.Ordinal);
        string[] path = change[..eq].Split('.');
        string value = change[(eq + 1)..];
        JsonNode parent = json;
        foreach (string step in path[..^1])
        {
            parent = int.TryParse(step, out int i) ? parent[i]! : parent[step]!;
        }

        if (value == "REMOVE")
        {
            parent.AsObject().Remove(path[^1]);
        }
        else
        {
            parent[path[^1]] = JsonNode.Parse(value);
        }

        return json;
    }

    private string WriteJson(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
