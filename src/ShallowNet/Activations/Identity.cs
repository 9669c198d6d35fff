namespace ShallowNet.Activations;

/// <summary>identity(z) = z; identity'(z) = 1. For regression outputs, and the lesson's §3.7 linear hidden layer.</summary>
public sealed class Identity : Activation
{
    /// <summary>The shared instance (the activation has no settings).</summary>
    public static Identity Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a) => z.CopyTo(a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz) => da.CopyTo(dz);

    /// <inheritdoc/>
    internal override bool DerivativeReadsZ => false;
}
