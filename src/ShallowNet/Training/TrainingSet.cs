using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Training;

/// <summary>Examples to train or validate on: X (n[0], m), Y (n[L], m), and optional per-example weights (length m).</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="X">Inputs, one example per column.</param>
/// <param name="Y">Targets: 0/1 for sigmoid, one-hot columns for softmax, values for regression.</param>
/// <param name="Weights">Per-example weights in the cost and its gradient (null = all 1).</param>
public sealed record TrainingSet<T>(Matrix<T> X, Matrix<T> Y, T[]? Weights = null)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>m.</summary>
    public int Examples => X.Cols;

    /// <summary>Checks that X, Y and the weights agree on m.</summary>
    /// <exception cref="ArgumentException">They do not.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(Y);
        if (Y.Cols != X.Cols)
        {
            throw new ArgumentException($"X has {X.Cols} examples but Y has {Y.Cols} (Y must be n[L] × m, got {Y.Shape})");
        }

        if (Weights is not null && Weights.Length != X.Cols)
        {
            throw new ArgumentException($"need one weight per example ({X.Cols}), got {Weights.Length}");
        }
    }
}
