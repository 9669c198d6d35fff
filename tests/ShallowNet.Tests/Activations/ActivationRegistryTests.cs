using System.Text.RegularExpressions;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.Tests.Activations;

/// <summary>
/// The one table of activation names (ActivationRegistry behind <see cref="Activation.FromName"/>): every name comes
/// back from FromName and from a model file as itself, the set is the documented one, and every elementwise activation
/// brings its vector kernel and its ONNX operator, so that nothing elsewhere has to name it.
/// </summary>
public class ActivationRegistryTests
{
    /// <summary>The activation names of DESIGN.md's model-file contract, in its order.</summary>
    private static readonly string[] Documented = ["sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax"];

    public static TheoryData<string> Names() => [.. Activation.Names];

    [Fact]
    public void The_registered_names_are_the_documented_ones()
    {
        Assert.Equal(Documented, Activation.Names);
        Assert.Equal(Documented.Where(n => n != "softmax"), Activation.HiddenNames);
    }

    [Fact]
    public void The_README_lists_the_hidden_names_and_only_registered_output_names()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        const string Before = "`--activation relu` or `relu,relu,tanh` (";
        string hidden = readme[(readme.IndexOf(Before, StringComparison.Ordinal) + Before.Length)..];
        hidden = hidden[..hidden.IndexOf(')', StringComparison.Ordinal)];
        Assert.Equal(Activation.HiddenNames, hidden.Split(", "));

        string output = readme[(readme.IndexOf("`--output ", StringComparison.Ordinal) + 10)..];
        output = output[..output.IndexOf('`', StringComparison.Ordinal)];
        Assert.All(output.Split("\\|"), name => Assert.Contains(name, Activation.Names));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_name_round_trips_through_FromName(string name)
    {
        var g = Activation.FromName(name);
        Assert.Equal(name, g.Name);
        Assert.Equal(g.GetType(), Activation.FromName(name.ToUpperInvariant()).GetType());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_name_round_trips_through_the_model_file(string name)
    {
        var random = new NumpyRandom(4);
        var g = Activation.FromName(name, name == "leaky_relu" ? 0.25 : null);
        DenseLayer<double>[] layers = name == "softmax"
            ? [Layer(random, 3, 2, Tanh.Instance), Layer(random, 3, 3, g)]
            : [Layer(random, 3, 2, g), Layer(random, 1, 3, Sigmoid.Instance)];
        var model = new TrainedModel(new Network<double>(layers), null, null, null, Preprocessing.None);
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        var loaded = ModelFile.Read(stream.ToArray(), "memory");

        Assert.Equal(layers.Select(l => l.Activation.Name), loaded.Network.Layers.Select(l => l.Activation.Name));
        Assert.Equal(layers.Select(l => l.Activation.ToString()), loaded.Network.Layers.Select(l => l.Activation.ToString()));   // the slope too
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_activation_brings_its_ONNX_operator_and_elementwise_ones_their_kernel(string name)
    {
        var g = Activation.FromName(name);
        Assert.NotNull(g.Onnx);
        Assert.Equal(Activation.HiddenNames.Contains(name), g.Kernel<double>() is not null);
        Assert.Equal(Activation.HiddenNames.Contains(name), g.Kernel<float>() is not null);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_list_of_names()
    {
        var e = Assert.Throws<ArgumentException>(() => Activation.FromName("swish"));
        Assert.Contains(string.Join(", ", Documented), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Activations/Activation.cs")]
    [InlineData("Kernels/Elementwise.cs")]
    [InlineData("Kernels/ActivationKernel.cs")]
    [InlineData("Kernels/Fused/TinyNetworkEpoch.cs")]
    [InlineData("Model/DenseLayer.cs")]
    [InlineData("Export/OnnxExport.cs")]
    [InlineData("Serialization/ModelFile.cs")]
    public void The_base_class_the_kernels_the_layer_and_the_files_never_name_an_activation_type(string file)
    {
        // the code without its comments and strings: a doc may say "SigmoidOp beside Sigmoid", ONNX has an "Identity"
        // operator; the code may not test or switch on an activation's type
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "ShallowNet", file));
        string code = Regex.Replace(
            string.Join('\n', lines.Select(l => l.Contains("//", StringComparison.Ordinal) ? l[..l.IndexOf("//", StringComparison.Ordinal)] : l)),
            "\"[^\"\n]*\"",
            "\"\"");
        var activationTypes = typeof(Activation).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Activation)) || t.GetInterfaces().Any(i => i.Name == "IActivationOp"))
            .Select(t => t.Name)
            .ToList();
        Assert.Contains("Sigmoid", activationTypes);
        Assert.Contains("SigmoidOp", activationTypes);
        Assert.All(activationTypes, name => Assert.DoesNotMatch($@"\b{name}\b", code));
    }

    private static DenseLayer<double> Layer(NumpyRandom random, int units, int inputs, Activation g) =>
        new(TestData.RandomMatrix(random, units, inputs), new Matrix<double>(units, 1), g);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShallowNet.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no ShallowNet.slnx above " + AppContext.BaseDirectory);
    }
}
