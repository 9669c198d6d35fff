namespace ShallowNet.Evaluation;

/// <summary>Classification metrics on predicted and true class indices.</summary>
public static class Metrics
{
    /// <summary>The fraction of examples whose predicted class equals the true class.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length or are empty.</exception>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions for {actual.Length} labels");
        }

        if (actual.Length == 0)
        {
            throw new ArgumentException("accuracy needs at least one example");
        }

        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (predicted[i] == actual[i])
            {
                correct++;
            }
        }

        return (double)correct / actual.Length;
    }
}
