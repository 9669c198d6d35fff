using System.Numerics;
using System.Text;
using ShallowNet.Losses;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// A fully connected network of L dense layers (the lesson's shallow network is L = 2). Forward fills a
/// <see cref="ForwardCache{T}"/> (Z[l], A[l]); Backward fills <see cref="Gradients{T}"/> (dW[l], db[l]) from it with the
/// lesson's equations 3.44–3.49 generalised to L layers. The parameters are the only state.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Network<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DenseLayer<T>[] _layers;

    /// <summary>Chains the layers; each layer's inputs must equal the previous layer's units.</summary>
    /// <exception cref="ArgumentException">No layers, or the shapes do not chain, or no loss pairs with the output activation.</exception>
    public Network(IEnumerable<DenseLayer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        }

        for (int l = 1; l < _layers.Length; l++)
        {
            if (_layers[l].Inputs != _layers[l - 1].Units)
            {
                throw new ArgumentException(
                    $"layer {l + 1} {_layers[l].Describe()} does not follow layer {l} {_layers[l - 1].Describe()}: expected {_layers[l - 1].Units} inputs",
                    nameof(layers));
            }
        }

        Loss = Loss.ForOutput(_layers[^1].Activation);
    }

    /// <summary>The layers l = 1..L (index l − 1).</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => _layers;

    /// <summary>n[0] = n_x.</summary>
    public int Inputs => _layers[0].Inputs;

    /// <summary>n[L].</summary>
    public int Outputs => _layers[^1].Units;

    /// <summary>The cost paired with the output activation (sigmoid → binary cross-entropy).</summary>
    public Loss Loss { get; }

    /// <summary>Σ_l n[l]·n[l-1] + n[l].</summary>
    public int ParameterCount => _layers.Sum(l => l.ParameterCount);

    /// <summary>The layer sizes n[0], n[1], ..., n[L].</summary>
    public int[] Sizes => [Inputs, .. _layers.Select(l => l.Units)];

    /// <summary>Runs the forward pass on X (n[0], m) into a new cache.</summary>
    public ForwardCache<T> Forward(Matrix<T> x, Compute? compute = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var cache = new ForwardCache<T>(this, x.Cols);
        Forward(x, cache, compute);
        return cache;
    }

    /// <summary>
    /// The forward pass into a cache the caller owns: A[0] = X; for l = 1..L, Z[l] = W[l]·A[l-1] + b[l],
    /// A[l] = g[l](Z[l]).
    /// </summary>
    /// <exception cref="ArgumentException">X does not have n[0] rows, or the cache was made for another m.</exception>
    public void Forward(Matrix<T> x, ForwardCache<T> cache, Compute? compute = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cache);
        if (x.Rows != Inputs)
        {
            throw new ArgumentException($"the network expects X with {Inputs} rows (features × examples), got {x.Shape}", nameof(x));
        }

        if (cache.Examples != x.Cols || cache.Layers != _layers.Length)
        {
            throw new ArgumentException($"the cache holds {cache.Examples} examples for {cache.Layers} layers; X has {x.Cols} examples", nameof(cache));
        }

        cache.SetInput(x);
        for (int l = 1; l <= _layers.Length; l++)
        {
            _layers[l - 1].Forward(cache.A(l - 1), cache.Z(l), cache.A(l), compute);
        }
    }

    /// <summary>J for the forward pass in <paramref name="cache"/> against labels Y (n[L], m).</summary>
    public double Cost(ForwardCache<T> cache, Matrix<T> y)
    {
        ArgumentNullException.ThrowIfNull(cache);
        CheckLabels(y, cache.Examples);
        return Loss.Cost(cache.Z(_layers.Length), cache.Output, y);
    }

    /// <summary>Back-propagation from the cache and labels Y (n[L], m) into new gradients.</summary>
    public Gradients<T> Backward(ForwardCache<T> cache, Matrix<T> y, Compute? compute = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var gradients = new Gradients<T>(this, cache.Examples);
        Backward(cache, y, gradients, compute);
        return gradients;
    }

    /// <summary>
    /// Back-propagation into gradients the caller owns:
    /// dZ[L] = A[L] − Y; for l = L..1: dW[l] = (1/m) dZ[l]·A[l-1]ᵀ, db[l] = (1/m) Σ_columns dZ[l],
    /// and dZ[l-1] = W[l]ᵀ·dZ[l] ∗ g[l-1]'(Z[l-1]).
    /// </summary>
    /// <exception cref="ArgumentException">Y is not (n[L], m), or the gradients were made for another m.</exception>
    public void Backward(ForwardCache<T> cache, Matrix<T> y, Gradients<T> gradients, Compute? compute = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(gradients);
        CheckLabels(y, cache.Examples);
        if (gradients.Examples != cache.Examples || gradients.Layers != _layers.Length)
        {
            throw new ArgumentException($"the gradients were made for {gradients.Examples} examples; the cache has {cache.Examples}", nameof(gradients));
        }

        int last = _layers.Length;
        Loss.OutputError(cache.A(last), y, gradients.dZ(last));                       // dZ[L] = A[L] − Y
        for (int l = last; l >= 1; l--)
        {
            var daPrev = l > 1 ? gradients.dZ(l - 1) : null;
            _layers[l - 1].Backward(gradients.dZ(l), cache.A(l - 1), gradients.dW(l), gradients.db(l), daPrev, compute);
            if (daPrev is not null)
            {
                // dZ[l-1] = dA[l-1] ∗ g[l-1]'(Z[l-1]), in place over dA[l-1]
                _layers[l - 2].Activation.Backward<T>(cache.Z(l - 1).AsSpan(), cache.A(l - 1).AsSpan(), daPrev.AsSpan(), daPrev.AsSpan());
            }
        }
    }

    /// <summary>A[L] for X (n[0], m): for a sigmoid output, the probability of the second class per column.</summary>
    public Matrix<T> PredictProbabilities(Matrix<T> x) => Forward(x).Output.Clone();

    /// <summary>The predicted class index of each example: a &gt; 0.5 for one sigmoid output (the lesson's rule).</summary>
    public int[] Predict(Matrix<T> x)
    {
        var a = Forward(x).Output;
        var classes = new int[a.Cols];
        T half = T.CreateChecked(0.5);
        for (int j = 0; j < a.Cols; j++)
        {
            classes[j] = a[0, j] > half ? 1 : 0;
        }

        return classes;
    }

    /// <summary>A deep copy.</summary>
    public Network<T> Clone() => new(_layers.Select(l => l.Clone()));

    /// <summary>The same network in another precision.</summary>
    public Network<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
        => new(_layers.Select(l => l.Convert<TOther>()));

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Network(");
        foreach (var layer in _layers)
        {
            sb.Append("\n  ").Append(layer);
        }

        sb.Append($"\n)  # {ParameterCount} parameters");
        return sb.ToString();
    }

    private void CheckLabels(Matrix<T> y, int m)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rows != Outputs || y.Cols != m)
        {
            throw new ArgumentException($"Y must be {Outputs}×{m} (n[L] × m), got {y.Shape}", nameof(y));
        }
    }
}
