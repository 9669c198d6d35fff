using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// An optimizer's state for one network: the step count t and, per named slot (v, s, m, ...), one tensor per
/// parameter shaped like it, starting at zero. Kept outside the rule so that results never depend on hidden fields.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class OptimizerState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, Matrix<T>[]> _slots = new(StringComparer.Ordinal);

    private OptimizerState(string[] none, Dictionary<string, Matrix<T>[]> slots)
    {
        _ = none;
        _slots = slots;
    }

    /// <summary>Zero state for <paramref name="network"/> with the given slot names.</summary>
    public OptimizerState(IEnumerable<string> slotNames, Network<T> network)
    {
        ArgumentNullException.ThrowIfNull(slotNames);
        ArgumentNullException.ThrowIfNull(network);
        foreach (var name in slotNames)
        {
            _slots[name] = [.. network.Parameters.Select(p => new Matrix<T>(p.Rows, p.Cols))];
        }
    }

    /// <summary>t, the number of steps taken (Adam's bias correction uses it); advanced by the optimizer only.</summary>
    public int Steps { get; internal set; }

    /// <summary>The slot names.</summary>
    public IEnumerable<string> SlotNames => _slots.Keys;

    /// <summary>A deep copy (for checkpoints: the live state keeps changing).</summary>
    public OptimizerState<T> Clone()
    {
        var copy = new OptimizerState<T>([], new Dictionary<string, Matrix<T>[]>()) { Steps = Steps };
        foreach (var (name, tensors) in _slots)
        {
            copy._slots[name] = [.. tensors.Select(t => t.Clone())];
        }

        return copy;
    }

    /// <summary>Takes over <paramref name="source"/>'s step count and slot values (a resumed run), in this state's buffers.</summary>
    internal void CopyFrom(OptimizerState<T> source)
    {
        foreach (var (name, tensors) in _slots)
        {
            for (int p = 0; p < tensors.Length; p++)
            {
                source.Slot(name, p).AsSpan().CopyTo(tensors[p].AsSpan());
            }
        }

        Steps = source.Steps;
    }

    /// <summary>Slot <paramref name="name"/> for parameter <paramref name="index"/> (the order of <see cref="Network{T}.Parameters"/>).</summary>
    public Matrix<T> Slot(string name, int index) => _slots[name][index];
}
