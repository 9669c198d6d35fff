using System.Globalization;
using ShallowNet.Activations;
using ShallowNet.Cli.Output;
using ShallowNet.Cli.Plotting;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Training;

namespace ShallowNet.Cli.Experiments;

/// <summary>
/// The lesson's experiments on the planar data (course week 3), each printing a table beside the course's numbers and
/// drawing the decision boundaries: logistic regression against the shallow network, the hidden-layer-size sweep, the
/// hidden activations (with the linear case of section 3.7), zero against random initialisation (section 3.11), and the
/// other planar data sets. Every run is full-batch gradient descent in float64 from the seed-2 weights, as the course.
/// </summary>
internal static class LessonExperiments
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The course's accuracies for the hidden-size sweep (n_h → text as published).</summary>
    public static readonly IReadOnlyList<(int Hidden, string Course)> CourseSweep =
        [(1, "67.5"), (2, "67.25"), (3, "90.75"), (4, "90.5"), (5, "91.25"), (20, "90.0–91.0"), (50, "90.25–90.75")];

    /// <summary>What an experiment produced: its tables (already printed) and the pictures it wrote.</summary>
    /// <param name="Tables">Title and content of each table.</param>
    /// <param name="Plots">Caption and path of each PNG written.</param>
    public sealed record Outcome(IReadOnlyList<(string Title, TableData Table)> Tables, IReadOnlyList<(string Caption, string Path)> Plots);

    /// <summary>(1) Logistic regression against the 2-4-1 tanh network on the flower (course: 47% against about 90%).</summary>
    public static Outcome Baseline(TextWriter output, string? plotDir, int epochs = 10000)
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), output);
        var logistic = flower.Train("logistic regression", PlanarTraining.Logistic(), 1.2, epochs);
        var shallow = flower.Train("2-4-1 tanh network", PlanarTraining.Shallow(4, Tanh.Instance, 2), 1.2, epochs);
        var table = new TableData(
            ["model", "parameters", "final cost", "train accuracy", "course"],
            [
                [logistic.Name + " (w = 0)", logistic.Network.ParameterCount.ToString(Inv), F(logistic.History.FinalCost), Pct(logistic.Accuracy), "47%"],
                [shallow.Name + " (seed 2)", shallow.Network.ParameterCount.ToString(Inv), F(shallow.History.FinalCost), Pct(shallow.Accuracy), "90%"],
            ]);
        string title = $"Logistic regression vs the shallow network on the flower (m = 400), gradient descent alpha = 1.2, {epochs} epochs:";
        TextTable.Write(output, title, table);
        output.WriteLine("  A linear boundary cannot follow the petals; four tanh units can. (The course's 47% is scikit-learn's");
        output.WriteLine("  LogisticRegressionCV, regularised; plain gradient descent on the same model lands near it.)");
        var plots = new List<(string, string)>();
        if (plotDir is not null)
        {
            plots.Add(("Decision boundaries: logistic regression and the 2-4-1 tanh network", Charts.BoundaryGrid(
                Path.Combine(plotDir, "baseline_boundaries.png"),
                [flower.Panel($"Logistic regression: {Pct(logistic.Accuracy)}", logistic.Network), flower.Panel($"n_h = 4, tanh: {Pct(shallow.Accuracy)}", shallow.Network)],
                flower.Classes.Names, "The flower: logistic regression vs one hidden layer", columns: 2)));
            plots.Add(("Cost of the 2-4-1 network", Charts.CostCurve(Path.Combine(plotDir, "baseline_cost.png"), CostCurveData.From(shallow.History), "Cost J, 2-4-1 tanh network on the flower")));
        }

        return new Outcome([(title, table)], plots);
    }

    /// <summary>(2) Hidden sizes 1, 2, 3, 4, 5, 20, 50, 5000 epochs each from the seed-2 weights, beside the course's accuracies.</summary>
    public static Outcome Sweep(TextWriter output, string? plotDir, int epochs = 5000)
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), output);
        var rows = new List<string[]>();
        var panels = new List<BoundaryPanel>();
        foreach (var (hidden, course) in CourseSweep)
        {
            var run = flower.Train($"n_h = {hidden}", PlanarTraining.Shallow(hidden, Tanh.Instance, 2), 1.2, epochs);
            rows.Add([hidden.ToString(Inv), Pct(run.Accuracy), course + "%", F(run.History.FinalCost), run.History.TrainSeconds.ToString("F2", Inv)]);
            panels.Add(flower.Panel($"n_h = {hidden}: {Pct(run.Accuracy)}", run.Network));
        }

        var table = new TableData(["hidden units", "accuracy", "course", "final cost", "seconds"], rows);
        string title = $"Hidden layer size on the flower: tanh, seed 2 (W ~ randn x 0.01), alpha = 1.2, {epochs} epochs each:";
        TextTable.Write(output, title, table);
        output.WriteLine("  One or two units draw (nearly) straight boundaries; from three on the petals are captured. Larger layers fit");
        output.WriteLine("  the training data a little better without regularisation, which is where overfitting starts.");
        var plots = new List<(string, string)>();
        if (plotDir is not null)
        {
            plots.Add(("Decision boundaries by hidden layer size", Charts.BoundaryGrid(Path.Combine(plotDir, "sweep_boundaries.png"), panels, flower.Classes.Names,
                $"Decision boundary by hidden layer size (tanh, {epochs} epochs)")));
        }

        return new Outcome([(title, table)], plots);
    }

    /// <summary>(3) The hidden activation: sigmoid, tanh, ReLU, leaky ReLU, and identity (section 3.7), beside logistic regression.</summary>
    public static Outcome Activations(TextWriter output, string? plotDir, int epochs = 10000)
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), output);
        var rows = new List<string[]>();
        var panels = new List<BoundaryPanel>();
        var logistic = flower.Train("logistic regression", PlanarTraining.Logistic(), 1.2, epochs);
        foreach (var activation in new Activation[] { Sigmoid.Instance, Tanh.Instance, Relu.Instance, new LeakyRelu(), Identity.Instance })
        {
            string name = $"4 {activation.Name} units";
            try
            {
                var run = flower.Train(name, PlanarTraining.Shallow(4, activation, 2), 1.2, epochs);
                rows.Add([activation.Name, Pct(run.Accuracy), F(run.History.FinalCost), Note(activation)]);
                panels.Add(flower.Panel($"{activation.Name}: {Pct(run.Accuracy)}", run.Network));
            }
            catch (TrainingDivergedException e)
            {
                rows.Add([activation.Name, "-", "diverged", e.Message]);
            }
        }

        rows.Add(["(logistic regression)", Pct(logistic.Accuracy), F(logistic.History.FinalCost), "no hidden layer"]);
        panels.Add(flower.Panel($"logistic regression: {Pct(logistic.Accuracy)}", logistic.Network));
        var table = new TableData(["hidden activation", "accuracy", "final cost", "note"], rows);
        string title = $"Hidden activation on the flower: 4 hidden units, seed 2, alpha = 1.2, {epochs} epochs:";
        TextTable.Write(output, title, table);
        output.WriteLine("  With identity hidden units the network computes W2 (W1 x + b1) + b2, one linear function of x: its boundary is a");
        output.WriteLine("  straight line, and it does no better than logistic regression (section 3.7).");
        var plots = new List<(string, string)>();
        if (plotDir is not null)
        {
            plots.Add(("Decision boundaries by hidden activation", Charts.BoundaryGrid(Path.Combine(plotDir, "activation_boundaries.png"), panels, flower.Classes.Names,
                "Decision boundary by hidden activation (4 units)", columns: 3)));
        }

        return new Outcome([(title, table)], plots);
    }

    /// <summary>
    /// (4) Zero against random initialisation (section 3.11): with W = 0 every hidden unit computes the same function and
    /// gets the same gradient, so the units stay identical whatever the number of epochs (spread 0). Tanh units at W = 0,
    /// b = 0 output 0 and get no gradient at all; sigmoid units output ½ and learn, but as one.
    /// </summary>
    public static Outcome ZeroInit(TextWriter output, string? plotDir, int epochs = 10000)
    {
        var flower = new PlanarTraining(SyntheticData.Planar(400, 1), output);
        var variants = new (string Name, Func<Network<double>> Make)[]
        {
            ("W = 0, sigmoid hidden", () => Zero(Sigmoid.Instance)),
            ("W = 0, tanh hidden", () => Zero(Tanh.Instance)),
            ("identical non-zero units, tanh", () => Identical(Tanh.Instance)),
            ("random (seed 2), tanh hidden", () => PlanarTraining.Shallow(4, Tanh.Instance, 2)),
        };
        var tables = new List<(string, TableData)>();
        var panels = new List<BoundaryPanel>();
        var summary = new List<string[]>();
        foreach (var (name, make) in variants)
        {
            var network = make();
            var rows = new List<string[]>();
            var run = flower.Train(name, network, 1.2, epochs, onLogged: p =>
                rows.Add([p.Epoch.ToString(Inv), F(p.Cost), p.Point?.Metric is { } m ? Pct(m) : "-", G(UnitSpread(network))]));
            rows.Add([epochs.ToString(Inv), F(run.History.FinalCost), Pct(run.Accuracy), G(UnitSpread(network))]);
            var table = new TableData(["epoch", "cost", "accuracy", "spread between hidden units"], rows);
            string title = $"{name}: 2-4-1, alpha = 1.2; spread = largest |difference| between two hidden units' incoming weights, bias or outgoing weight";
            TextTable.Write(output, title, table);
            tables.Add((title, table));
            summary.Add([name, Pct(run.Accuracy), G(UnitSpread(network))]);
            panels.Add(flower.Panel($"{name}: {Pct(run.Accuracy)}", network));
        }

        var logistic = flower.Train("logistic regression", PlanarTraining.Logistic(), 1.2, epochs);
        summary.Add(["(logistic regression)", Pct(logistic.Accuracy), "-"]);
        var summaryTable = new TableData(["initialisation", "accuracy", "final spread"], summary);
        TextTable.Write(output, "Summary:", summaryTable);
        tables.Add(("Summary", summaryTable));
        output.WriteLine("  From W = 0 the hidden units get identical gradients and stay copies of one another (spread exactly 0 at every");
        output.WriteLine("  epoch). Here they do not move at all: tanh(0) = 0 passes no gradient back, and with sigmoid units (a = 1/2) the");
        output.WriteLine("  flower's balanced classes make every gradient 0, so both stay at chance, logistic regression's level. Units that");
        output.WriteLine("  start identical but non-zero do learn, yet still as one unit (spread 0): the network is a 2-1-1 network, whose");
        output.WriteLine("  boundary is a single line. Random weights break the symmetry.");
        var plots = new List<(string, string)>();
        if (plotDir is not null)
        {
            plots.Add(("Decision boundaries: zero vs random initialisation", Charts.BoundaryGrid(Path.Combine(plotDir, "init_boundaries.png"), panels, flower.Classes.Names,
                "Zero vs random initial weights (section 3.11)", columns: 4)));
        }

        return new Outcome(tables, plots);
    }

    /// <summary>(5) The other planar sets of the course's assignment: logistic regression and the 2-4-1 tanh network on each.</summary>
    public static Outcome Datasets(TextWriter output, string? plotDir, int epochs = 10000)
    {
        var sets = new (string Name, Dataset Data)[]
        {
            ("noisy circles", SyntheticData.Circles(200, 1, noise: 0.3, factor: 0.5)),
            ("noisy moons", SyntheticData.Moons(200, 1, noise: 0.2)),
            ("blobs", SyntheticData.Blobs(200, 5, centers: 6)),
            ("gaussian quantiles", SyntheticData.GaussianQuantiles(200, 1, variance: 0.5)),
            ("xor", SyntheticData.Xor(200, 1, noise: 0.1)),
        };
        var rows = new List<string[]>();
        var linear = new List<BoundaryPanel>();
        var shallow = new List<BoundaryPanel>();
        foreach (var (name, data) in sets)
        {
            var set = new PlanarTraining(data, output);
            var lr = set.Train($"{name}: logistic regression", PlanarTraining.Logistic(), 1.2, epochs);
            var nn = set.Train($"{name}: 2-4-1 tanh", PlanarTraining.Shallow(4, Tanh.Instance, 2), 1.2, epochs);
            rows.Add([name, data.Examples.ToString(Inv), Pct(lr.Accuracy), Pct(nn.Accuracy), F(nn.History.FinalCost)]);
            linear.Add(set.Panel($"{name}, logistic: {Pct(lr.Accuracy)}", lr.Network));
            shallow.Add(set.Panel($"{name}, n_h = 4: {Pct(nn.Accuracy)}", nn.Network));
        }

        var table = new TableData(["data set", "m", "logistic regression", "2-4-1 tanh", "final cost (2-4-1)"], rows);
        string title = $"Other planar data sets (the course's assignment, section 'other datasets'): alpha = 1.2, {epochs} epochs, seed 2:";
        TextTable.Write(output, title, table);
        var plots = new List<(string, string)>();
        if (plotDir is not null)
        {
            plots.Add(("Decision boundaries on the other planar sets (top: logistic regression, bottom: 4 tanh units)", Charts.BoundaryGrid(
                Path.Combine(plotDir, "datasets_boundaries.png"), [.. linear, .. shallow], ["0", "1"], "Other planar data sets: logistic regression (top) vs 4 tanh units (bottom)", columns: sets.Length)));
        }

        return new Outcome([(title, table)], plots);
    }

    /// <summary>
    /// max over hidden units i of |θ_i − θ_0|, over each unit's incoming weights W1[i, :], its bias b1[i] and its outgoing
    /// weight W2[:, i]: 0 exactly when all hidden units are the same unit.
    /// </summary>
    public static double UnitSpread(Network<double> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var hidden = network.Layers[0];
        var next = network.Layers[1];
        double spread = 0;
        for (int i = 1; i < hidden.Units; i++)
        {
            for (int j = 0; j < hidden.Inputs; j++)
            {
                spread = Math.Max(spread, Math.Abs(hidden.W[i, j] - hidden.W[0, j]));
            }

            spread = Math.Max(spread, Math.Abs(hidden.B[i, 0] - hidden.B[0, 0]));
            for (int k = 0; k < next.Units; k++)
            {
                spread = Math.Max(spread, Math.Abs(next.W[k, i] - next.W[k, 0]));
            }
        }

        return spread;
    }

    /// <summary>The 2-4-1 network with every weight and bias 0 (built from the layer constructors, no generator).</summary>
    public static Network<double> Zero(Activation hidden) => new(
    [
        new DenseLayer<double>(new Matrix<double>(4, 2), new Matrix<double>(4, 1), hidden),
        new DenseLayer<double>(new Matrix<double>(1, 4), new Matrix<double>(1, 1), Sigmoid.Instance),
    ]);

    /// <summary>
    /// The 2-4-1 network whose four hidden units start as copies of the seed-2 network's first unit (W1 rows, b1 and
    /// the outgoing weights all equal, not zero): symmetric like W = 0, but with a gradient to follow.
    /// </summary>
    public static Network<double> Identical(Activation hidden)
    {
        var seeded = PlanarTraining.Shallow(4, hidden, 2);
        var w1 = new Matrix<double>(4, 2);
        var w2 = new Matrix<double>(1, 4);
        for (int i = 0; i < 4; i++)
        {
            w1[i, 0] = seeded.Layers[0].W[0, 0];
            w1[i, 1] = seeded.Layers[0].W[0, 1];
            w2[0, i] = seeded.Layers[1].W[0, 0];
        }

        return new(
        [
            new DenseLayer<double>(w1, new Matrix<double>(4, 1), hidden),
            new DenseLayer<double>(w2, new Matrix<double>(1, 1), Sigmoid.Instance),
        ]);
    }

    private static string Note(Activation activation) => activation switch
    {
        Identity => "linear: same as logistic regression",
        Sigmoid => "outputs in (0, 1), slope at most 1/4",
        Tanh => "the lesson's choice: zero-centred",
        Relu => "slope 0 for z < 0",
        _ => "slope 0.01 for z < 0",
    };

    private static string Pct(double accuracy) => (accuracy * 100).ToString("F2", Inv) + "%";

    private static string F(double value) => value.ToString("F6", Inv);

    private static string G(double value) => value == 0 ? "0" : value.ToString("0.000E+00", Inv);
}
