using System.Numerics;
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
    /// needs it, A[L]. Both are (n[L], m); Y is (n[L], m). Summed in double whatever T is.
    /// </summary>
    public abstract double Cost<T>(Matrix<T> zL, Matrix<T> aL, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dZ[L] = A[L] − Y, written into <paramref name="dzL"/> (n[L], m).</summary>
    public virtual void OutputError<T>(Matrix<T> aL, Matrix<T> y, Matrix<T> dzL)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aL);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(dzL);
        System.Numerics.Tensors.TensorPrimitives.Subtract(aL.AsSpan(), y.AsSpan(), dzL.AsSpan());
    }

    /// <summary>The loss that goes with an output activation: sigmoid → binary cross-entropy.</summary>
    /// <exception cref="ArgumentException">No loss pairs with that output activation yet.</exception>
    public static Loss ForOutput(Activation output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (BinaryCrossEntropy.Instance.Accepts(output))
        {
            return BinaryCrossEntropy.Instance;
        }

        throw new ArgumentException($"no loss is paired with a {output.Name} output layer (use sigmoid)", nameof(output));
    }
}
