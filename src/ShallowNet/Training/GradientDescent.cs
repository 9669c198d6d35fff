using System.Numerics;
using ShallowNet.Model;

namespace ShallowNet.Training;

/// <summary>Plain gradient descent, the lesson's update: W[l] := W[l] − α·dW[l], b[l] := b[l] − α·db[l].</summary>
/// <param name="LearningRate">α.</param>
public sealed record GradientDescent(double LearningRate)
{
    /// <summary>Applies one step to every layer's parameters, in place.</summary>
    public void Step<T>(Network<T> network, Gradients<T> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(gradients);
        T alpha = T.CreateChecked(LearningRate);
        for (int l = 1; l <= network.Layers.Count; l++)
        {
            var layer = network.Layers[l - 1];
            Update(layer.W.AsSpan(), gradients.dW(l).AsSpan(), alpha);
            Update(layer.B.AsSpan(), gradients.db(l).AsSpan(), alpha);
        }
    }

    // θ := θ − α·dθ, rounded as NumPy's `W - learning_rate * dW` (the product first, no fused multiply-add).
    private static void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && theta.Length >= Vector<T>.Count)
        {
            var va = new Vector<T>(alpha);
            for (; i <= theta.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var t = new Vector<T>(theta[i..]);
                var d = new Vector<T>(dTheta[i..]);
                (t - (va * d)).CopyTo(theta[i..]);
            }
        }

        for (; i < theta.Length; i++)
        {
            theta[i] -= alpha * dTheta[i];
        }
    }
}
