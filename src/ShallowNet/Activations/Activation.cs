using System.Numerics;
using ShallowNet.Export;
using ShallowNet.Kernels;
using ShallowNet.Numerics;

namespace ShallowNet.Activations;

/// <summary>
/// An activation g applied elementwise, A = g(Z), with its derivative used in back-propagation:
/// dZ = dA ∗ g'(Z). Each subclass holds g and g' side by side; g' is computed from Z or from A = g(Z),
/// whichever the lesson uses (σ' = a(1 − a), tanh' = 1 − a², ReLU' = [z &gt; 0]).
/// <para>
/// Adding an activation = one new file plus its name in one table: the file holds the class (g and g' with the lesson's
/// formula, <see cref="Forward{T}(ReadOnlySpan{T}, Span{T})"/>, <see cref="Backward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>,
/// its <c>Kernel</c> and its ONNX operator) and, beside it, its vector operator struct (an <c>IActivationOp</c>); the
/// name goes in <c>ActivationRegistry</c>, the one table the model file, the command line and ONNX export read. The
/// layers and the fused epoch reach the operator through <c>Kernel</c>, never by naming the activation.
/// </para>
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

    /// <summary>
    /// The vector kernels of this activation in precision T (the double dispatch: each elementwise activation answers
    /// with <see cref="ActivationKernel{T, TG}"/> of its own operator struct), or null when g is not elementwise
    /// (softmax): then a layer calls <see cref="Forward{T}(Matrix{T}, Matrix{T})"/>.
    /// </summary>
    internal virtual ActivationKernel<T>? Kernel<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => null;

    /// <summary>The activation's "slope" setting as the model file stores it (leaky ReLU's; null: none).</summary>
    internal virtual double? SlopeSetting => null;

    /// <summary>The ONNX operator that computes g (null: none; export then refuses the model).</summary>
    internal virtual OnnxOperator? Onnx => null;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// The activation with this name: sigmoid, tanh, relu, leaky_relu (with <paramref name="slope"/>, default 0.01),
    /// identity (alias linear), softmax.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Activation FromName(string name, double? slope = null) => ActivationRegistry.Create(name, slope);

    /// <summary>The names <see cref="FromName"/> accepts (without aliases).</summary>
    public static IReadOnlyList<string> Names => ActivationRegistry.Names;

    /// <summary>The activations a hidden layer may use (softmax is for the output layer only).</summary>
    public static IReadOnlyList<string> HiddenNames => ActivationRegistry.HiddenNames;
}
