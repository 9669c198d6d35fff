using System.Globalization;

namespace ShallowNet.Pipeline;

/// <summary>
/// The per-example weights of the cost: the data's own weights (a weight column), times the balanced class weights
/// m / (k · count of the example's class) when asked; null when neither applies (every weight 1).
/// </summary>
internal static class SampleWeights
{
    /// <summary>The weights of all m examples (before the validation split), or null.</summary>
    /// <exception cref="InvalidInputException">A weight is negative or not finite, every weight is 0, or balanced weights are asked for a regression.</exception>
    public static double[]? For(FitData data, OutputChoice output, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        double[]? weights = data.Weights is null ? null : [.. data.Weights];
        if (weights is not null)
        {
            int bad = Array.FindIndex(weights, w => !(double.IsFinite(w) && w >= 0));
            if (bad >= 0)
            {
                string why = double.IsFinite(weights[bad]) ? "is negative" : "is not a finite number";
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{data.Source}: {Data.TableFile.ExampleLocation(data.Source, bad)} ('{data.WeightName}'): weight {weights[bad]} {why}"));
            }

            if (weights.Length > 0 && Array.TrueForAll(weights, w => w == 0))
            {
                // every example's share of the cost is 0: no gradient, and a model that learned nothing
                throw new InvalidInputException($"{data.Source}: every weight in '{data.WeightName}' is 0; nothing can be learned from them");
            }
        }

        if (settings.BalancedClasses)
        {
            if (output.Classes is null)
            {
                throw new InvalidInputException($"{settings.Names.ClassWeight} applies to classifiers, not regression");
            }

            var balanced = output.Classes.BalancedWeights(data.RequireLabels(), data.Source);
            weights = weights is null ? balanced : [.. weights.Zip(balanced, (a, b) => a * b)];
        }

        return weights;
    }
}
