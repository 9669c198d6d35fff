using System.Numerics;

namespace ShallowNet.Training.Optimizers;

/// <summary>Plain gradient descent, the lesson's update: θ := θ − α·dθ for every W[l] and b[l].</summary>
public sealed record GradientDescent : Optimizer
{
    /// <inheritdoc/>
    public override string Name => "gd";

    /// <inheritdoc/>
    protected override void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
    {
        // Rounded as NumPy's `W - learning_rate * dW`: the product first, no fused multiply-add.
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
