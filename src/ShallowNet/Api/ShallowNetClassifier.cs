using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>
/// A classifier in scikit-learn's habits: <c>new ShallowNetClassifier(options).Fit(X, labels)</c> returns a
/// <see cref="FittedModel"/> that predicts, gives probabilities, saves and loads. Two classes get one sigmoid unit
/// (binary cross-entropy), more get softmax (cross-entropy). X is (n_x, m): one example per column, as in the lesson;
/// every Fit also takes rows × features (<c>double[][]</c> or <c>float[,]</c>, one example per row, as scikit-learn does).
/// </summary>
/// <example>
/// <code>
/// var data = SyntheticData.Planar();
/// var model = new ShallowNetClassifier().Fit(data.X, data.RequireLabels());   // the defaults: 2-100-1 ReLU, Adam
/// var lesson = new ShallowNetClassifier(EstimatorOptions.Lesson).Fit(data.X, data.RequireLabels());   // the lesson's 2-4-1 network
/// string[] predicted = model.Predict(data.X);
/// </code>
/// </example>
public sealed class ShallowNetClassifier(EstimatorOptions? options = null)
{
    /// <summary>The settings.</summary>
    public EstimatorOptions Options { get; } = options ?? new EstimatorOptions();

    /// <summary>
    /// Trains on X (n_x, m) and one label per example (any values; sorted, numerically when they are numbers), with
    /// optional per-example weights in the cost (scikit-learn's <c>sample_weight</c>, each ≥ 0).
    /// </summary>
    /// <exception cref="InvalidInputException">Fewer than two classes, many non-integer numeric classes (a regression target), or a negative weight.</exception>
    /// <exception cref="ArgumentException">X, the labels and the weights differ in m.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (for example ValidationFraction outside [0, 1)).</exception>
    public FittedModel Fit(Matrix<double> x, IReadOnlyList<string> labels, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        var data = new FitData("labels", x, featureNames ?? DefaultFeatureNames(x.Rows)) { LabelName = "y", Labels = labels, Weights = sampleWeights, WeightName = "sampleWeights" };
        return FitClasses(data);
    }

    /// <summary>
    /// Trains on rows × features, one example per row as in scikit-learn (<c>x[j]</c> is example j), and one label per
    /// row; the same fit, bit for bit, as <see cref="Fit(Matrix{double}, IReadOnlyList{string}, IReadOnlyList{string}?, IReadOnlyList{double}?)"/>
    /// on the transposed (n_x, m) matrix.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows, the rows differ in length, or the labels or weights are not one per row.</exception>
    /// <exception cref="InvalidInputException">Fewer than two classes, many non-integer numeric classes, or a negative weight.</exception>
    public FittedModel Fit(double[][] x, IReadOnlyList<string> labels, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null) =>
        FitRows(RowLayout.ToColumns(x, nameof(x)), labels, featureNames, sampleWeights);

    /// <summary>Trains on an m × n_x array, one example per row (each value widened to double), and one label per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the labels or weights are not one per row.</exception>
    /// <exception cref="InvalidInputException">Fewer than two classes, many non-integer numeric classes, or a negative weight.</exception>
    public FittedModel Fit(float[,] x, IReadOnlyList<string> labels, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null) =>
        FitRows(RowLayout.ToColumns(x, nameof(x)), labels, featureNames, sampleWeights);

    /// <summary>
    /// Trains on a data set read with <see cref="CsvDataset"/>: its features and labels, whose column names the model
    /// records (so the model file equals the tool's for the same file and settings), with optional per-example weights.
    /// </summary>
    /// <exception cref="InvalidInputException">The data has no labels, fewer than two classes, or a negative weight.</exception>
    public FittedModel Fit(Dataset data, IReadOnlyList<double>? sampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FitClasses(FitData.FromDataset(data) with { Weights = sampleWeights, WeightName = "sampleWeights" });
    }

    /// <summary>
    /// Trains on a table as the tool's <c>train</c> does (<see cref="TableFile.Read"/>): the label column taken out, the
    /// other columns encoded (numbers, one-hot text, missing values imputed; columns that look like ids left out) as
    /// <paramref name="columns"/> says, the encoding stored in the model. Warnings about the columns go to
    /// <paramref name="warnings"/> when given.
    /// </summary>
    /// <exception cref="InvalidInputException">A column is missing, a label is empty, or fewer than two classes.</exception>
    public FittedModel Fit(Table table, string label, ColumnRoles? columns = null, ICollection<string>? warnings = null)
    {
        var data = FittedModelTables.FitData(table, label, columns, warnings);
        return FitClasses(data);
    }

    // Rows converted to (n_x, m): the counts are checked here so that the message speaks of rows, not columns.
    private FittedModel FitRows(Matrix<double> x, IReadOnlyList<string> labels, IReadOnlyList<string>? featureNames, IReadOnlyList<double>? sampleWeights)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RowLayout.RequireCount(x, labels.Count, "labels", nameof(labels));
        RowLayout.RequireCount(x, sampleWeights?.Count ?? x.Cols, "sample weights", nameof(sampleWeights));
        return Fit(x, labels, featureNames, sampleWeights);
    }

    /// <summary>x0, x1, ...: the names of n_x unnamed features.</summary>
    internal static string[] DefaultFeatureNames(int count) =>
        [.. Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x{i}"))];

    // Two classes get one sigmoid unit, more get softmax: the kind is the classifier's, never inferred as regression.
    private FittedModel FitClasses(FitData data)
    {
        FitInputs.Check(data);                                      // a null label before the classes are counted
        var classes = ClassLabels.FromLabels(data.RequireLabels());
        if (classes.Count < 2)
        {
            throw new InvalidInputException($"the labels have {classes.Count} distinct value(s); a classifier needs at least 2");
        }

        return FittedModel.Fit(Options, data, classes.Count == 2 ? OutputKind.Binary : OutputKind.Multiclass);
    }
}
