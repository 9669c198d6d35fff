using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>
/// A regressor in scikit-learn's habits: identity outputs and mean squared error, one output unit per target row.
/// X is (n_x, m) and Y is (targets, m), one example per column.
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
}
