using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Api;

/// <summary>
/// A classifier in scikit-learn's habits: <c>new ShallowNetClassifier(options).Fit(X, labels)</c> returns a
/// <see cref="FittedModel"/> that predicts, gives probabilities, saves and loads. Two classes get one sigmoid unit
/// (binary cross-entropy), more get softmax (cross-entropy). X is (n_x, m): one example per column, as in the lesson.
/// </summary>
/// <example>
/// <code>
/// var data = SyntheticData.Planar();
/// var model = new ShallowNetClassifier().Fit(data.X, data.RequireLabels());   // the lesson's 2-4-1 network
/// string[] predicted = model.Predict(data.X);
/// </code>
/// </example>
public sealed class ShallowNetClassifier(EstimatorOptions? options = null)
{
    /// <summary>The settings.</summary>
    public EstimatorOptions Options { get; } = options ?? new EstimatorOptions();

    /// <summary>Trains on X (n_x, m) and one label per example (any values; sorted, numerically when they are numbers).</summary>
    /// <exception cref="InvalidInputException">Fewer than two classes.</exception>
    /// <exception cref="ArgumentException">X and the labels differ in m.</exception>
    public FittedModel Fit(Matrix<double> x, IReadOnlyList<string> labels, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        var classes = ClassLabels.FromLabels(labels);
        if (classes.Count < 2)
        {
            throw new InvalidInputException($"the labels have {classes.Count} distinct value(s); a classifier needs at least 2");
        }

        var kind = classes.Count == 2 ? OutputKind.Binary : OutputKind.Multiclass;
        var y = kind == OutputKind.Binary ? classes.EncodeBinary<double>(labels, "labels") : classes.EncodeOneHot<double>(labels, "labels");
        return FittedModel.Fit(Options, x, y, kind, classes, featureNames);
    }

    /// <summary>Trains on a data set read with <see cref="CsvDataset"/> (its features and labels).</summary>
    public FittedModel Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.X, data.RequireLabels(), data.FeatureNames);
    }
}
