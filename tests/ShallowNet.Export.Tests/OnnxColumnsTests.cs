using Microsoft.ML.OnnxRuntime.Tensors;
using ShallowNet.Activations;
using ShallowNet.Cli;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;
using Xunit.Abstractions;

namespace ShallowNet.Export.Tests;

/// <summary>
/// The whole model in ONNX: models trained by the tool on tables with text, missing cells and unseen categories, fed
/// the raw columns (strings for text, NaN for a missing number), must give predict's values to 1e-5, the target
/// scaling included.
/// </summary>
public sealed class OnnxColumnsTests : IDisposable
{
    private const double Tolerance = 1e-5;

    private static readonly string[] TrainOptions =
        ["--hidden", "6", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "60", "--batch-size", "32", "--standardize", "--quiet"];

    private readonly string _folder = Directory.CreateTempSubdirectory("shallownet-onnxcols-").FullName;
    private readonly ITestOutputHelper _output;

    public OnnxColumnsTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Classifier_with_text_missing_cells_indicators_and_an_unseen_category_matches_predict()
    {
        var model = Train(new MixedTable(200, 1, holes: true, unseen: false), "y", ["t"], "--missing-indicators");
        Assert.Equal(["x", "x (missing)", "color=blue", "color=green", "color=red", "color (missing)", "size", "owner=no", "owner=yes"], model.Columns!.FeatureNames);

        string onnx = Path.Combine(_folder, "m.onnx");
        var (code, stdout, stderr) = Run("export", "--model", Path.Combine(_folder, "m.json"), "--onnx", onnx);
        Assert.True(code == 0, stderr);
        Assert.Contains("x float32 [batch, 1], color string [batch, 1], size float32 [batch, 1], owner string [batch, 1] -> probabilities", stdout, StringComparison.Ordinal);

        using var runner = new OnnxRunner(File.ReadAllBytes(onnx));     // loading it is ONNX Runtime's validation of the graph
        Assert.Equal(["x", "color", "size", "owner"], runner.Session.InputNames);
        Assert.Equal(TensorElementType.String, runner.Session.InputMetadata["color"].ElementDataType);
        Assert.Equal(TensorElementType.Float, runner.Session.InputMetadata["x"].ElementDataType);
        Assert.Equal([-1, 1], runner.Session.InputMetadata["color"].Dimensions);

        var rows = new MixedTable(60, 2, holes: true, unseen: true);
        var (expected, encoded) = Predict(model, rows);
        Assert.True(encoded.Imputed > 0 && encoded.Unseen.ContainsKey("color"), "the rows exercise imputation and an unseen category");
        var outputs = runner.RunColumns(Feed(model, rows));
        AssertClose(expected, outputs.Floats[OnnxExport.ProbabilitiesName].Values, "mixed classifier");
        AssertClose(CliPredict(rows, "probability"), outputs.Floats[OnnxExport.ProbabilitiesName].Values, "mixed classifier, predict --proba");

        var classes = outputs.Strings[OnnxExport.ClassName].Values;
        for (int j = 0; j < rows.Rows; j++)
        {
            if (Math.Abs(expected[0, j] - 0.5) > Tolerance)
            {
                Assert.Equal(model.ClassName(expected[0, j] > 0.5 ? 1 : 0), classes[j]);
            }
        }
    }

    [Fact]
    public void Regression_with_text_columns_is_in_the_targets_units()
    {
        var model = Train(new MixedTable(200, 3, holes: true, unseen: false), "t", ["y"], "--missing-indicators");
        Assert.NotNull(model.TargetScaling);
        using var runner = new OnnxRunner(OnnxExport.ToBytes(model));
        var rows = new MixedTable(60, 4, holes: true, unseen: true);
        var (expected, _) = Predict(model, rows);
        var (shape, values) = runner.RunColumns(Feed(model, rows)).Floats[OnnxExport.PredictionName];
        Assert.Equal([60, 1], shape);
        Assert.True(expected.Data.Average() > 2, "the predictions are in the target's units, not standard ones");
        AssertClose(expected, values, "mixed regression");
        AssertClose(CliPredict(rows, "prediction"), values, "mixed regression, predict");
    }

    [Fact]
    public void Numbers_with_fills_keep_the_single_input_and_impute_nan_in_the_graph()
    {
        var model = Train(new MixedTable(200, 5, holes: true, unseen: false), "t", ["y", "color", "owner"]);
        Assert.All(model.Columns!.Columns, c => Assert.NotNull(c.Fill));
        using var runner = new OnnxRunner(OnnxExport.ToBytes(model));
        Assert.Equal([OnnxExport.InputName], runner.Session.InputNames);

        var rows = new MixedTable(40, 6, holes: true, unseen: false);
        var (expected, encoded) = Predict(model, rows);
        Assert.True(encoded.Imputed > 0);
        var x = new Matrix<double>(2, rows.Rows);
        foreach (var (column, i) in new[] { ("x", 0), ("size", 1) })
        {
            var cells = rows.Numbers(column);
            for (int j = 0; j < rows.Rows; j++)
            {
                x[i, j] = cells[j];                                         // NaN where missing
            }
        }

        AssertClose(expected, runner.Run(x).Floats[OnnxExport.PredictionName].Values, "numbers with NaN");
    }

