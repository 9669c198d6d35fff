using System.Numerics;
using System.Numerics.Tensors;
using ShallowNet.Activations;
using ShallowNet.Numerics;

namespace ShallowNet.Losses;

/// <summary>
/// A cost J(A[L], Y) paired with the output activation that makes its output error simple:
/// for each pairing dZ[L] = A[L] − Y (sigmoid + binary cross-entropy; softmax + cross-entropy; identity + MSE).
/// </summary>
public abstract class Loss
{
    /// <summary>The name (binary_cross_entropy, ...).</summary>
    public abstract string Name { get; }

    /// <summary>Whether this loss is defined for an output layer with activation <paramref name="output"/>.</summary>
    public abstract bool Accepts(Activation output);

    /// <summary>
    /// J computed from the output layer's pre-activation Z[L] (stable at saturation) or, where the loss
    /// needs it, A[L]. Both are (n[L], m); Y is (n[L], m). With sample weights w (length m) each example's loss is
    /// multiplied by w_j, still divided by m. Summed in double whatever T is.
    /// </summary>
    public abstract double Cost<T>(Matrix<T> zL, Matrix<T> aL, Matrix<T> y, ReadOnlySpan<T> weights = default)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// dZ[L] = A[L] − Y, written into <paramref name="dzL"/> (n[L], m); with sample weights, column j is multiplied by
    /// w_j (the derivative of the weighted cost).
    /// </summary>
    public virtual void OutputError<T>(Matrix<T> aL, Matrix<T> y, Matrix<T> dzL, ReadOnlySpan<T> weights = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aL);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(dzL);
        TensorPrimitives.Subtract(aL.AsSpan(), y.AsSpan(), dzL.AsSpan());
        if (!weights.IsEmpty)
        {
            for (int i = 0; i < dzL.Rows; i++)
            {
                TensorPrimitives.Multiply(dzL.Row(i), weights, dzL.Row(i));
            }
        }
    }

    /// <summary>The loss that goes with an output activation: sigmoid → binary cross-entropy, softmax → cross-entropy, identity → MSE.</summary>
    /// <exception cref="ArgumentException">No loss pairs with that output activation.</exception>
    public static Loss ForOutput(Activation output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var loss in new Loss[] { BinaryCrossEntropy.Instance, SoftmaxCrossEntropy.Instance, MeanSquaredError.Instance })
        {
            if (loss.Accepts(output))
            {
                return loss;
            }
        }

        throw new ArgumentException($"no loss is paired with a {output.Name} output layer (use sigmoid, softmax or identity)", nameof(output));
    }

    /// <summary>Checks that Y has the output's shape and the weights, when given, one value per example.</summary>
    protected static void CheckShapes<T>(Matrix<T> output, Matrix<T> y, ReadOnlySpan<T> weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(y);
        if (output.Rows != y.Rows || output.Cols != y.Cols)
        {
            throw new ArgumentException($"Y must have the output's shape {output.Shape}, got {y.Shape}", nameof(y));
        }

        if (!weights.IsEmpty && weights.Length != y.Cols)
        {
            throw new ArgumentException($"need one sample weight per example ({y.Cols}), got {weights.Length}", nameof(weights));
        }
    }
}
