using System.Globalization;
using ScottPlot;

namespace ShallowNet.Cli.Plotting;

/// <summary>
/// The tool's pictures, drawn with ScottPlot into PNG files (headless: SkiaSharp renders without a display):
/// cost curves, decision boundaries (one or a grid), confusion-matrix heat maps and predicted-vs-actual scatters.
/// Each method returns the path it wrote.
/// </summary>
internal static class Charts
{
    /// <summary>Point colours per class: red, blue (the lesson's two classes), then Category10's others.</summary>
    public static readonly Color[] ClassColors =
    [
        Color.FromHex("#d62728"), Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The training set's cost per epoch (exact J, and with mini-batches the mean of each epoch's batch costs) and,
    /// with a validation set, the validation rows' J at the logged epochs; the legend names the rows of each line.
    /// </summary>
    public static string CostCurve(string path, CostCurveData data, string title = "Cost J per epoch")
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = NewPlot(title, "epoch", "cost J");
        double top = 0;
        if (data.BatchMean is { } batches)
        {
            // drawn first, under the exact points it sits among
            var b = plot.Add.Scatter(batches.Epochs, batches.Cost);
            b.LegendText = "training rows: mean of the epoch's batch costs";
            b.LineWidth = 1.5f;
            b.MarkerSize = batches.Epochs.Length <= 40 ? 5 : 0;
            b.Color = ClassColors[1].WithAlpha(0.55);
            top = Math.Max(top, batches.Cost.Max());
        }

        if (data.Exact.Epochs.Length > 0)
        {
            var train = plot.Add.Scatter(data.Exact.Epochs, data.Exact.Cost);
            train.LegendText = data.BatchMean is null ? "training rows" : "training rows: exact J (whole set)";
            train.LineWidth = data.BatchMean is null ? 2.5f : 0;
            train.MarkerSize = data.BatchMean is not null || data.Exact.Epochs.Length <= 40 ? 7 : 0;
            train.Color = ClassColors[1];
            top = Math.Max(top, data.Exact.Cost.Max());
        }

