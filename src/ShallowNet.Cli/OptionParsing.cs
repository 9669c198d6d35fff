using System.CommandLine;
using System.Globalization;
using ShallowNet.Activations;

namespace ShallowNet.Cli;

/// <summary>Parsing and checking of option values that System.CommandLine cannot check by type alone.</summary>
internal static class OptionParsing
{
    /// <summary>Whether the user wrote the option (rather than it taking its default).</summary>
    public static bool IsExplicit(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    /// <summary>"4" or "20,7,5": the hidden layer sizes, each at least 1.</summary>
    public static int[] HiddenSizes(string text)
    {
        if (text.Trim() == "0")
        {
            return [];                                                   // no hidden layer: logistic, softmax or linear regression
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new UsageException($"--hidden '{text}': each hidden layer size must be a whole number of at least 1 (e.g. 4 or 20,7,5; 0 alone for no hidden layer)");
            }
        }

        return sizes;
    }

    /// <summary>"tanh" for every hidden layer, or one name per hidden layer ("relu,relu,tanh").</summary>
    public static Activation[] HiddenActivations(string text, int hiddenLayers, double? slope)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length != 1 && names.Length != hiddenLayers)
        {
            throw new UsageException($"--activation '{text}': give one activation for all {hiddenLayers} hidden layers, or one per hidden layer");
        }

        var result = new Activation[hiddenLayers];
        for (int l = 0; l < hiddenLayers; l++)
        {
            string name = names[names.Length == 1 ? 0 : l];
            try
            {
                result[l] = Activation.FromName(name, slope);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"--activation: unknown activation '{name}' (expected one of: {string.Join(", ", Activation.HiddenNames)})");
            }

            if (!Activation.HiddenNames.Contains(result[l].Name))
            {
                throw new UsageException($"--activation: {result[l].Name} is for the output layer only (see --output); a hidden layer takes one of: {string.Join(", ", Activation.HiddenNames)}");
            }
        }

        return result;
    }

    /// <summary>A time such as "90s", "10m", "1.5h" or "1h30m" (a bare number is seconds); more than zero.</summary>
    public static TimeSpan Duration(string option, string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?$");
        double Part(int group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        double seconds = match.Success ? (3600 * Part(1)) + (60 * Part(2)) + Part(3) : 0;
        Require(seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2, option, $"'{text}' is not a time: give e.g. 90s, 10m, 1.5h or 1h30m");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Throws a usage error naming <paramref name="option"/> unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string option, string message)
    {
        if (!ok)
        {
            throw new UsageException($"{option}: {message}");
        }
    }
}
