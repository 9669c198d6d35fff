using System.Numerics;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.Optimizers;

/// <summary>
/// An update rule: immutable settings (β, ε) plus explicit state (<see cref="OptimizerState{T}"/>, named as in the
/// papers: v, s, m, t) created by <see cref="Init{T}"/> and advanced by <see cref="Apply{T}"/>. The learning rate is
/// passed to each step, so schedules can change it.
/// </summary>
public abstract record Optimizer
{
    /// <summary>The name used on the command line (gd, momentum, nesterov, rmsprop, adam).</summary>
    public abstract string Name { get; }

    /// <summary>The names of the state slots this rule keeps per parameter (none for gradient descent).</summary>
    protected virtual string[] SlotNames => [];

    /// <summary>Fresh state for <paramref name="network"/>: zeros in every slot, step count 0.</summary>
    public OptimizerState<T> Init<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(SlotNames, network);

    /// <summary>One step: updates every parameter of <paramref name="network"/> in place from <paramref name="gradients"/>.</summary>
    public void Apply<T>(Network<T> network, Gradients<T> gradients, OptimizerState<T> state, double learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ApplyExcept(network, gradients, state, learningRate, except: -1, threads: 1);

    /// <summary>
    /// The same step for every parameter but the one at <paramref name="except"/> (which the caller updates itself),
    /// parameters of at least 2 × <see cref="PartElements"/> values cut into one slice for each of up to <paramref name="threads"/>
    /// threads when the rule is elementwise (the built-in ones are: the same bits for any split).
    /// </summary>
    internal void ApplyExcept<T>(Network<T> network, Gradients<T> gradients, OptimizerState<T> state, double learningRate, int except, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(state);
        T alpha = BeginStep(state, learningRate);
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            if (p == except)
            {
                continue;
            }

            if (threads > 1 && network.Parameters[p].Length >= 2 * PartElements && IsElementwise)
            {
                UpdateInParts(network.Parameters[p], gradients.Parameters[p], state, p, alpha, threads);
                continue;
            }

            Update(network.Parameters[p].AsSpan(), gradients.Parameters[p].AsSpan(), state, p, alpha);
        }
    }

    /// <summary>
    /// Starts step t + 1: counts it in <paramref name="state"/> (Adam's bias correction reads t) and returns α in T.
    /// Every step goes through here, also a fused epoch that applies this rule's update inside its own kernel, so that
    /// only the optimizer advances t.
    /// </summary>
    internal static T BeginStep<T>(OptimizerState<T> state, double learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        state.Steps++;
        return T.CreateChecked(learningRate);
    }

    /// <summary>
    /// One parameter's update in parts on several threads (Adam on the wide network's W1 took a tenth of each batch):
    /// one contiguous slice per thread, cut on 64-element boundaries, so that thread t updates the same slice of θ
    /// and its state every step (see <see cref="ParallelRun"/>: the slice stays in that core's cache; parts dealt
    /// out to whichever thread came first cost the mini-batch time in cross-core traffic; bench/README, Round 7).
    /// A method of its own so that its closure (one small allocation) is made only for a parameter that is split, not
    /// on every step of every network.
    /// </summary>
    private void UpdateInParts<T>(Matrix<T> theta, Matrix<T> d, OptimizerState<T> state, int index, T alpha, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = theta.Length;
        ParallelRun.For(threads, threads, t =>
        {
            int start = SliceStart(length, t, threads), end = SliceStart(length, t + 1, threads);
            UpdatePart(theta.AsSpan()[start..end], d.AsSpan()[start..end], state, index, alpha, start);
        });
    }

    /// <summary>Where thread t's slice of a parameter of <paramref name="length"/> values starts (t = threads: the end).</summary>
    internal static int SliceStart(int length, int t, int threads)
        => t >= threads ? length : (int)((long)length * t / threads) & ~63;

    /// <summary>Parameters of at least twice this many values are updated on several threads.</summary>
    internal const int PartElements = 16384;

    /// <summary>
    /// Whether the rule is elementwise: each value of θ is updated from its own dθ and state alone, so that
    /// <see cref="UpdatePart{T}"/> works on any part of a parameter and a split between threads gives the same bits.
    /// A rule says so itself (false unless it overrides <see cref="UpdatePart{T}"/>).
    /// </summary>
    internal virtual bool IsElementwise => false;

    /// <summary>
    /// <see cref="Update{T}"/> for the elements of parameter <paramref name="index"/> from <paramref name="start"/> on:
    /// θ and dθ are that part, and the state slots are read and written at the same positions.
    /// </summary>
    internal virtual void UpdatePart<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
        => throw new NotSupportedException($"{Name} updates whole parameters only");

    /// <summary>Updates one parameter tensor θ from its gradient dθ; <paramref name="index"/> selects its state slots.</summary>
    protected abstract void Update<T>(Span<T> theta, ReadOnlySpan<T> dTheta, OptimizerState<T> state, int index, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The rule with this command-line name and default settings.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static Optimizer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "gd" or "sgd" => new GradientDescent(),
            "momentum" => new Momentum(),
            "nesterov" => new Momentum { Nesterov = true },
            "rmsprop" => new RmsProp(),
            "adam" => new Adam(),
            _ => throw new ArgumentException($"unknown optimizer '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gd", "momentum", "nesterov", "rmsprop", "adam"];
}
