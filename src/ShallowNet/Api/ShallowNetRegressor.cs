using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>
/// A regressor in scikit-learn's habits: identity outputs and mean squared error, one output unit per target row.
/// X is (n_x, m) and Y is (targets, m), one example per column, as in the lesson; every Fit also takes rows × features
/// (<c>double[][]</c> or <c>float[,]</c>, one example per row, as scikit-learn does).
/// </summary>
public sealed class ShallowNetRegressor(EstimatorOptions? options = null)
{
    /// <summary>The settings.</summary>
    public EstimatorOptions Options { get; } = options ?? new EstimatorOptions();

    /// <summary>Trains on X (n_x, m) and targets Y (targets, m), with optional per-example weights in the cost (each ≥ 0).</summary>
    /// <exception cref="ArgumentException">X, Y and the weights differ in m.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (for example ValidationFraction outside [0, 1)).</exception>
    /// <exception cref="InvalidInputException">A weight is negative, or balanced class weights are asked for.</exception>
    public FittedModel Fit(Matrix<double> x, Matrix<double> y, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var data = new FitData("targets", x, featureNames ?? ShallowNetClassifier.DefaultFeatureNames(x.Rows)) { LabelName = "y", Y = y, Weights = sampleWeights, WeightName = "sampleWeights" };
        return FittedModel.Fit(Options, data, OutputKind.Regression);
    }

    /// <summary>
    /// Trains on rows × features, one example per row as in scikit-learn, and one target per row; the same fit, bit for
    /// bit, as <see cref="Fit(Matrix{double}, Matrix{double}, IReadOnlyList{string}?, IReadOnlyList{double}?)"/> on the
    /// transposed matrices.
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows, the rows differ in length, or the targets or weights are not one per row.</exception>
    /// <exception cref="InvalidInputException">A weight is negative, or balanced class weights are asked for.</exception>
    public FittedModel Fit(double[][] x, IReadOnlyList<double> y, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null) =>
        FitRows(RowLayout.ToColumns(x, nameof(x)), y, featureNames, sampleWeights);

    /// <summary>Trains on an m × n_x array, one example per row (each value widened to double), and one target per row.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the targets or weights are not one per row.</exception>
    /// <exception cref="InvalidInputException">A weight is negative, or balanced class weights are asked for.</exception>
    public FittedModel Fit(float[,] x, IReadOnlyList<double> y, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null) =>
        FitRows(RowLayout.ToColumns(x, nameof(x)), y, featureNames, sampleWeights);

    /// <summary>Trains on rows × features and several targets per row (<c>y[j]</c> holds example j's targets, as scikit-learn's 2-D y).</summary>
    /// <exception cref="ArgumentException">There are no rows, the rows of x or of y differ in length, or y or the weights are not one per row.</exception>
    /// <exception cref="InvalidInputException">A weight is negative, or balanced class weights are asked for.</exception>
    public FittedModel Fit(double[][] x, double[][] y, IReadOnlyList<string>? featureNames = null, IReadOnlyList<double>? sampleWeights = null)
    {
        var columns = RowLayout.ToColumns(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        RowLayout.RequireCount(columns, y.Length, "rows of targets", nameof(y));
        RowLayout.RequireCount(columns, sampleWeights?.Count ?? columns.Cols, "sample weights", nameof(sampleWeights));
        return Fit(columns, RowLayout.ToColumns(y, nameof(y)), featureNames, sampleWeights);
    }

    /// <summary>
    /// Trains on a data set read with <see cref="CsvDataset"/>: its features and its label column parsed as numbers, with
    /// the column names recorded in the model (so the model file equals the tool's <c>train</c> of a numeric label with the
    /// same settings), and optional per-example weights.
    /// </summary>
    /// <exception cref="InvalidInputException">The data has no labels, a label is not a number, or a weight is negative.</exception>
    /// <exception cref="ArgumentException">The weights are not one per example.</exception>
    public FittedModel Fit(Dataset data, IReadOnlyList<double>? sampleWeights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _ = data.RequireLabels();
        return FittedModel.Fit(Options, FitData.FromDataset(data) with { Weights = sampleWeights, WeightName = "sampleWeights" }, OutputKind.Regression);
    }

    /// <summary>
    /// Trains on a table as the tool's <c>train</c> does: the target column taken out, the other columns encoded as
    /// <paramref name="columns"/> says (numbers, one-hot text, missing values imputed), the target standardised when the
    /// inputs are; all of it stored in the model. Warnings about the columns go to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A column is missing, or a target cell is empty or not a number.</exception>
    public FittedModel Fit(Table table, string label, ColumnRoles? columns = null, ICollection<string>? warnings = null)
    {
        var data = FittedModelTables.FitData(table, label, columns, warnings);
        return FittedModel.Fit(Options, data, OutputKind.Regression);
    }

    // Rows converted to (n_x, m): the counts are checked here so that the message speaks of rows, not columns.
    private FittedModel FitRows(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<string>? featureNames, IReadOnlyList<double>? sampleWeights)
    {
        ArgumentNullException.ThrowIfNull(y);
        RowLayout.RequireCount(x, y.Count, "targets", nameof(y));
        RowLayout.RequireCount(x, sampleWeights?.Count ?? x.Cols, "sample weights", nameof(sampleWeights));
        return Fit(x, RowLayout.ToRow(y, nameof(y)), featureNames, sampleWeights);
    }
}
