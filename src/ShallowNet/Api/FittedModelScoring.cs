using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>
/// Score (scikit-learn's <c>score</c>: accuracy for a classifier, R² for a regression) and Evaluate (every measure of
/// <c>shallownet evaluate</c>, as an <see cref="EvaluationReport"/>) on X (n_x, m), on rows × features, or on a data set.
/// </summary>
public sealed partial class FittedModel
{
    /// <summary>Every measure of the model on raw X (n_x, m) against one label per column (a regression's labels are parsed as numbers).</summary>
    /// <exception cref="ArgumentException">X has not the model's n_x rows, or the labels are not one per column.</exception>
    /// <exception cref="InvalidInputException">A label is not one of the model's classes, or a regression label is not a number.</exception>
    public EvaluationReport Evaluate(Matrix<double> x, IReadOnlyList<string> labels)
    {
        Columns(x);
        ArgumentNullException.ThrowIfNull(labels);
        RequireCount(x, labels.Count, "labels", nameof(labels));
        if (Model.Kind != OutputKind.Regression)
        {
            return EvaluationReport.Compute(Model, x, labels, null, nameof(labels));
        }

        RequireOneTarget(nameof(labels));
        return EvaluationReport.Compute(Model, x, null, Targets.Values<double>(labels, nameof(labels), Model.Label ?? "y"), nameof(labels));
    }

    /// <summary>
    /// Every measure of the model on raw X (n_x, m) against Y: for a regression (targets, m); for a classifier one row
    /// (1, m) of numeric class labels.
    /// </summary>
    /// <exception cref="ArgumentException">X or Y has not the model's shape, or they differ in m.</exception>
    /// <exception cref="InvalidInputException">A value of Y is not one of the model's classes.</exception>
    public EvaluationReport Evaluate(Matrix<double> x, Matrix<double> y)
    {
        Columns(x);
        ArgumentNullException.ThrowIfNull(y);
        RequireCount(x, y.Cols, "targets (columns of Y)", nameof(y));
        if (Model.Kind != OutputKind.Regression)
        {
            return y.Rows == 1 ? Evaluate(x, Numbers(y.Row(0).ToArray()))
                : throw new ArgumentException($"Y has {y.Rows} rows; a classifier is evaluated against one row of class labels (or use the labels' overload)", nameof(y));
        }

        int outputs = Model.Network.Layers[^1].Units;
        return y.Rows == outputs ? EvaluationReport.Compute(Model, x, null, y, nameof(y))
            : throw new ArgumentException($"Y has {y.Rows} rows but the model predicts {outputs} targets", nameof(y));
    }

    /// <summary>Every measure of the model on rows × features (one example per row) against one label per row.</summary>
    /// <exception cref="ArgumentException">The rows are empty, ragged or of another width than the model's, or the labels are not one per row.</exception>
    /// <exception cref="InvalidInputException">A label is not one of the model's classes, or a regression label is not a number.</exception>
    public EvaluationReport Evaluate(double[][] x, IReadOnlyList<string> labels) => EvaluateRows(RowLayout.ToColumns(x, nameof(x)), labels);

    /// <summary>Every measure of the model on rows × features against one number per row: the target, or a numeric class label.</summary>
    /// <exception cref="ArgumentException">The rows are empty, ragged or of another width than the model's, or y is not one per row.</exception>
    /// <exception cref="InvalidInputException">A value is not one of the model's classes.</exception>
    public EvaluationReport Evaluate(double[][] x, IReadOnlyList<double> y) => EvaluateRows(RowLayout.ToColumns(x, nameof(x)), Numbers(y));

    /// <summary>Every measure of the model on an m × n_x array (one example per row) against one label per row.</summary>
    /// <exception cref="ArgumentException">The array is empty or of another width than the model's, or the labels are not one per row.</exception>
    /// <exception cref="InvalidInputException">A label is not one of the model's classes, or a regression label is not a number.</exception>
    public EvaluationReport Evaluate(float[,] x, IReadOnlyList<string> labels) => EvaluateRows(RowLayout.ToColumns(x, nameof(x)), labels);

    /// <summary>Every measure of the model on an m × n_x array against one number per row: the target, or a numeric class label.</summary>
    /// <exception cref="ArgumentException">The array is empty or of another width than the model's, or y is not one per row.</exception>
    /// <exception cref="InvalidInputException">A value is not one of the model's classes.</exception>
    public EvaluationReport Evaluate(float[,] x, IReadOnlyList<double> y) => EvaluateRows(RowLayout.ToColumns(x, nameof(x)), Numbers(y));

