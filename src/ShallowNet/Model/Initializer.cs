using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Model;

/// <summary>
/// Creates a network with random initial weights exactly as NumPy would: layer by layer, l = 1..L, W[l] is drawn as
/// <c>np.random.randn(n[l], n[l-1])</c> (row-major) times the scheme's scale; b[l] = 0 and draws nothing.
/// With seed 2 and <see cref="InitScheme.Small"/>, the 2-4-1 network gets the course's W1 and W2 bit for bit.
/// </summary>
public static class Initializer
{
    /// <summary>The lesson's default scale for <see cref="InitScheme.Small"/>.</summary>
    public const double DefaultSmallScale = 0.01;

    /// <summary>
    /// A network with layer sizes n[0..L] (<paramref name="sizes"/>, length L + 1) and one activation per layer
    /// (length L), initialised from <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes and activations do not match, or a size is not positive.</exception>
    public static Network<T> Create<T>(IReadOnlyList<int> sizes, IReadOnlyList<Activation> activations, NumpyRandom random, InitScheme scheme = InitScheme.Small, double smallScale = DefaultSmallScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(random);
        if (sizes.Count < 2 || activations.Count != sizes.Count - 1)
        {
            throw new ArgumentException($"need L + 1 layer sizes and L activations; got {sizes.Count} sizes and {activations.Count} activations", nameof(activations));
        }

        if (sizes.Any(n => n <= 0))
        {
            throw new ArgumentException($"every layer size must be positive; got [{string.Join(", ", sizes)}]", nameof(sizes));
        }

        var layers = new List<DenseLayer<T>>();
        for (int l = 1; l < sizes.Count; l++)
        {
            int n = sizes[l], nPrev = sizes[l - 1];
            double[] w = random.Randn(n, nPrev);                 // np.random.randn(n[l], n[l-1])
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = Scale(w[i], scheme, smallScale, n, nPrev);
            }

            var weights = new Matrix<T>(n, nPrev);
            for (int i = 0; i < w.Length; i++)
            {
                weights.Data[i] = T.CreateChecked(w[i]);
            }

            layers.Add(new DenseLayer<T>(weights, new Matrix<T>(n, 1), activations[l - 1]));
        }

        return new Network<T>(layers);
    }

    // Each scheme is written the way the course's NumPy code writes it, so the rounding matches too.
    private static double Scale(double w, InitScheme scheme, double smallScale, int n, int nPrev) => scheme switch
    {
        InitScheme.Small => w * smallScale,
        InitScheme.Lecun => w / Math.Sqrt(nPrev),
        InitScheme.He => w * Math.Sqrt(2.0 / nPrev),
        InitScheme.Glorot => w * Math.Sqrt(2.0 / (nPrev + n)),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown init scheme"),
    };
}
