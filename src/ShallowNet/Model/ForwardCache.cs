using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// What the forward pass keeps for back-propagation: A[0] = X and, for l = 1..L, Z[l] and A[l], each (n[l], m).
/// Owned by the caller and reusable across epochs, so training allocates nothing per epoch.
/// <para>
/// Back-propagation needs Z[l] only where g[l]' is computed from Z (ReLU, leaky ReLU); σ' and tanh' come from A[l].
/// A cache made with <c>keepHiddenZ: false</c> keeps no Z[l] for such hidden layers: A[l] = g(W·A[l-1] + b) is
/// computed in place, and n[l]·m values are saved per layer (the wide network's Z[1], 20 MB). The trainer's caches
/// are made so.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ForwardCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>?[] _z;
    private readonly Matrix<T>[] _a;
    private readonly Matrix<T>?[] _g;
    private Matrix<T>? _x;

    /// <summary>Allocates Z[l] and A[l] for <paramref name="network"/> and m examples.</summary>
    public ForwardCache(Network<T> network, int m)
        : this(network, m, keepHiddenZ: true)
    {
    }

    /// <summary>
    /// Allocates A[l] for <paramref name="network"/> and m examples, and Z[l] for the output layer and for the layers
    /// whose g' reads Z; for the other hidden layers too when <paramref name="keepHiddenZ"/> is true.
    /// </summary>
    public ForwardCache(Network<T> network, int m, bool keepHiddenZ)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        int layers = network.Layers.Count;
        _z = new Matrix<T>?[layers];
        _a = new Matrix<T>[layers];
        _g = new Matrix<T>?[layers];
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            bool keepZ = keepHiddenZ || l == layers - 1 || layer.Activation.DerivativeReadsZ;
            _z[l] = keepZ ? new Matrix<T>(layer.Units, m) : null;
            _a[l] = new Matrix<T>(layer.Units, m);
        }

        Examples = m;
    }

    /// <summary>m, the number of examples (columns) the cache holds.</summary>
    public int Examples { get; }

    /// <summary>L, the number of layers.</summary>
    public int Layers => _z.Length;

    /// <summary>
    /// A[0] = X, the input of the last forward pass, (n[0], m); as the trainer's mini-batches store it, Xᵀ (m, n[0])
    /// when <see cref="InputOp"/> is <see cref="Op.Transpose"/>.
    /// </summary>
    public Matrix<T> X => _x ?? throw new InvalidOperationException("the forward pass has not run yet");

    /// <summary>How <see cref="X"/> is stored: as X (n[0], m), or examples-major as Xᵀ (m, n[0]).</summary>
    internal Op InputOp { get; private set; }

    /// <summary>Z[l] for l = 1..L, shape (n[l], m).</summary>
    /// <exception cref="InvalidOperationException">This cache does not keep Z[l] (made with <c>keepHiddenZ: false</c>).</exception>
    public Matrix<T> Z(int l) => l >= 1 && l <= Layers
        ? _z[l - 1] ?? throw new InvalidOperationException($"this cache does not keep Z[{l}] (made with keepHiddenZ: false; g[{l}]' is computed from A[{l}])")
        : throw new ArgumentOutOfRangeException(nameof(l), l, $"Z[l] exists for l = 1..{Layers}");

    /// <summary>Whether the cache keeps Z[l] (always for the output layer and where g[l]' reads Z).</summary>
    public bool KeepsZ(int l) => l >= 1 && l <= Layers ? _z[l - 1] is not null : throw new ArgumentOutOfRangeException(nameof(l), l, $"Z[l] exists for l = 1..{Layers}");

    /// <summary>A[l] for l = 0..L (A[0] = X), shape (n[l], m).</summary>
    public Matrix<T> A(int l) => l == 0 ? X : l <= Layers && l > 0 ? _a[l - 1] : throw new ArgumentOutOfRangeException(nameof(l), l, $"A[l] exists for l = 0..{Layers}");

    /// <summary>A[L], the network's output (n[L], m).</summary>
    public Matrix<T> Output => _a[^1];

    /// <summary>The dropout masks applied in the last forward pass, or null when there was no dropout.</summary>
    public DropoutMasks<T>? Dropout { get; private set; }

    /// <summary>
    /// g[l](Z[l]) before dropout, for l = 1..L: what g'[l] needs when A[l] was scaled by a dropout mask, and A[l]
    /// itself otherwise.
    /// </summary>
    public Matrix<T> Activation(int l) => _g[l - 1] is { } g && Dropout?.Mask(l) is not null ? g : A(l);

    internal void SetInput(Matrix<T> x, DropoutMasks<T>? dropout, Op inputOp = Op.None)
    {
        if (dropout is not null && dropout.Examples != Examples)
        {
            throw new ArgumentException($"the dropout masks cover {dropout.Examples} examples; the cache holds {Examples}", nameof(dropout));
        }

        _x = x;
        InputOp = inputOp;
        Dropout = dropout;
    }

    /// <summary>Where layer l writes W·A[l-1] + b: Z[l], or where g(Z[l]) goes when Z[l] is not kept (in place).</summary>
    internal Matrix<T> Product(int l) => _z[l - 1] ?? ActivationTarget(l);

    /// <summary>What g[l]' is handed as Z[l]: Z[l], or g(Z[l]) when Z[l] is not kept (g[l]' does not read it then).</summary>
    internal Matrix<T> DerivativeInput(int l) => _z[l - 1] ?? Activation(l);

    /// <summary>Where layer l writes g(Z[l]): the pre-dropout buffer when layer l drops units, else A[l].</summary>
    internal Matrix<T> ActivationTarget(int l)
    {
        if (Dropout?.Mask(l) is null)
        {
            return _a[l - 1];
        }

        return _g[l - 1] ??= new Matrix<T>(_a[l - 1].Rows, _a[l - 1].Cols);
    }
}
