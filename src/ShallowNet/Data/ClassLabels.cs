using System.Globalization;
using ShallowNet.Numerics;

namespace ShallowNet.Data;

/// <summary>
/// The classes of a classification label and their indices 0..k-1. Numeric labels are sorted by value and written
/// canonically ("1.0" and "1" are the same class "1"); text labels are sorted ordinally. For a sigmoid output,
/// class 1 (the second) is the positive class: y = 1, predicted when a &gt; 0.5.
/// </summary>
public sealed class ClassLabels
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the mapping from class names in index order.</summary>
    /// <exception cref="ArgumentException">A class appears twice.</exception>
    public ClassLabels(IReadOnlyList<string> names, bool numeric)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names.Select(n => numeric ? Canonical(n) : n)];
        Numeric = numeric;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++)
        {
            if (!_index.TryAdd(Names[i], i))
            {
                throw new ArgumentException($"class '{Names[i]}' appears twice", nameof(names));
            }
        }
    }

    /// <summary>The class names, index i is class i.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether every class is a number (then the model file writes them as JSON numbers).</summary>
    public bool Numeric { get; }

    /// <summary>k, the number of classes.</summary>
    public int Count => Names.Count;

    /// <summary>The classes found in <paramref name="labels"/>, sorted.</summary>
    public static ClassLabels FromLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = labels.Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.Count > 0 && distinct.All(IsNumber);
        if (numeric)
        {
            var values = distinct.Select(Parse).Distinct().Order().ToList();
            return new ClassLabels([.. values.Select(Format)], numeric: true);
        }

        distinct.Sort(StringComparer.Ordinal);
        return new ClassLabels(distinct, numeric: false);
    }

    /// <summary>The index of a label, or −1 when it is not one of the classes.</summary>
    public int IndexOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        string key = Numeric ? (IsNumber(label) ? Canonical(label) : label.Trim()) : label.Trim();
        return _index.TryGetValue(key, out int i) ? i : -1;
    }

    /// <summary>
    /// Y for a sigmoid output: a (1, m) matrix with y = 1 for the second class and 0 for the first.
    /// </summary>
    /// <exception cref="InvalidInputException">There are not exactly two classes, or a label is not one of them.</exception>
    public Matrix<T> EncodeBinary<T>(IReadOnlyList<string> labels, string source)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Count != 2)
        {
            throw new InvalidInputException(
                $"{source}: the label has {Count} distinct value{(Count == 1 ? string.Empty : "s")} ({Preview()}); a sigmoid output needs exactly 2");
        }

        var y = new Matrix<T>(1, labels.Count);
        for (int j = 0; j < labels.Count; j++)
        {
            int c = IndexOf(labels[j]);
            if (c < 0)
            {
                throw new InvalidInputException($"{source}: example {j + 1} has label '{labels[j]}', which is not one of the model's classes ({Preview()})");
            }

            y[0, j] = c == 1 ? T.One : T.Zero;
        }

        return y;
    }

    /// <summary>Y for a softmax output: a (k, m) one-hot matrix, y[c, j] = 1 for the class c of example j.</summary>
    /// <exception cref="InvalidInputException">A label is not one of the classes.</exception>
    public Matrix<T> EncodeOneHot<T>(IReadOnlyList<string> labels, string source)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int[] index = Encode(labels, source);
        var y = new Matrix<T>(Count, index.Length);
        for (int j = 0; j < index.Length; j++)
        {
            y[index[j], j] = T.One;
        }

        return y;
    }

    /// <summary>Per-example weights that balance the classes: w = m / (k · count of the example's class).</summary>
    public double[] BalancedWeights(IReadOnlyList<string> labels, string source)
    {
        int[] index = Encode(labels, source);
        var counts = new int[Count];
        foreach (int c in index)
        {
            counts[c]++;
        }

        int present = counts.Count(c => c > 0);
        return [.. index.Select(c => (double)index.Length / (present * counts[c]))];
    }

    /// <summary>The class indices of <paramref name="labels"/>.</summary>
    /// <exception cref="InvalidInputException">A label is not one of the classes.</exception>
    public int[] Encode(IReadOnlyList<string> labels, string source)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new int[labels.Count];
        for (int j = 0; j < labels.Count; j++)
        {
            result[j] = IndexOf(labels[j]);
            if (result[j] < 0)
            {
                throw new InvalidInputException($"{source}: example {j + 1} has label '{labels[j]}', which is not one of the model's classes ({Preview()})");
            }
        }

        return result;
    }

    /// <summary>Up to five class names, comma-separated.</summary>
    public string Preview() => string.Join(", ", Names.Take(5)) + (Count > 5 ? ", ..." : string.Empty);

    private static bool IsNumber(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);

    private static double Parse(string s) => double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Canonical(string s) => IsNumber(s) ? Format(Parse(s)) : s.Trim();
}