    /// <summary>
    /// Every measure of the model on a data set read with <see cref="CsvDataset"/>, as <c>shallownet evaluate</c> gives
    /// them for the same file: the model's features are taken by name when the data has them all (in the model's
    /// order), else by position; the label column (or, for several targets, the target columns read as extra columns).
    /// </summary>
    /// <exception cref="ArgumentException">The data has neither the model's features by name nor as many feature columns as the model takes.</exception>
    /// <exception cref="InvalidInputException">The data has no labels, a label is not one of the model's classes, or a regression label is not a number.</exception>
    public EvaluationReport Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = ModelFeatures(data);
        if (Model.Kind == OutputKind.Regression)
        {
            var y = TargetEncoding.Encode(OutputKind.Regression, null, data, Model.Targets);
            return EvaluationReport.Compute(Model, x, null, y, data.Source);
        }

        return EvaluationReport.Compute(Model, x, data.RequireLabels(), null, data.Source);
    }

    /// <summary>Accuracy (classifier) or R² (regression) on raw X (n_x, m) and one label per column; see <see cref="Evaluate(Matrix{double}, IReadOnlyList{string})"/>.</summary>
    public double Score(Matrix<double> x, IReadOnlyList<string> labels) => Evaluate(x, labels).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on raw X (n_x, m) and Y; see <see cref="Evaluate(Matrix{double}, Matrix{double})"/>.</summary>
    public double Score(Matrix<double> x, Matrix<double> y) => Evaluate(x, y).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on rows × features and one label per row.</summary>
    public double Score(double[][] x, IReadOnlyList<string> labels) => Evaluate(x, labels).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on rows × features and one number per row, as scikit-learn's <c>score(X, y)</c>.</summary>
    public double Score(double[][] x, IReadOnlyList<double> y) => Evaluate(x, y).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on an m × n_x array and one label per row.</summary>
    public double Score(float[,] x, IReadOnlyList<string> labels) => Evaluate(x, labels).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on an m × n_x array and one number per row.</summary>
    public double Score(float[,] x, IReadOnlyList<double> y) => Evaluate(x, y).Score;

    /// <summary>Accuracy (classifier) or R² (regression) on a data set; see <see cref="Evaluate(Dataset)"/>.</summary>
    public double Score(Dataset data) => Evaluate(data).Score;

    private static void RequireCount(Matrix<double> x, int count, string what, string name)
    {
        if (count != x.Cols)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"X has {x.Cols} examples but {count} {what}; give one per example"), name);
        }
    }

    // Numbers as labels: class names of numeric classes compare by value, and a regression parses them back exactly.
    private static string[] Numbers(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
    }

    private EvaluationReport EvaluateRows(Matrix<double> x, IReadOnlyList<string> labels) => Evaluate(Rows(x), labels);

    private void Columns(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int inputs = Model.Network.Inputs;
        if (x.Rows != inputs)
        {
            throw new ArgumentException($"X has {x.Rows} features (rows) but the model takes {inputs}; X must be n_x × m", nameof(x));
        }
    }

    private void RequireOneTarget(string name)
    {
        int outputs = Model.Network.Layers[^1].Units;
        if (outputs != 1)
        {
            throw new ArgumentException($"the model predicts {outputs} targets; evaluate it against Y (targets, m)", name);
        }
    }

    // The model's features from the data: by name when the data has them all, else by position when the count agrees.
    private Matrix<double> ModelFeatures(Dataset data)
    {
        var names = Model.Features;
        var available = data.FeatureNames.ToList();
        if (names is not null && !names.SequenceEqual(available) && names.All(available.Contains))
        {
            var x = new Matrix<double>(names.Count, data.Examples);
            for (int i = 0; i < names.Count; i++)
            {
                data.X.Row(available.IndexOf(names[i])).CopyTo(x.Row(i));
            }

            return x;
        }

        int inputs = Model.Network.Inputs;
        return data.X.Rows == inputs ? data.X
            : throw new ArgumentException($"{data.Source}: {data.X.Rows} feature columns, but the model takes {inputs} inputs{(names is null ? string.Empty : $" ({string.Join(", ", names)})")}", nameof(data));
    }
}
