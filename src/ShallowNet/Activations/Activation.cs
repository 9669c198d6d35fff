using System.Numerics;
using ShallowNet.Numerics;

namespace ShallowNet.Activations;

/// <summary>
/// An activation g applied elementwise, A = g(Z), with its derivative used in back-propagation:
/// dZ = dA ∗ g'(Z). Each subclass holds g and g' side by side; g' is computed from Z or from A = g(Z),
/// whichever the lesson uses (σ' = a(1 − a), tanh' = 1 − a², ReLU' = [z &gt; 0]).
/// </summary>
public abstract class Activation
{
    /// <summary>The name used in the model file and on the command line (sigmoid, tanh, relu, leaky_relu, identity).</summary>
    public abstract string Name { get; }

    /// <summary>A = g(Z), elementwise. <paramref name="a"/> may be the same span as <paramref name="z"/>.</summary>
    public abstract void Forward<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// dZ = dA ∗ g'(Z), elementwise, given Z and A = g(Z) from the forward pass.
    /// <paramref name="dz"/> may be the same span as <paramref name="da"/>.
    /// </summary>
    public abstract void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, Span<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// A = g(Z) on a whole (n[l], m) matrix. Elementwise activations apply <see cref="Forward{T}(ReadOnlySpan{T}, Span{T})"/>
    /// to all values; softmax overrides this to normalise each column.
    /// </summary>
    public virtual void Forward<T>(Matrix<T> z, Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(a);
        Forward<T>(z.AsSpan(), a.AsSpan());
    }

    /// <summary>dZ = dA ∗ g'(Z) on whole (n[l], m) matrices; softmax overrides this with its Jacobian per column.</summary>
    public virtual void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> da, Matrix<T> dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(da);
        ArgumentNullException.ThrowIfNull(dz);
        Backward<T>(z.AsSpan(), a.AsSpan(), da.AsSpan(), dz.AsSpan());
    }

    /// <summary>
    /// Whether <see cref="Backward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> reads Z. When it
    /// does not (σ' and tanh' come from A, identity' is 1), a cache may leave Z[l] unkept (see <see cref="Model.ForwardCache{T}"/>).
    /// </summary>
    internal virtual bool DerivativeReadsZ => true;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// The activation with this name: sigmoid, tanh, relu, leaky_relu (with <paramref name="slope"/>, default 0.01),
    /// identity (alias linear), softmax.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Activation FromName(string name, double? slope = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "sigmoid" or "logistic" => Sigmoid.Instance,
            "tanh" => Tanh.Instance,
            "relu" => Relu.Instance,
            "leaky_relu" or "leakyrelu" or "leaky-relu" => new LeakyRelu(slope ?? LeakyRelu.DefaultSlope),
            "identity" or "linear" => Identity.Instance,
            "softmax" => Softmax.Instance,
            _ => throw new ArgumentException(
                $"unknown activation '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>The names <see cref="FromName"/> accepts (without aliases).</summary>
    public static IReadOnlyList<string> Names { get; } = ["sigmoid", "tanh", "relu", "leaky_relu", "identity", "softmax"];

    /// <summary>The activations a hidden layer may use (softmax is for the output layer only).</summary>
    public static IReadOnlyList<string> HiddenNames { get; } = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"];
}
