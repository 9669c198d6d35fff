using System.Globalization;

namespace ShallowNet.Training;

/// <summary>The learning rate of each epoch, from the base rate α₀: constant, step, exponential or inverse-time decay.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>α at <paramref name="epoch"/> (0-based) for base rate α₀.</summary>
    public abstract double Rate(double baseRate, int epoch);

    /// <summary>
    /// Parses "constant", "step:EVERY:FACTOR", "exponential:FACTOR" or "inverse:DECAY[:INTERVAL]".
    /// </summary>
    /// <exception cref="ArgumentException">The text is not one of those forms.</exception>
    public static LearningRateSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':');
        LearningRateSchedule schedule;
        try
        {
            schedule = parts[0] switch
            {
                "constant" when parts.Length == 1 => new ConstantRate(),
                "step" when parts.Length == 3 => new StepDecay(int.Parse(parts[1], CultureInfo.InvariantCulture), Number(parts[2])),
                "exponential" when parts.Length == 2 => new ExponentialDecay(Number(parts[1])),
                "inverse" when parts.Length is 2 or 3 => new InverseTimeDecay(Number(parts[1]), parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 1),
                _ => throw new FormatException(),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"unknown schedule '{text}' (expected constant, step:EVERY:FACTOR, exponential:FACTOR or inverse:DECAY[:INTERVAL])", nameof(text), e);
        }

        string? problem = schedule switch
        {
            StepDecay { Every: < 1 } => "EVERY must be a whole number of epochs, at least 1",
            StepDecay { Factor: var f } when !(f > 0 && double.IsFinite(f)) => "FACTOR must be a positive number",
            ExponentialDecay { Factor: var f } when !(f > 0 && double.IsFinite(f)) => "FACTOR must be a positive number",
            InverseTimeDecay { DecayRate: var d } when !(d >= 0 && double.IsFinite(d)) => "DECAY must be 0 or more",
            InverseTimeDecay { Interval: < 1 } => "INTERVAL must be a whole number of epochs, at least 1",
            _ => null,
        };
        return problem is null ? schedule : throw new ArgumentException($"'{text}': {problem}", nameof(text));
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>α = α₀ every epoch.</summary>
public sealed record ConstantRate : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate;
}

/// <summary>α = α₀ · factor^⌊epoch / every⌋.</summary>
/// <param name="Every">Epochs between drops (≥ 1).</param>
/// <param name="Factor">Multiplier at each drop, e.g. 0.5.</param>
public sealed record StepDecay(int Every, double Factor) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate * Math.Pow(Factor, epoch / Math.Max(1, Every));
}

/// <summary>α = α₀ · factor^epoch.</summary>
/// <param name="Factor">Per-epoch multiplier, e.g. 0.99.</param>
public sealed record ExponentialDecay(double Factor) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate * Math.Pow(Factor, epoch);
}

/// <summary>α = α₀ / (1 + decay · ⌊epoch / interval⌋), the course's learning-rate decay (interval 1 = every epoch).</summary>
/// <param name="DecayRate">decay_rate.</param>
/// <param name="Interval">time_interval in epochs (≥ 1).</param>
public sealed record InverseTimeDecay(double DecayRate, int Interval = 1) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Rate(double baseRate, int epoch) => baseRate / (1 + (DecayRate * (epoch / Math.Max(1, Interval))));
}
