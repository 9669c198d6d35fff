using System.Globalization;
using ShallowNet.Reproducibility;

namespace ShallowNet.Pipeline;

/// <summary>
/// Which examples train and which validate: round(fraction · m) examples (at least 1) held out, chosen by one
/// <c>np.random.permutation(m)</c> from the fit's generator, drawn after the initial weights. Both lists are sorted,
/// so the examples keep the data's order. A fraction of 0 draws nothing and trains on every example.
/// </summary>
internal static class ValidationSplit
{
    /// <summary>The training and validation column indices of m examples.</summary>
    /// <exception cref="InvalidInputException">The hold-out would leave no example to train on.</exception>
    public static (int[] Train, int[] Validation) Draw(int m, double fraction, NumpyRandom random, SettingNames names)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(names);
        if (fraction <= 0)
        {
            return ([.. Enumerable.Range(0, m)], []);
        }

        int held = Math.Max(1, (int)Math.Round(fraction * m));
        if (held >= m)
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{names.Validation} {fraction}: holding out {held} of {m} examples leaves none to train on"));
        }

        int[] order = random.Permutation(m);
        int[] validation = [.. order[(m - held)..].Order()];
        int[] train = [.. order[..(m - held)].Order()];
        return (train, validation);
    }
}
