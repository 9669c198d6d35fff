using ShallowNet.Activations;
using ShallowNet.Cli.Experiments;
using ShallowNet.Cli.Output;
using ShallowNet.Cli.Plotting;
using ShallowNet.Cli.Reports;
using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Cli.Tests;

/// <summary>The data behind the plots (grids, curves, confusion counts) and that each picture is written; not pixels.</summary>
public class PlottingTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    internal static void AssertPng(string path, int minBytes = 5000)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= minBytes, $"{path}: only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public void Decision_grid_covers_the_points_and_holds_the_networks_answers()
    {
        // A "network" whose P(class 1) is x0 > 0: the grid must say 1 exactly right of the x1 axis.
        var x = new Matrix<double>(2, 3, [-2, 0, 3, -1, 1, 2]);
        var grid = DecisionGrid.Compute(x, points =>
        {
            var a = new Matrix<double>(1, points.Cols);
            for (int j = 0; j < points.Cols; j++)
            {
                a[0, j] = points[0, j] > 0 ? 0.9 : 0.1;
            }

            return a;
        }, resolution: 50);

        Assert.Equal(50, grid.X0.Length);
        Assert.Equal(50, grid.X1.Length);
        Assert.Equal(2, grid.Classes);
        var (left, right, bottom, top) = grid.Extent;
        Assert.True(left < -2 && right > 3 && bottom < -1 && top > 2);
        Assert.True(grid.X1[0] > grid.X1[^1], "row 0 is the top of the picture");
        for (int r = 0; r < 50; r++)
        {
            for (int c = 0; c < 50; c++)
            {
                Assert.Equal(grid.X0[c] > 0 ? 1 : 0, grid.ClassAt(r, c));
            }
        }
    }

    [Fact]
    public void Decision_grid_of_a_trained_flower_network_agrees_with_its_predictions()
    {
        var flower = SyntheticData.Planar(400, 1);
        var network = PlanarTraining.Shallow(4, Tanh.Instance, 2);
        var training = new PlanarTraining(flower, TextWriter.Null);
        var run = training.Train("n_h = 4", network, 1.2, 2000);
        var panel = training.Panel("test", run.Network);
        int[] predicted = run.Network.Predict(flower.X);

        // Each example's nearest grid cell predicts what the network predicts for the example (a few examples sit on the boundary).
        int agree = 0;
        for (int j = 0; j < flower.Examples; j++)
        {
            int c = Nearest(panel.Grid.X0, flower.X[0, j]), r = Nearest(panel.Grid.X1, flower.X[1, j]);
            agree += panel.Grid.ClassAt(r, c) == predicted[j] ? 1 : 0;
        }

        Assert.True(agree >= 390, $"{agree} of 400 agree");
        Assert.InRange(run.Accuracy, 0.85, 0.95);
    }

    [Fact]
    public void Cost_curve_data_comes_from_the_curve_with_the_logged_points_on_it()
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), TextWriter.Null);
        var run = flower.Train("n_h = 4", PlanarTraining.Shallow(4, Tanh.Instance, 2), 1.2, 3000, logEvery: 1000);
        var curve = CostCurveData.From(run.History);
        Assert.InRange(curve.Exact.Epochs.Length, 100, 3000);                       // not only the 4 logged epochs
        Assert.Equal(curve.Exact.Epochs.Order(), curve.Exact.Epochs);
        foreach (var point in run.History.Points)
        {
            Assert.Equal(point.Cost, curve.Exact.Cost[Array.IndexOf(curve.Exact.Epochs, (double)point.Epoch)]);
        }

        Assert.Null(curve.BatchMean);
        Assert.Null(curve.Validation);
        Assert.Equal(0.693048020123982, curve.Exact.Cost[0], 12);   // the course's J at epoch 0
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Confusion_cells_are_all_one_unit_wide_and_tall(int k)
    {
        // the outer cells were drawn half wide for k ≥ 3: the heatmap's extent had been given as the cells' centres
        var heatmap = Charts.ConfusionCells(new ScottPlot.Plot(), new double[k, k], 1);
        Assert.Equal(1.0, heatmap.CellWidth, 12);
        Assert.Equal(1.0, heatmap.CellHeight, 12);
        var edges = heatmap.GetAlignedExtent();
        Assert.Equal((-0.5, k - 0.5, -0.5, k - 0.5), (edges.Left, edges.Right, edges.Bottom, edges.Top));
    }

    [Fact]
    public void Confusion_counts_rows_true_columns_predicted()
    {
        var counts = ModelPlots.Confusion([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3);
        Assert.Equal([1, 1, 0], counts[0]);
        Assert.Equal([0, 2, 0], counts[1]);
        Assert.Equal([1, 0, 0], counts[2]);
    }

    [Fact]
    public void With_a_validation_split_the_pictures_and_the_report_keep_training_and_validation_rows_apart()
    {
        // The boundary and confusion matrix were drawn over all 400 rows, held-out ones included, under a title that
        // named only the file: their accuracy matched neither the printed train accuracy nor the validation accuracy.
        using var dir = new TempFolder();
        var r = CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--hidden", "4",
            "--epochs", "300", "--validation", "0.2", "--plot", dir.File("plots"), "--report", dir.File("report"), "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("cost.png, boundary.png, confusion.png, boundary_validation.png, confusion_validation.png", r.Out, StringComparison.Ordinal);
        string page = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("training rows (320 of 400)", page, StringComparison.Ordinal);
        Assert.Contains("validation rows (80 of 400)", page, StringComparison.Ordinal);
        string accuracy = r.Out.Split("train accuracy ")[1].Split('%')[0];
        Assert.Contains($"Decision boundary: the plane coloured by the predicted class; on top, training rows (320 of 400)", page, StringComparison.Ordinal);
        Assert.Contains($"accuracy on the training rows (320 of 400)", page, StringComparison.Ordinal);
        Assert.Contains(accuracy + "%", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_is_written_as_a_non_trivial_png()
    {
        using var dir = new TempFolder();
        var flower = new PlanarTraining(SyntheticData.Planar(100, 1), TextWriter.Null);
        var run = flower.Train("n_h = 3", PlanarTraining.Shallow(3, Tanh.Instance, 2), 1.2, 500, logEvery: 100);
        var panel = flower.Panel("n_h = 3", run.Network);
        AssertPng(Charts.CostCurve(dir.File("cost.png"), CostCurveData.From(run.History)));
        AssertPng(Charts.DecisionBoundary(dir.File("boundary.png"), panel, ["0", "1"]));
        AssertPng(Charts.BoundaryGrid(dir.File("grid.png"), [panel, panel, panel], ["0", "1"], "three", columns: 2));
        AssertPng(Charts.ConfusionMatrix(dir.File("confusion.png"), [[40, 10], [5, 45]], ["0", "1"]));
        AssertPng(Charts.PredictedVsActual(dir.File("pva.png"), [1, 2, 3, 4], [1.1, 1.9, 3.2, 3.8], "y"));
    }

    [Theory]
    [InlineData("{\"costs\":[{\"epoch\":0,\"cost\":1e308},{\"epoch\":1,\"cost\":-1e308}]}", "costs[1].cost: -1e308 is not a cost (a finite number, 0 or more)")]
    [InlineData("{\"costs\":[{\"epoch\":0,\"cost\":-0.5}]}", "costs[0].cost: -0.5 is not a cost (a finite number, 0 or more)")]
    [InlineData("{\"costs\":[{\"epoch\":0,\"cost\":0.5,\"validation_cost\":-1e300}]}", "costs[0].validation_cost: -1e300 is not a cost (a finite number, 0 or more)")]
    [InlineData("{\"costs\":[{\"epoch\":0,\"cost\":0.5},{\"epoch\":1.5,\"cost\":0.4}]}", "costs[1].epoch: 1.5 is not an epoch (a whole number from 0)")]
    [InlineData("{\"costs\":[{\"epoch\":0,\"cost\":\"low\"}]}", "costs[0].cost: \"low\" is not a cost (a finite number, 0 or more)")]
    public void A_metrics_file_with_a_cost_that_is_no_cost_is_refused_before_plotting(string metrics, string expected)
    {
        // -1e308 broke ScottPlot's autoscaler and an epoch of 1.5 threw a FormatException: both ended in a stack trace.
        using var dir = new TempFolder();
        var train = CliRunner.Run("train", "--data", CliRunner.Fixture("planar_flower.csv"), "--model", dir.File("m.json"), "--epochs", "2", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        File.WriteAllText(dir.File("metrics.json"), metrics);
        var r = CliRunner.Run("plot", "--model", dir.File("m.json"), "--data", CliRunner.Fixture("planar_flower.csv"), "--out", dir.File("plots"), "--metrics", dir.File("metrics.json"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Equal($"shallownet: error: {dir.File("metrics.json")}: {expected}", r.Error.TrimEnd());
        Assert.False(Directory.Exists(dir.File("plots")) && Directory.EnumerateFileSystemEntries(dir.File("plots")).Any(), "plot wrote pictures before refusing");
    }

    [Fact]
    public void A_cost_curve_of_huge_finite_costs_is_drawn()
    {
        using var dir = new TempFolder();
        var huge = new CostSeries([0, 1, 2], [1e308, 1.7e308, 5e307]);
        AssertPng(Charts.CostCurve(dir.File("cost.png"), new CostCurveData(huge, huge, huge)), minBytes: 1000);
    }

    [Fact]
    public void Html_report_is_one_self_contained_page()
    {
        using var dir = new TempFolder();
        Charts.ConfusionMatrix(dir.File("c.png"), [[1, 2], [3, 4]], ["a", "b"]);
        var page = new HtmlReport("title <x>", "sub");
        page.AddSettings([("epochs", "10")]);
        page.AddTable("results", new TableData(["metric", "value"], [["accuracy", "90.00%"]]));
        page.AddImage("confusion", dir.File("c.png"));
        string path = page.Write(dir.File("report"));
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("title &lt;x&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">90.00%</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_init_keeps_hidden_units_identical_and_random_init_does_not()
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), TextWriter.Null);
        var spreads = new List<double>();
        var symmetric = LessonExperiments.Identical(Tanh.Instance);
        flower.Train("identical", symmetric, 1.2, 3000, onLogged: _ => spreads.Add(LessonExperiments.UnitSpread(symmetric)));
        Assert.All(spreads, s => Assert.Equal(0, s));
        Assert.NotEqual(0, symmetric.Layers[0].W[0, 0]);                  // it learned, as one unit

        var zero = LessonExperiments.Zero(Sigmoid.Instance);
        var run = flower.Train("zero", zero, 1.2, 1000);
        Assert.Equal(0, LessonExperiments.UnitSpread(zero));
        Assert.InRange(run.Accuracy, 0.4, 0.6);

        var random = PlanarTraining.Shallow(4, Tanh.Instance, 2);
        flower.Train("random", random, 1.2, 1000);
        Assert.True(LessonExperiments.UnitSpread(random) > 1);
    }

    private static int Nearest(double[] axis, double v)
    {
        int best = 0;
        for (int i = 1; i < axis.Length; i++)
        {
            if (Math.Abs(axis[i] - v) < Math.Abs(axis[best] - v))
            {
                best = i;
            }
        }

        return best;
    }
}
