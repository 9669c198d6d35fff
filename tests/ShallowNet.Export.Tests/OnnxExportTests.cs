using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Export.Tests;

/// <summary>
/// Exported graphs run in ONNX Runtime (float32) must give our own float64 predictions to 1e-5 on the same inputs,
/// with the preprocessing inside the graph, for any batch size.
/// </summary>
public sealed class OnnxExportTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> HiddenActivations => ["sigmoid", "tanh", "relu", "leaky_relu", "identity"];

    [Theory]
    [MemberData(nameof(HiddenActivations))]
    public void Sigmoid_classifier_matches_our_predictions_with_preprocessing_at_two_batch_sizes(string hidden)
    {
        var random = new NumpyRandom(7);
        var model = Model(random, [3, 6, 4, 1], [Hidden(hidden), Hidden(hidden), Sigmoid.Instance], numberClasses: true);
        using var onnx = new OnnxRunner(OnnxExport.ToBytes(model));

        foreach (int m in new[] { 1, 37 })
        {
            var x = RawInputs(random, 3, m);
            var expected = model.Network.PredictProbabilities(model.Prepare(x));     // (1, m), float64
            var outputs = onnx.Run(x);

            var (shape, p) = outputs.Floats[OnnxExport.ProbabilitiesName];
            Assert.Equal([m, 1], shape);
            AssertClose(expected, p, $"{hidden}, m = {m}");

            var (labelShape, labels) = outputs.Int64s[OnnxExport.LabelName];
            Assert.Equal([m], labelShape);
            var classes = outputs.Strings[OnnxExport.ClassName].Values;
            for (int j = 0; j < m; j++)
            {
                if (Math.Abs(expected[0, j] - 0.5) > Tolerance)
                {
                    int c = expected[0, j] > 0.5 ? 1 : 0;
                    Assert.Equal(c, labels[j]);
                    Assert.Equal(model.ClassName(c), classes[j]);
                }
            }
        }
    }

    [Fact]
    public void Leaky_relu_keeps_its_slope()
    {
        var random = new NumpyRandom(3);
        var model = Model(random, [2, 5, 1], [new LeakyRelu(0.3), Sigmoid.Instance], numberClasses: false);
        var x = RawInputs(random, 2, 50);
        using var onnx = new OnnxRunner(OnnxExport.ToBytes(model));
        AssertClose(model.Network.PredictProbabilities(model.Prepare(x)), onnx.Run(x).Floats[OnnxExport.ProbabilitiesName].Values, "leaky_relu(0.3)");

        var node = Parse(model).Graph.Node.Single(n => n.OpType == "LeakyRelu");
        Assert.Equal(0.3f, node.Attribute.Single(a => a.Name == "alpha").F);
    }

    [Fact]
    public void Softmax_classifier_arg_max_label_and_class_names()
    {
        var random = new NumpyRandom(11);
        var model = Model(random, [4, 8, 3], [Tanh.Instance, Activation.FromName("softmax")], numberClasses: false);
        using var onnx = new OnnxRunner(OnnxExport.ToBytes(model));
        foreach (int m in new[] { 2, 25 })
        {
            var x = RawInputs(random, 4, m);
            var expected = model.Network.PredictProbabilities(model.Prepare(x));     // (3, m)
            var outputs = onnx.Run(x);
            var (shape, p) = outputs.Floats[OnnxExport.ProbabilitiesName];
            Assert.Equal([m, 3], shape);
            AssertClose(expected, p, $"softmax, m = {m}");
            var labels = outputs.Int64s[OnnxExport.LabelName].Values;
            var classes = outputs.Strings[OnnxExport.ClassName].Values;
            for (int j = 0; j < m; j++)
            {
                int best = 0;
                for (int i = 1; i < 3; i++)
                {
                    best = expected[i, j] > expected[best, j] ? i : best;
                }

                Assert.Equal(best, labels[j]);
                Assert.Equal(model.Classes!.Names[best], classes[j]);
            }
        }
    }

    [Fact]
    public void Identity_output_is_a_regression_prediction()
    {
        var random = new NumpyRandom(5);
        var model = Model(random, [3, 4, 2], [Relu.Instance, Identity.Instance], numberClasses: false) with { Classes = null };
        using var onnx = new OnnxRunner(OnnxExport.ToBytes(model));
        var x = RawInputs(random, 3, 9);
        var outputs = onnx.Run(x);
        Assert.Equal([OnnxExport.PredictionName], onnx.Session.OutputNames);
        var (shape, values) = outputs.Floats[OnnxExport.PredictionName];
        Assert.Equal([9, 2], shape);
        AssertClose(model.Network.PredictProbabilities(model.Prepare(x)), values, "identity output");
    }

    [Fact]
    public void Graph_has_symbolic_batch_opset17_gemm_trans_b_and_metadata()
    {
        var model = Model(new NumpyRandom(1), [2, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true);
        using var onnx = new OnnxRunner(OnnxExport.ToBytes(model));
        var input = onnx.Session.InputMetadata[OnnxExport.InputName];
        Assert.Equal([-1, 2], input.Dimensions);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        Assert.Equal(["probabilities", "label", "class"], onnx.Session.OutputNames);
        Assert.Equal("[\"f0\",\"f1\"]", onnx.Session.ModelMetadata.CustomMetadataMap["features"]);
        Assert.Equal("[\"0\",\"1\"]", onnx.Session.ModelMetadata.CustomMetadataMap["classes"]);

        var proto = Parse(model);
        Assert.Equal(17, proto.OpsetImport.Single().Version);
        var gemms = proto.Graph.Node.Where(n => n.OpType == "Gemm").ToList();
        Assert.Equal(2, gemms.Count);
        Assert.All(gemms, g => Assert.Equal(1, g.Attribute.Single(a => a.Name == "transB").I));
        var w1 = proto.Graph.Initializer.Single(t => t.Name == "W1");
        Assert.Equal([4L, 2L], w1.Dims);                                       // (n[1], n[0]): the lesson's layout, not transposed
        Assert.Equal((float)model.Network.Layers[0].W[1, 0], w1.FloatData[2]);
        Assert.Equal(["Div", "Sub", "Div"], proto.Graph.Node.Take(3).Select(n => n.OpType));
    }

    [Fact]
    public void No_preprocessing_adds_no_nodes()
    {
        var model = Model(new NumpyRandom(1), [2, 3, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: false) with { Preprocessing = Preprocessing.None, Classes = null };
        var proto = Parse(model);
        Assert.Equal("Gemm", proto.Graph.Node[0].OpType);
        Assert.Equal(OnnxExport.InputName, proto.Graph.Node[0].Input[0]);
        Assert.DoesNotContain(proto.Graph.Output, o => o.Name == OnnxExport.ClassName);   // classes unknown: index only
    }

    internal static TrainedModel Model(NumpyRandom random, int[] sizes, Activation[] activations, bool numberClasses)
    {
        var layers = new List<DenseLayer<double>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var w = Matrix(random, sizes[l], sizes[l - 1], 1.5 / Math.Sqrt(sizes[l - 1]));
            layers.Add(new DenseLayer<double>(w, Matrix(random, sizes[l], 1, 0.5), activations[l - 1]));
        }

        int inputs = sizes[0], outputs = sizes[^1];
        var mean = Enumerable.Range(0, inputs).Select(i => (i * 0.7) - 1).ToArray();
        var std = Enumerable.Range(0, inputs).Select(i => 0.5 + i).ToArray();
        var names = numberClasses ? Enumerable.Range(0, Math.Max(outputs, 2)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()
                                  : Enumerable.Range(0, Math.Max(outputs, 2)).Select(i => $"class {(char)('a' + i)}").ToList();
        return new TrainedModel(
            new Network<double>(layers),
            [.. Enumerable.Range(0, inputs).Select(i => $"f{i}")],
            "y",
            new ClassLabels(names, numberClasses),
            new Preprocessing(10, mean, std));
    }

    // Raw features around the preprocessing's scale, rounded to float32 so that both sides see the same inputs.
    internal static Matrix<double> RawInputs(NumpyRandom random, int rows, int m)
    {
        var x = Matrix(random, rows, m, 20);
        for (int k = 0; k < x.Length; k++)
        {
            x.Data[k] = (float)(x.Data[k] + 5);
        }

        return x;
    }

    private static Matrix<double> Matrix(NumpyRandom random, int rows, int cols, double scale) =>
        new(rows, cols, [.. random.Randn(rows, cols).Select(v => v * scale)]);

    private static Onnx.ModelProto Parse(TrainedModel model) => Onnx.ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model));

    private static Activation Hidden(string name) => Activation.FromName(name, name == "leaky_relu" ? 0.05 : null);

    // expected is (n[L], m) in float64; actual is ONNX's [m, n[L]] row-major float32.
    private static void AssertClose(Matrix<double> expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int j = 0; j < expected.Cols; j++)
        {
            for (int i = 0; i < expected.Rows; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i, j] - actual[(j * expected.Rows) + i]));
            }
        }

        Assert.True(worst <= Tolerance, $"{what}: max |ONNX − ShallowNet| = {worst:E2} > {Tolerance:E0}");
    }
}
