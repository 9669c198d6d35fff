namespace ShallowNet.Evaluation;

/// <summary>
/// The measures of a k-class classifier: accuracy, precision, recall and F1 averaged over the classes (macro, as
/// scikit-learn's average='macro'), log-loss of the probabilities, and the confusion matrix (rows = true class).
/// </summary>
/// <param name="Examples">m.</param>
/// <param name="Accuracy">Fraction correct.</param>
/// <param name="Precision">Macro-averaged precision.</param>
/// <param name="Recall">Macro-averaged recall.</param>
/// <param name="F1">Macro-averaged F1.</param>
/// <param name="LogLoss">−(1/m) Σ log p(true class), probabilities clipped to [1e-15, 1 − 1e-15].</param>
/// <param name="Confusion">confusion[true][predicted] counts.</param>
public sealed record ClassificationReport(int Examples, double Accuracy, double Precision, double Recall, double F1, double LogLoss, int[][] Confusion)
{
    /// <summary>Computes the report from probabilities (k, m) given row by row, and the true class indices.</summary>
    public static ClassificationReport Compute(Func<int, int, double> probability, int classes, ReadOnlySpan<int> actual)
    {
        ArgumentNullException.ThrowIfNull(probability);
        if (actual.Length == 0 || classes < 2)
        {
            throw new ArgumentException("need at least one example and two classes");
        }

        var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        double logLoss = 0;
        for (int j = 0; j < actual.Length; j++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (probability(c, j) > probability(best, j))
                {
                    best = c;
                }
            }

            confusion[actual[j]][best]++;
            logLoss -= Math.Log(Math.Clamp(probability(actual[j], j), 1e-15, 1 - 1e-15));
        }

        double precision = 0, recall = 0, f1 = 0;
        int correct = 0;
        for (int c = 0; c < classes; c++)
        {
            int tp = confusion[c][c];
            int predicted = confusion.Sum(row => row[c]);
            int actualCount = confusion[c].Sum();
            correct += tp;
            double p = predicted == 0 ? 0 : (double)tp / predicted;
            double r = actualCount == 0 ? 0 : (double)tp / actualCount;
            precision += p;
            recall += r;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        return new ClassificationReport(actual.Length, (double)correct / actual.Length, precision / classes, recall / classes, f1 / classes, logLoss / actual.Length, confusion);
    }
}
