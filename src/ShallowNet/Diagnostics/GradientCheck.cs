using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Diagnostics;

/// <summary>
/// Gradient checking, in double: every parameter θ_i is nudged by ±ε and the two-sided difference
/// (J(θ + ε) − J(θ − ε)) / 2ε is compared with back-propagation's dθ_i. The course's measure is
/// ‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂); below 1e-7 the gradients are right.
/// <para>
/// The differences have a floor of their own: J is computed to a relative rounding of a few units of 2⁻⁵³ per example
/// summed, so each approx carries an error of about √m·u·|J|/ε. Where J is large (an untrained regression model whose
/// targets are in the hundreds: J ≈ 10⁵, that floor is 10⁻⁴ per parameter at ε = 10⁻⁷) the course's measure can exceed
/// 1e-7 on correct back-propagation; the result then also passes when the difference is within that floor and the floor
/// is small beside the gradient (so that a wrong derivative, which is of the gradient's size, still fails).
/// </para>
/// </summary>
public static class GradientCheck
{
    /// <summary>The course's ε.</summary>
    public const double DefaultEpsilon = 1e-7;

    /// <summary>
    /// Checks back-propagation of <paramref name="network"/> on X (n[0], m), Y (n[L], m), with the L2 penalty λ and
    /// fixed dropout masks when given (the same masks for every nudge, so J is a fixed function of θ). The network is
    /// left unchanged.
    /// </summary>
    public static GradientCheckResult Run(Network<double> network, Matrix<double> x, Matrix<double> y, double epsilon = DefaultEpsilon, double l2 = 0, DropoutMasks<double>? dropout = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive");
        }

        var cache = new ForwardCache<double>(network, x.Cols);
        network.Forward(x, cache, null, dropout);
        var gradients = new Gradients<double>(network, x.Cols);
        network.Backward(cache, y, gradients, null, l2);

        double diff2 = 0, grad2 = 0, approx2 = 0, worst = 0, costScale = 0;
        string worstName = string.Empty;
        int count = 0;
        for (int l = 1; l <= network.Layers.Count; l++)
        {
            var layer = network.Layers[l - 1];
            foreach (var (theta, dTheta, name) in new[] { (layer.W, gradients.dW(l), "W"), (layer.B, gradients.db(l), "b") })
            {
                for (int i = 0; i < theta.Length; i++)
                {
                    double saved = theta.Data[i];
                    theta.Data[i] = saved + epsilon;
                    double plus = Cost(network, x, y, cache, l2, dropout);
                    theta.Data[i] = saved - epsilon;
                    double minus = Cost(network, x, y, cache, l2, dropout);
                    theta.Data[i] = saved;

                    double approx = (plus - minus) / (2 * epsilon);
                    costScale = Math.Max(costScale, Math.Max(Math.Abs(plus), Math.Abs(minus)));
                    double grad = dTheta.Data[i];
                    double d = grad - approx;
                    diff2 += d * d;
                    grad2 += grad * grad;
                    approx2 += approx * approx;
                    count++;
                    if (Math.Abs(d) > worst)
                    {
                        worst = Math.Abs(d);
                        worstName = $"{name}[{l}][{i / theta.Cols}, {i % theta.Cols}]";
                    }
                }
            }
        }

        double denominator = Math.Sqrt(grad2) + Math.Sqrt(approx2);
        double relative = denominator == 0 ? 0 : Math.Sqrt(diff2) / denominator;
        // each approx's rounding, about √m·u·|J|/ε (u = 2⁻⁵³), with a factor 4 of headroom; over the parameters, in norm
        double perParameter = 4 * Math.Sqrt(x.Cols) * Math.ScaleB(1.0, -53) * costScale / epsilon;
        return new GradientCheckResult(relative, count, worst, worstName, epsilon)
        {
            GradientNorm = Math.Sqrt(grad2),
            DifferenceNorm = Math.Sqrt(diff2),
            RoundingBound = perParameter * Math.Sqrt(count),
        };
    }

    private static double Cost(Network<double> network, Matrix<double> x, Matrix<double> y, ForwardCache<double> cache, double l2, DropoutMasks<double>? dropout)
    {
        network.Forward(x, cache, null, dropout);
        return network.Cost(cache, y, l2);
    }
}

/// <summary>The outcome of a gradient check.</summary>
/// <param name="RelativeDifference">‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂).</param>
/// <param name="Parameters">How many parameters were checked.</param>
/// <param name="MaxAbsoluteError">The largest |grad_i − approx_i|.</param>
/// <param name="WorstParameter">Which parameter had it, as W[l][i, j] or b[l][i, 0].</param>
/// <param name="Epsilon">The ε used.</param>
public sealed record GradientCheckResult(double RelativeDifference, int Parameters, double MaxAbsoluteError, string WorstParameter, double Epsilon)
{
    /// <summary>The course's threshold: below it back-propagation is taken to be correct.</summary>
    public const double Threshold = 1e-7;

    /// <summary>
    /// Whether back-propagation is taken to be right: <see cref="RelativeDifference"/> below <see cref="Threshold"/>, or
    /// (<see cref="WithinRounding"/>) a difference no larger than the finite differences' own rounding.
    /// </summary>
    public bool Passed => RelativeDifference < Threshold || WithinRounding;

    /// <summary>‖grad − approx‖₂.</summary>
    public double DifferenceNorm { get; init; }

    /// <summary>
    /// About how large ‖grad − approx‖₂ can be from rounding in J alone: √(parameters)·4·√m·u·max|J|/ε, u = 2⁻⁵³.
    /// </summary>
    public double RoundingBound { get; init; }

    /// <summary>
    /// Whether the difference is within <see cref="RoundingBound"/> while that bound is under 1% of the gradient's norm:
    /// correct back-propagation whose check is limited by the scale of J, not a wrong derivative (which differs by about
    /// the gradient itself).
    /// </summary>
    public bool WithinRounding => DifferenceNorm <= RoundingBound && RoundingBound < 0.01 * GradientNorm;

    /// <summary>‖grad‖₂ from back-propagation.</summary>
    public double GradientNorm { get; init; }

    /// <summary>
    /// Whether the gradient is so small (a converged model) that rounding in the finite differences alone, about
    /// 1e-16/ε per parameter, could exceed <see cref="Threshold"/> relative to it: then a failed check says little
    /// about back-propagation.
    /// </summary>
    public bool GradientTooSmallToCheck => GradientNorm * Threshold < 1e-16 / Epsilon * Math.Sqrt(Parameters);
}
