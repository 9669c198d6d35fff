using System.Numerics;
using System.Text;
using ShallowNet.Activations;
using ShallowNet.Kernels;
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
    /// <exception cref="ArgumentException">No layers, the shapes do not chain, softmax in a hidden layer, or no loss pairs with the output activation.</exception>
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

            if (_layers[l - 1].Activation is Softmax)
            {
                throw new ArgumentException($"softmax is for the output layer only; layer {l} is hidden", nameof(layers));
            }
        }

        Loss = Loss.ForOutput(_layers[^1].Activation);
        Parameters = [.. _layers.SelectMany(l => new[] { l.W, l.B })];
    }

    /// <summary>The layers l = 1..L (index l − 1).</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => _layers;

    /// <summary>W[1], b[1], W[2], b[2], ...: every parameter, in the order <see cref="Gradients{T}.Parameters"/> uses.</summary>
    public IReadOnlyList<Matrix<T>> Parameters { get; }

    /// <summary>n[0] = n_x.</summary>
    public int Inputs => _layers[0].Inputs;

    /// <summary>n[L].</summary>
    public int Outputs => _layers[^1].Units;

    /// <summary>The cost paired with the output activation (sigmoid → binary cross-entropy, softmax → cross-entropy, identity → MSE).</summary>
    public Loss Loss { get; }

    /// <summary>Whether the output is a class (sigmoid or softmax) rather than a regression value (identity).</summary>
    public bool IsClassifier => _layers[^1].Activation is Sigmoid or Softmax;

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
    /// A[l] = g[l](Z[l]), and with dropout, for hidden l, A[l] = g[l](Z[l]) ∗ D[l] / keep[l]. The masks are kept in the
    /// cache for back-propagation.
    /// </summary>
    /// <exception cref="ArgumentException">X does not have n[0] rows, or the cache was made for another m.</exception>
    public void Forward(Matrix<T> x, ForwardCache<T> cache, Compute? compute = null, DropoutMasks<T>? dropout = null)
        => Forward(x, Op.None, cache, compute, dropout);

    /// <summary>
    /// The same with X stored as <paramref name="inputOp"/>: X (n[0], m), or examples-major as Xᵀ (m, n[0]), which is
    /// how the trainer gathers a mini-batch (whole rows of Xᵀ instead of one value from every row of X per example).
    /// </summary>
    /// <remarks>
    /// With <paramref name="firstProductInZ"/>, Z[1] (A[1]'s buffer when the cache keeps no Z[1]) already holds W[1]·X: the trainer's first-layer sweep computed it
    /// in the previous epoch's pass over X (<see cref="FirstLayerSweep"/>).
    /// </remarks>
    internal void Forward(Matrix<T> x, Op inputOp, ForwardCache<T> cache, Compute? compute, DropoutMasks<T>? dropout, bool firstProductInZ = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cache);
        var (rows, m) = inputOp == Op.None ? (x.Rows, x.Cols) : (x.Cols, x.Rows);
        if (rows != Inputs)
        {
            throw new ArgumentException($"the network expects X with {Inputs} rows (features × examples), got {x.Shape}", nameof(x));
        }

        if (cache.Examples != m || cache.Layers != _layers.Length)
        {
            throw new ArgumentException($"the cache holds {cache.Examples} examples for {cache.Layers} layers; X has {m} examples", nameof(cache));
        }

        cache.SetInput(x, dropout, inputOp);
        for (int l = 1; l <= _layers.Length; l++)
        {
            var g = cache.ActivationTarget(l);
            _layers[l - 1].Forward(cache.A(l - 1), l == 1 ? inputOp : Op.None, cache.Product(l), g, compute, l == 1 && firstProductInZ);
            if (!ReferenceEquals(g, cache.A(l)))
            {
                dropout!.Apply(l, g, cache.A(l));                             // A[l] = g(Z[l]) ∗ D[l] / keep
            }
        }
    }

    /// <summary>
    /// J for the forward pass in <paramref name="cache"/> against Y (n[L], m), plus the L2 penalty
    /// λ/(2m) Σ_l ‖W[l]‖² when <paramref name="l2"/> = λ &gt; 0; optional sample weights, one per example.
    /// </summary>
    public double Cost(ForwardCache<T> cache, Matrix<T> y, double l2 = 0, ReadOnlySpan<T> weights = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        CheckLabels(y, cache.Examples);
        double cost = Loss.Cost(cache.Z(_layers.Length), cache.Output, y, weights);
        return l2 > 0 ? cost + (l2 / (2.0 * cache.Examples) * SumOfSquaredWeights()) : cost;
    }

    /// <summary>Back-propagation from the cache and labels Y (n[L], m) into new gradients.</summary>
    public Gradients<T> Backward(ForwardCache<T> cache, Matrix<T> y, Compute? compute = null, double l2 = 0)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var gradients = new Gradients<T>(this, cache.Examples);
        Backward(cache, y, gradients, compute, l2);
        return gradients;
    }

    /// <summary>
    /// Back-propagation into gradients the caller owns:
    /// dZ[L] = A[L] − Y (times w_j per column with sample weights); for l = L..1:
    /// dW[l] = (1/m) dZ[l]·A[l-1]ᵀ (+ (λ/m) W[l] with L2), db[l] = (1/m) Σ_columns dZ[l],
    /// dA[l-1] = W[l]ᵀ·dZ[l] (∗ D[l-1] / keep with dropout), dZ[l-1] = dA[l-1] ∗ g[l-1]'(Z[l-1]).
    /// </summary>
    /// <exception cref="ArgumentException">Y is not (n[L], m), or the gradients were made for another m.</exception>
    public void Backward(ForwardCache<T> cache, Matrix<T> y, Gradients<T> gradients, Compute? compute = null, double l2 = 0, ReadOnlySpan<T> weights = default)
        => Backward(cache, y, gradients, compute, l2, weights, firstWeights: true);

    /// <summary>The same; without <paramref name="firstWeights"/>, dW[1] is left to the trainer's first-layer sweep.</summary>
    internal void Backward(ForwardCache<T> cache, Matrix<T> y, Gradients<T> gradients, Compute? compute, double l2, ReadOnlySpan<T> weights, bool firstWeights)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(gradients);
        CheckLabels(y, cache.Examples);
        if (gradients.Examples != cache.Examples || gradients.Layers != _layers.Length)
        {
            throw new ArgumentException($"the gradients were made for {gradients.Examples} examples; the cache has {cache.Examples}", nameof(gradients));
        }

        int last = _layers.Length;
        Loss.OutputError(cache.A(last), y, gradients.dZ(last), weights);            // dZ[L] = A[L] − Y
        T lambdaOverM = T.CreateChecked(l2 / cache.Examples);
        for (int l = last; l >= 1; l--)
        {
            var daPrev = l > 1 ? gradients.dZ(l - 1) : null;
            bool weightsHere = l > 1 || firstWeights;
            _layers[l - 1].Backward(gradients.dZ(l), cache.A(l - 1), l == 1 ? cache.InputOp : Op.None, weightsHere ? gradients.dW(l) : null, gradients.db(l), daPrev, compute);
            if (l2 > 0 && weightsHere)
            {
                AddScaled(gradients.dW(l).AsSpan(), _layers[l - 1].W.AsSpan(), lambdaOverM); // dW += (λ/m) W
            }

            if (daPrev is not null)
            {
                cache.Dropout?.Apply(l - 1, daPrev, daPrev);                            // dA[l-1] ∗= D[l-1] / keep
                // dZ[l-1] = dA[l-1] ∗ g[l-1]'(Z[l-1]), in place over dA[l-1]
                _layers[l - 2].Activation.Backward(cache.DerivativeInput(l - 1), cache.Activation(l - 1), daPrev, daPrev);
            }
        }
    }

    /// <summary>A[L] for X (n[0], m): class probabilities for sigmoid and softmax outputs, the values for regression.</summary>
    public Matrix<T> PredictProbabilities(Matrix<T> x, Compute? compute = null) => Forward(x, compute).Output.Clone();

    /// <summary>
    /// The predicted class index of each example: a &gt; 0.5 for one sigmoid output (the lesson's rule), the row of
    /// the largest probability for softmax.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network is a regression network (use <see cref="PredictProbabilities"/>).</exception>
    public int[] Predict(Matrix<T> x, Compute? compute = null) => Classes(Forward(x, compute).Output);

    /// <summary>The class of each column of an output A[L] (sigmoid: a &gt; 0.5; softmax: argmax, first on ties).</summary>
    public int[] Classes(Matrix<T> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsClassifier)
        {
            throw new InvalidOperationException("a regression network (identity output) predicts values, not classes");
        }

        var classes = new int[output.Cols];
        if (_layers[^1].Activation is Sigmoid && output.Rows == 1)
        {
            T half = T.CreateChecked(0.5);
            for (int j = 0; j < output.Cols; j++)
            {
                classes[j] = output[0, j] > half ? 1 : 0;
            }

            return classes;
        }

        for (int j = 0; j < output.Cols; j++)
        {
            int best = 0;
            for (int i = 1; i < output.Rows; i++)
            {
                if (output[i, j] > output[best, j])
                {
                    best = i;
                }
            }

            classes[j] = best;
        }

        return classes;
    }

    /// <summary>Σ_l ‖W[l]‖²_F, the L2 penalty's sum (biases are not penalised).</summary>
    public double SumOfSquaredWeights()
    {
        double sum = 0;
        foreach (var layer in _layers)
        {
            foreach (var w in layer.W.AsSpan())
            {
                double v = double.CreateTruncating(w);
                sum += v * v;
            }
        }

        return sum;
    }

    /// <summary>A deep copy.</summary>
    public Network<T> Clone() => new(_layers.Select(l => l.Clone()));

    /// <summary>Copies every parameter value from <paramref name="source"/>, which must have the same architecture.</summary>
    public void CopyParametersFrom(Network<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Parameters.Count != Parameters.Count)
        {
            throw new ArgumentException("the networks differ in architecture", nameof(source));
        }

        for (int i = 0; i < Parameters.Count; i++)
        {
            source.Parameters[i].AsSpan().CopyTo(Parameters[i].AsSpan());
        }
    }

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

    private static void AddScaled(Span<T> target, ReadOnlySpan<T> x, T scale)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += scale * x[i];
        }
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