        if (data.Validation is { } validation)
        {
            var v = plot.Add.Scatter(validation.Epochs, validation.Cost);
            v.LegendText = "validation rows";
            v.LineWidth = 2.5f;
            v.LinePattern = LinePattern.Dashed;
            v.MarkerSize = validation.Epochs.Length <= 40 ? 6 : 0;
            v.Color = ClassColors[3];
            top = Math.Max(top, validation.Cost.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }

        plot.Axes.SetLimitsY(0, top * 1.05);
        ShowLegend(plot, Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
        return path;
    }

    /// <summary>A learning curve: the score on the training rows and on the held-out folds against the rows fitted on, ± one std.</summary>
    public static string LearningCurve(string path, Selection.LearningCurveResult result, string dataName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot($"Learning curve on {dataName}", "training rows", result.ScoreName);
        double[] rows = [.. result.Points.Select(p => p.TrainRows)];
        foreach (var (name, pick, color) in new (string, Func<Selection.LearningCurvePoint, Selection.MetricSummary>, int)[]
            { ("training rows", p => p.Train, 1), ("held-out folds", p => p.Validation, 3) })
        {
            double[] mean = [.. result.Points.Select(p => pick(p).Mean)];
            double[] std = [.. result.Points.Select(p => pick(p).Std)];
            var line = plot.Add.Scatter(rows, mean);
            line.LegendText = name;
            line.LineWidth = 2.5f;
            line.MarkerSize = 7;
            line.Color = ClassColors[color];
            var bars = plot.Add.ErrorBar(rows, mean, std);
            bars.Color = ClassColors[color];
        }

        ShowLegend(plot, Alignment.LowerRight);
        plot.SavePng(path, 900, 600);
        return path;
    }

    /// <summary>
    /// A search's score against one searched option: for each candidate, the best trial that used it (mean ± the std over
    /// its folds), the candidates in the order given.
    /// </summary>
    public static string SearchScores(string path, string option, IReadOnlyList<(string Candidate, double Mean, double Std)> points, string metric, string dataName)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = NewPlot($"{metric} against {option} on {dataName} (best trial per value)", option, metric);
        double[] xs = [.. Enumerable.Range(0, points.Count).Select(i => (double)i)];
        double[] mean = [.. points.Select(p => p.Mean)];
        var line = plot.Add.Scatter(xs, mean);
        line.LineWidth = 2.5f;
        line.MarkerSize = 8;
        line.Color = ClassColors[1];
        var bars = plot.Add.ErrorBar(xs, mean, [.. points.Select(p => p.Std)]);
        bars.Color = ClassColors[1];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, [.. points.Select(p => p.Candidate)]);
        plot.Axes.SetLimitsX(-0.5, points.Count - 0.5);
        plot.SavePng(path, 900, 600);
        return path;
    }

    /// <summary>The lesson's picture: the plane coloured by the predicted class, the examples on top.</summary>
    public static string DecisionBoundary(string path, BoundaryPanel panel, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var plot = NewPlot(panel.Title, "x0", "x1");
        DrawBoundary(plot, panel, classNames, legend: true);
        plot.SavePng(path, 800, 700);
        return path;
    }

    /// <summary>Several decision boundaries side by side (the hidden-size sweep, the activations), one title each.</summary>
    public static string BoundaryGrid(string path, IReadOnlyList<BoundaryPanel> panels, IReadOnlyList<string> classNames, string title, int columns = 4)
    {
        ArgumentNullException.ThrowIfNull(panels);
        const int cell = 440, banner = 60;
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * cell, height = (rows * cell) + banner;
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SkiaSharp.SKColors.White);
        // ScottPlot clears the canvas it renders to, so each plot is rendered to its own image and then drawn in place.
        var heading = new Plot();
        heading.Layout.Frameless();
        heading.Axes.Frameless();
        heading.HideGrid();
        var text = heading.Add.Text(title, 0, 0);
        text.LabelFontSize = 26;
        text.LabelBold = true;
        text.LabelFontName = FontName;
        text.LabelAlignment = Alignment.MiddleCenter;
        heading.Axes.SetLimits(-1, 1, -1, 1);
        Paste(canvas, heading, 0, 0, width, banner);
        for (int i = 0; i < panels.Count; i++)
        {
            var plot = NewPlot(panels[i].Title, "x0", "x1", compact: true);
            DrawBoundary(plot, panels[i], classNames, legend: i == 0);
            Paste(canvas, plot, (i % columns) * cell, banner + ((i / columns) * cell), cell, cell);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        using (var file = File.Create(path))
        {
            png.SaveTo(file);
        }

        return path;
    }

    private static void Paste(SkiaSharp.SKCanvas canvas, Plot plot, int left, int top, int width, int height)
    {
        byte[] png = plot.GetImage(width, height).GetImageBytes(ImageFormat.Png);
        using var image = SkiaSharp.SKImage.FromEncodedData(png);
        canvas.DrawImage(image, left, top);
    }

    /// <summary>Counts of (true class, predicted class) as a heat map, each cell labelled with its count.</summary>
    public static string ConfusionMatrix(string path, int[][] confusion, IReadOnlyList<string> classNames, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(classNames);
        int k = confusion.Length;
        var plot = NewPlot(title, "predicted class", "true class");
        plot.Axes.Title.Label.FontSize = 18;
        var values = new double[k, k];
        int max = 1;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                values[i, j] = confusion[i][j];
                max = Math.Max(max, confusion[i][j]);
            }
        }

        var heatmap = ConfusionCells(plot, values, max);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                var label = plot.Add.Text(confusion[i][j].ToString(Inv), j, k - 1 - i);
                label.LabelFontSize = k <= 4 ? 30 : k <= 10 ? 18 : 10;
                label.LabelBold = true;
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = confusion[i][j] > max / 2 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = [.. Enumerable.Range(0, k).Select(i => (double)i)];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. classNames.Take(k)]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. Enumerable.Range(0, k).Select(i => classNames[k - 1 - i])]);
        var bar = plot.Add.ColorBar(heatmap);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        bar.Label = "examples";
        bar.LabelStyle.FontSize = 16;
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        int size = Math.Max(600, 70 * k);
        plot.SavePng(path, size + 200, size);
        return path;
    }

    /// <summary>Regression: predicted against actual values, with the line y = x where a perfect model would put them.</summary>
    /// <summary>
    /// The counts as k × k cells, one unit wide, cell (i, j) centred on (j, k − 1 − i). The edges are given as the
    /// heatmap's <c>Rectangle</c>: its <c>Extent</c> names the outer cells' centres, which drew them half wide.
    /// </summary>
    internal static ScottPlot.Plottables.Heatmap ConfusionCells(Plot plot, double[,] values, int max)
    {
        int k = values.GetLength(0);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new CountColormap();
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        heatmap.Rectangle = new CoordinateRect(-0.5, k - 0.5, -0.5, k - 0.5);
        return heatmap;
    }

    public static string PredictedVsActual(string path, double[] actual, double[] predicted, string title)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        var plot = NewPlot(title, "actual", "predicted");
        double lo = Math.Min(actual.Min(), predicted.Min()), hi = Math.Max(actual.Max(), predicted.Max());
        double pad = (hi - lo) * 0.05 + 1e-9;
        var line = plot.Add.Line(lo - pad, lo - pad, hi + pad, hi + pad);
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LegendText = "predicted = actual";
        var points = plot.Add.ScatterPoints(actual, predicted);
        points.MarkerSize = actual.Length > 2000 ? 3 : 6;
        points.Color = ClassColors[1].WithAlpha(0.6);
        points.LegendText = "examples";
        plot.Axes.SetLimits(lo - pad, hi + pad, lo - pad, hi + pad);
        plot.Axes.SquareUnits();
        ShowLegend(plot, Alignment.UpperLeft);
        plot.SavePng(path, 750, 700);
        return path;
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel, bool compact = false)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: compact ? 18 : 22);
        plot.XLabel(xLabel, size: compact ? 14 : 17);
        plot.YLabel(yLabel, size: compact ? 14 : 17);
        plot.Axes.Bottom.TickLabelStyle.FontSize = compact ? 12 : 14;
        plot.Axes.Left.TickLabelStyle.FontSize = compact ? 12 : 14;
        return plot;
    }

    /// <summary>DejaVu Sans where installed (Debian's default), else whatever ScottPlot finds.</summary>
    private static string FontName { get; } = SkiaSharp.SKFontManager.Default.MatchFamily("DejaVu Sans") is { } found && found.FamilyName == "DejaVu Sans" ? "DejaVu Sans" : Fonts.Default;

    private static void ShowLegend(Plot plot, Alignment where)
    {
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = where;
        plot.Legend.FontSize = 15;
        plot.Legend.FontName = FontName;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.75);
        plot.Legend.OutlineColor = Colors.Gray;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    private static void DrawBoundary(Plot plot, BoundaryPanel panel, IReadOnlyList<string> classNames, bool legend)
    {
        var grid = panel.Grid;
        var regions = plot.Add.Heatmap(grid.Values);
        regions.Colormap = new RegionColormap(grid.Classes);
        regions.ManualRange = grid.Classes == 2 ? new ScottPlot.Range(0, 1) : new ScottPlot.Range(0, grid.Classes - 1);
        var (left, right, bottom, top) = grid.Extent;
        regions.Extent = new CoordinateRect(left, right, bottom, top);
        regions.Smooth = false;

        for (int k = 0; k < Math.Max(grid.Classes, 2); k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int j = 0; j < panel.Labels.Length; j++)
            {
                if (panel.Labels[j] == k)
                {
                    xs.Add(panel.X0[j]);
                    ys.Add(panel.X1[j]);
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var points = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, panel.Labels.Length > 1000 ? 4 : 6, ClassColors[k % ClassColors.Length]);
            points.MarkerStyle.OutlineColor = Colors.Black.WithAlpha(0.6);
            points.MarkerStyle.OutlineWidth = 0.6f;
            points.LegendText = legend ? $"class {(k < classNames.Count ? classNames[k] : k.ToString(Inv))}" : string.Empty;
        }

        plot.Axes.SetLimits(left, right, bottom, top);
        plot.HideGrid();
        if (legend)
        {
            ShowLegend(plot, Alignment.UpperRight);
        }
    }
}