    [Fact]
    public void Columns_named_like_the_graphs_values_are_kept_and_an_output_name_is_refused()
    {
        var columns = new ColumnEncoding([
            new InputColumn("mean", ColumnKind.Numeric) { Fill = 1.5, Indicator = true },
            new InputColumn("W1", ColumnKind.Categorical) { Categories = ["a", "b"], FillCategory = "b", Indicator = true },
        ]);
        var model = OnnxExportTests.Model(new NumpyRandom(8), [5, 4, 1], [Tanh.Instance, Sigmoid.Instance], numberClasses: true) with { Columns = columns };
        using var runner = new OnnxRunner(OnnxExport.ToBytes(model));
        Assert.Equal(["mean", "W1"], runner.Session.InputNames);

        var table = CsvTable.Read(new StringReader("mean,W1\n1,a\n,\n3,zzz\nNA,b\n"), "names.csv");
        var expected = model.Predict(columns.Encode(table).X);
        var outputs = runner.RunColumns(new Dictionary<string, object> { ["mean"] = new[] { 1f, float.NaN, 3f, float.NaN }, ["W1"] = new[] { "a", string.Empty, "zzz", "b" } });
        AssertClose(expected, outputs.Floats[OnnxExport.ProbabilitiesName].Values, "names");

        var clash = model with { Columns = new ColumnEncoding([.. columns.Columns.Take(1), columns.Columns[1] with { Name = "label" }]) };
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(clash));
        Assert.Contains("column 'label'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_missing_by_the_training_na_words_takes_the_fill_in_the_graph_as_in_predict()
    {
        // --na "missing": the word is recorded in the model; ONNX maps it to the fill category, as predict does
        string data = Path.Combine(_folder, "words.csv"), json = Path.Combine(_folder, "m.json");
        string[] colors = ["red", "green", "blue", "red"];
        File.WriteAllLines(data, ["color,x,y", .. Enumerable.Range(0, 120).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(i % 9 == 4 ? "missing" : colors[i % 4])},{(i % 10) / 10.0:R},{(colors[i % 4] == "red" ^ i % 10 > 6 ? "b" : "a")}"))]);
        var (code, _, stderr) = Run(["train", "--data", data, "--model", json, "--na", "missing", .. TrainOptions]);
        Assert.True(code == 0, stderr);
        var model = ModelFile.Load(json);
        Assert.Equal("red", model.Columns!.Columns[0].FillCategory);

        string onnx = Path.Combine(_folder, "m.onnx");
        Assert.Equal(0, Run("export", "--model", json, "--onnx", onnx).Code);
        using var runner = new OnnxRunner(File.ReadAllBytes(onnx));
        var feed = new Dictionary<string, object> { ["color"] = new[] { "missing", "red", "NA" }, ["x"] = new[] { 0.25f, 0.25f, 0.25f } };
        var p = runner.RunColumns(feed).Floats[OnnxExport.ProbabilitiesName].Values;
        _output.WriteLine($"P(b): missing {p[0]}, red {p[1]}, NA {p[2]}");
        Assert.Equal(p[1], p[0]);                 // the training word: the fill, red
        Assert.NotEqual(p[1], p[2]);              // NA is a default word, not this model's: an unseen category (all zeros)
    }

    // Trains through the command line on the table without the columns left out; returns the model it wrote.
    private TrainedModel Train(MixedTable table, string label, string[] without, params string[] options)
    {
        string data = Path.Combine(_folder, "train.csv"), json = Path.Combine(_folder, "m.json");
        File.WriteAllText(data, table.Csv(without));
        var (code, _, stderr) = Run(["train", "--data", data, "--label", label, "--model", json, .. TrainOptions, .. options]);
        Assert.True(code == 0, stderr);
        return ModelFile.Load(json);
    }

    // `shallownet predict` (--proba for a probability column) on the rows with the model Train wrote: the named output column, as (1, m).
    private Matrix<double> CliPredict(MixedTable rows, string column)
    {
        string data = Path.Combine(_folder, "rows.csv"), output = Path.Combine(_folder, "rows.pred.csv");
        File.WriteAllText(data, rows.Csv());
        // --proba only for a probability: a regression model refuses it
        string[] proba = column == "prediction" ? [] : ["--proba"];
        var (code, _, stderr) = Run(["predict", "--model", Path.Combine(_folder, "m.json"), "--data", data, "--out", output, .. proba]);
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        int c = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(c >= 0, lines[0]);
        return new Matrix<double>(1, rows.Rows, [.. lines.Skip(1).Select(l => double.Parse(l.Split(',')[c], System.Globalization.CultureInfo.InvariantCulture))]);
    }

    // What predict computes: the table encoded by the model's columns, then preprocessing, network, target scaling.
    private static (Matrix<double> Expected, EncodedTable Encoded) Predict(TrainedModel model, MixedTable rows)
    {
        var encoded = model.Columns!.Encode(rows.Table());
        return (model.Predict(encoded.X), encoded);
    }

    // The raw columns, as an ONNX user feeds them: numbers as float32 (NaN = missing), text as written.
    private static Dictionary<string, object> Feed(TrainedModel model, MixedTable rows) =>
        model.Columns!.Columns.ToDictionary(c => c.Name, c => c.Kind == ColumnKind.Numeric ? (object)rows.Numbers(c.Name) : rows.Texts(c.Name));

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // expected is (n[L], m) in float64; actual is ONNX's [m, n[L]] row-major float32.
    private void AssertClose(Matrix<double> expected, float[] actual, string what)
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

        _output.WriteLine($"{what}: max |ONNX − predict| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{what}: max |ONNX − predict| = {worst:E2} > {Tolerance:E0}");
    }
}
