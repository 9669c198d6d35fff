using ShallowNet.Numerics;

namespace ShallowNet.Api;

/// <summary>
/// A regressor in scikit-learn's habits: identity outputs and mean squared error, one output unit per target row.
/// X is (n_x, m) and Y is (targets, m), one example per column.
/// </summary>
public sealed class ShallowNetRegressor(EstimatorOptions? options = null)
{
    /// <summary>The settings.</summary>
    public EstimatorOptions Options { get; } = options ?? new EstimatorOptions();

    /// <summary>Trains on X (n_x, m) and targets Y (targets, m).</summary>
    /// <exception cref="ArgumentException">X and Y differ in m.</exception>
    public FittedModel Fit(Matrix<double> x, Matrix<double> y, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return FittedModel.Fit(Options, x, y, Data.OutputKind.Regression, null, featureNames);
    }
}
