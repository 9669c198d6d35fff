using System.Numerics;
using System.Numerics.Tensors;
using ShallowNet.Model;

namespace ShallowNet.Training;

/// <summary>Clipping by global norm: when ‖g‖₂ over every dW[l] and db[l] exceeds c, all are scaled by c/‖g‖₂.</summary>
internal static class GradientClipping
{
    /// <summary>Clips in place; returns the norm before clipping.</summary>
    public static double ClipByNorm<T>(Gradients<T> gradients, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradients);
        double sum = 0;
        foreach (var g in gradients.Parameters)
        {
            foreach (var v in g.AsSpan())
            {
                double d = double.CreateTruncating(v);
                sum += d * d;
            }
        }

        double norm = Math.Sqrt(sum);
        if (norm > maxNorm && norm > 0)
        {
            T scale = T.CreateChecked(maxNorm / norm);
            foreach (var g in gradients.Parameters)
            {
                TensorPrimitives.Multiply(g.AsSpan(), scale, g.AsSpan());
            }
        }

        return norm;
    }
}
