namespace ShallowNet.Evaluation;

/// <summary>
/// The usual measures of a binary classifier, class 1 being the positive class: accuracy, precision, recall, F1,
/// log-loss (binary cross-entropy of the probabilities), ROC AUC (Mann–Whitney, ties counted half) and the
/// confusion matrix (rows = true class, columns = predicted class).
/// </summary>
public sealed record BinaryReport(int Examples, double Accuracy, double Precision, double Recall, double F1, double LogLoss, double Auc, int[][] Confusion)
{
    /// <summary>Computes the report from P(class 1) per example and the true classes (0 or 1); predicts 1 when p &gt; 0.5.</summary>
    /// <exception cref="ArgumentException">The lengths differ, there are no examples, or a class is not 0 or 1.</exception>
    public static BinaryReport Compute(ReadOnlySpan<double> probability, ReadOnlySpan<int> actual)
    {
        if (probability.Length != actual.Length || actual.Length == 0)
        {
            throw new ArgumentException($"need as many probabilities as labels, at least one; got {probability.Length} and {actual.Length}");
        }

        int[][] confusion = [new int[2], new int[2]];
        double logLoss = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"label {i} is {actual[i]}, not 0 or 1");
            }

            int predicted = probability[i] > 0.5 ? 1 : 0;
            confusion[actual[i]][predicted]++;
            double p = Math.Clamp(probability[i], 1e-15, 1 - 1e-15); // as scikit-learn's log_loss
            logLoss -= actual[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        int tp = confusion[1][1], fp = confusion[0][1], fn = confusion[1][0], tn = confusion[0][0];
        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryReport(actual.Length, (double)(tp + tn) / actual.Length, precision, recall, f1, logLoss / actual.Length, RocAuc(probability, actual), confusion);
    }

    /// <summary>ROC AUC = P(score of a random positive &gt; score of a random negative), ties counting ½; NaN with one class only.</summary>
    public static double RocAuc(ReadOnlySpan<double> score, ReadOnlySpan<int> actual)
    {
        var order = new int[score.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var s = score.ToArray();
        Array.Sort(order, (a, b) => s[a].CompareTo(s[b]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && s[order[j + 1]] == s[order[i]])
            {
                j++;
            }

            double averageRank = ((i + j) / 2.0) + 1; // ranks are 1-based; tied scores share their average rank
            for (int k = i; k <= j; k++)
            {
                if (actual[order[k]] == 1)
                {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositive - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
