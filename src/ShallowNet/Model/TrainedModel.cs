using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// A network together with what is needed to use it on raw data: the feature names it expects, the label name,
/// the classes, and the preprocessing. This is what the model file holds.
/// </summary>
/// <param name="Network">The parameters and activations, in double (the file's precision).</param>
/// <param name="Features">The feature names in input order, or null when unknown (weights from another tool).</param>
/// <param name="Label">The label column's name, or null.</param>
/// <param name="Classes">The classes in index order, or null.</param>
/// <param name="Preprocessing">Applied to raw features before the network.</param>
public sealed record TrainedModel(Network<double> Network, IReadOnlyList<string>? Features, string? Label, ClassLabels? Classes, Preprocessing Preprocessing)
{
    /// <summary>How the model was trained (tool version, arguments, data hash), or null when unknown.</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>The names of the regression targets when there are several (one per output unit), else null.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>What the network predicts, from its output activation: sigmoid → binary, softmax → multiclass, identity → regression.</summary>
    public OutputKind Kind => Network.Layers[^1].Activation switch
    {
        Activations.Sigmoid => OutputKind.Binary,
        Activations.Softmax => OutputKind.Multiclass,
        _ => OutputKind.Regression,
    };

    /// <summary>
    /// How the columns of a table become the features (categories, imputation); null for a model that takes its
    /// features as numbers by name (version-1 files, weights from another tool).
    /// </summary>
    public ColumnEncoding? Columns { get; init; }

    /// <summary>The id column <c>predict</c> copies to its output, or null.</summary>
    public string? IdColumn { get; init; }

    /// <summary>How regression targets were scaled for training (predictions are mapped back), or null.</summary>
    public TargetScaling? TargetScaling { get; init; }

    /// <summary>The encoding of a table's columns: <see cref="Columns"/>, or each feature as a number by name.</summary>
    public ColumnEncoding Encoding => Columns ?? ColumnEncoding.Numeric(Features ?? throw new InvalidOperationException("the model names no features"));

    /// <summary>Preprocesses raw X (n_x, m) as at training time.</summary>
    public Matrix<double> Prepare(Matrix<double> rawX) => Preprocessing.Apply(rawX);

    /// <summary>
    /// A[L] for raw X (n_x, m): preprocessed, through the network, and for a regression in the target's units. For a
    /// classifier these are the class probabilities.
    /// </summary>
    public Matrix<double> Predict(Matrix<double> rawX)
    {
        var a = Network.PredictProbabilities(Prepare(rawX));
        return TargetScaling is { } scaling ? scaling.Invert(a) : a;
    }

    /// <summary>The class (as written in the data) for a class index, or the index itself when the classes are unknown.</summary>
    public string ClassName(int index) =>
        Classes is { } c && index >= 0 && index < c.Count ? c.Names[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
