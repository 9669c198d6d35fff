using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// What back-propagation returns: for l = 1..L, dW[l] (n[l], n[l-1]), db[l] (n[l], 1) and the error dZ[l] (n[l], m).
/// Every call overwrites the values; nothing accumulates across calls.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Gradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>[] _dw;
    private readonly Matrix<T>[] _db;
    private readonly Matrix<T>[] _dz;

    /// <summary>Allocates gradients for <paramref name="network"/> and m examples.</summary>
    public Gradients(Network<T> network, int m)
    {
        ArgumentNullException.ThrowIfNull(network);
        int layers = network.Layers.Count;
        _dw = new Matrix<T>[layers];
        _db = new Matrix<T>[layers];
        _dz = new Matrix<T>[layers];
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            _dw[l] = new Matrix<T>(layer.Units, layer.Inputs);
            _db[l] = new Matrix<T>(layer.Units, 1);
            _dz[l] = new Matrix<T>(layer.Units, m);
        }

        Examples = m;
        Parameters = [.. Enumerable.Range(0, layers).SelectMany(l => new[] { _dw[l], _db[l] })];
    }

    /// <summary>dW[1], db[1], dW[2], db[2], ...: in the order of <see cref="Network{T}.Parameters"/>.</summary>
    public IReadOnlyList<Matrix<T>> Parameters { get; }

    /// <summary>m, the number of examples the gradients are averaged over.</summary>
    public int Examples { get; }

    /// <summary>L, the number of layers.</summary>
    public int Layers => _dw.Length;

    /// <summary>dW[l] = ∂J/∂W[l] for l = 1..L, shape (n[l], n[l-1]).</summary>
    public Matrix<T> dW(int l) => _dw[Index(l)];

    /// <summary>db[l] = ∂J/∂b[l] for l = 1..L, shape (n[l], 1).</summary>
    public Matrix<T> db(int l) => _db[Index(l)];

    /// <summary>dZ[l] = ∂J/∂Z[l]·m for l = 1..L, shape (n[l], m) (the lesson's dZ, without the 1/m).</summary>
    public Matrix<T> dZ(int l) => _dz[Index(l)];

    private int Index(int l) => l >= 1 && l <= Layers ? l - 1 : throw new ArgumentOutOfRangeException(nameof(l), l, $"gradients exist for l = 1..{Layers}");
}
