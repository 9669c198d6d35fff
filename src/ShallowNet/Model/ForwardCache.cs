using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// What the forward pass keeps for back-propagation: A[0] = X and, for l = 1..L, Z[l] and A[l], each (n[l], m).
/// Owned by the caller and reusable across epochs, so training allocates nothing per epoch.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ForwardCache<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>[] _z;
    private readonly Matrix<T>[] _a;
    private readonly Matrix<T>?[] _g;
    private Matrix<T>? _x;

    /// <summary>Allocates Z[l] and A[l] for <paramref name="network"/> and m examples.</summary>
    public ForwardCache(Network<T> network, int m)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        int layers = network.Layers.Count;
        _z = new Matrix<T>[layers];
        _a = new Matrix<T>[layers];
        _g = new Matrix<T>?[layers];
        for (int l = 0; l < layers; l++)
        {
            int units = network.Layers[l].Units;
            _z[l] = new Matrix<T>(units, m);
            _a[l] = new Matrix<T>(units, m);
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
    public Matrix<T> Z(int l) => l >= 1 && l <= Layers ? _z[l - 1] : throw new ArgumentOutOfRangeException(nameof(l), l, $"Z[l] exists for l = 1..{Layers}");

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
