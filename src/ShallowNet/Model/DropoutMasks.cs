using System.Numerics;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Model;

/// <summary>
/// Inverted dropout masks for the hidden layers of one forward pass: D[l] (n[l], m) of 0s and 1s, drawn as
/// <c>np.random.rand(n[l], m) &lt; keep_prob</c>; the forward pass uses A[l] ∗ D[l] / keep_prob and back-propagation
/// dA[l] ∗ D[l] / keep_prob. Fixed masks make dropout deterministic, so gradient checks can hold them still.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class DropoutMasks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>?[] _masks;
    private readonly double[] _keep;

    /// <summary>Allocates masks for the hidden layers of <paramref name="network"/> and m examples.</summary>
    /// <param name="network">The network.</param>
    /// <param name="m">Examples per forward pass.</param>
    /// <param name="keepProbability">The probability of keeping a unit, one per hidden layer (1 = no dropout there).</param>
    /// <exception cref="ArgumentException">Not one keep probability per hidden layer, or one outside (0, 1].</exception>
    public DropoutMasks(Network<T> network, int m, IReadOnlyList<double> keepProbability)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keepProbability);
        int hidden = network.Layers.Count - 1;
        if (keepProbability.Count != hidden)
        {
            throw new ArgumentException($"need one keep probability per hidden layer ({hidden}), got {keepProbability.Count}", nameof(keepProbability));
        }

        _keep = [.. keepProbability];
        _masks = new Matrix<T>?[hidden];
        for (int l = 0; l < hidden; l++)
        {
            if (!(_keep[l] > 0 && _keep[l] <= 1))
            {
                throw new ArgumentException($"keep probability {_keep[l]} for layer {l + 1} is not in (0, 1]", nameof(keepProbability));
            }

            _masks[l] = _keep[l] < 1 ? new Matrix<T>(network.Layers[l].Units, m) : null;
        }

        Examples = m;
    }

    /// <summary>m, the number of examples the masks cover.</summary>
    public int Examples { get; }

    /// <summary>The keep probability of hidden layer l (1-based).</summary>
    public double KeepProbability(int l) => _keep[l - 1];

    /// <summary>D[l] for hidden layer l (1-based), or null where that layer keeps every unit.</summary>
    public Matrix<T>? Mask(int l) => l >= 1 && l <= _masks.Length ? _masks[l - 1] : null;

    /// <summary>Draws new masks: D[l] = rand(n[l], m) &lt; keep[l], layer by layer, row-major.</summary>
    public void Draw(NumpyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int l = 0; l < _masks.Length; l++)
        {
            if (_masks[l] is not { } mask)
            {
                continue;
            }

            var d = mask.AsSpan();
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = random.NextDouble() < _keep[l] ? T.One : T.Zero;
            }
        }
    }

    /// <summary>
    /// y ← x ∗ D[l] / keep[l] for hidden layer l (A[l] from g(Z[l]) forward, dA[l] in place backward), rounded as the
    /// course's <c>A = A * D; A = A / keep_prob</c>. Does nothing where layer l keeps every unit.
    /// </summary>
    internal void Apply(int l, Matrix<T> x, Matrix<T> y)
    {
        if (Mask(l) is not { } mask)
        {
            if (!ReferenceEquals(x, y))
            {
                x.AsSpan().CopyTo(y.AsSpan());
            }

            return;
        }

        T keep = T.CreateChecked(_keep[l - 1]);
        var d = mask.AsSpan();
        var src = x.AsSpan();
        var dst = y.AsSpan();
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = src[i] * d[i] / keep;
        }
    }
}
