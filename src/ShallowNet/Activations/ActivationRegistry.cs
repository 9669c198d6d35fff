namespace ShallowNet.Activations;

/// <summary>
/// The one table of activation names: <see cref="Activation.FromName"/> (and so the model file, the command line and
/// the ML.NET options) reads it, <see cref="Activation.Name"/> writes the same names back. A new activation adds its
/// line here and nothing elsewhere.
/// </summary>
internal static class ActivationRegistry
{
    private sealed record Entry(string Name, string[] Aliases, Func<double?, Activation> Create);

    // name, aliases, how to make it (the slope is the leaky ReLU's; the others ignore it)
    private static readonly Entry[] Table =
    [
        new("sigmoid", ["logistic"], _ => Sigmoid.Instance),
        new("tanh", [], _ => Tanh.Instance),
        new("relu", [], _ => Relu.Instance),
        new("leaky_relu", ["leakyrelu", "leaky-relu"], slope => new LeakyRelu(slope ?? LeakyRelu.DefaultSlope)),
        new("identity", ["linear"], _ => Identity.Instance),
        new("softmax", [], _ => Softmax.Instance),
    ];

    /// <summary>Every name, without aliases, in the table's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(e => e.Name)];

    /// <summary>The names of the elementwise activations, which a hidden layer may use (not softmax).</summary>
    public static IReadOnlyList<string> HiddenNames { get; } = [.. Table.Where(e => e.Create(null).Kernel<double>() is not null).Select(e => e.Name)];

    /// <summary>The activation named <paramref name="name"/> (or one of its aliases), any case, spaces trimmed.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Activation Create(string name, double? slope)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        var entry = Array.Find(Table, e => e.Name == key || e.Aliases.Contains(key))
            ?? throw new ArgumentException($"unknown activation '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
        return entry.Create(slope);
    }
}