/// <summary>One decision-boundary picture: the grid, the examples (raw inputs) and their true class indices.</summary>
/// <param name="Title">The panel's title.</param>
/// <param name="Grid">The network's answers over the plane.</param>
/// <param name="X0">First input of each example.</param>
/// <param name="X1">Second input of each example.</param>
/// <param name="Labels">True class index of each example.</param>
internal sealed record BoundaryPanel(string Title, DecisionGrid Grid, double[] X0, double[] X1, int[] Labels);

/// <summary>
/// Region colours: for two classes, P(class 1) below 0.5 is pale red and above pale blue, deeper with confidence, so
/// the boundary shows where the hue changes; for k classes, a pale tint of each class's point colour.
/// </summary>
internal sealed class RegionColormap(int classes) : IColormap
{
    public string Name => "regions";

    public Color GetColor(double normalizedIntensity)
    {
        if (double.IsNaN(normalizedIntensity))
        {
            return Colors.White;
        }

        double v = Math.Clamp(normalizedIntensity, 0, 1);
        if (classes <= 2)
        {
            double confidence = Math.Abs((2 * v) - 1);
            return Tint(Charts.ClassColors[v > 0.5 ? 1 : 0], 0.22 + (0.25 * confidence));
        }

        int k = (int)Math.Round(v * (classes - 1));
        return Tint(Charts.ClassColors[k % Charts.ClassColors.Length], 0.3);
    }

    private static Color Tint(Color color, double amount) => new(
        (byte)(255 - ((255 - color.R) * amount)), (byte)(255 - ((255 - color.G) * amount)), (byte)(255 - ((255 - color.B) * amount)));
}

/// <summary>Counts: white for 0 to dark blue for the largest count.</summary>
internal sealed class CountColormap : IColormap
{
    private static readonly Color Dark = Color.FromHex("#08306b");

    public string Name => "counts";

    public Color GetColor(double normalizedIntensity)
    {
        double v = double.IsNaN(normalizedIntensity) ? 0 : Math.Clamp(normalizedIntensity, 0, 1);
        return new Color((byte)(255 - ((255 - Dark.R) * v)), (byte)(255 - ((255 - Dark.G) * v)), (byte)(255 - ((255 - Dark.B) * v)));
    }
}
