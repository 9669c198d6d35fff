using System.Numerics;
using ShallowNet.Numerics;

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

    /// <summary>
    /// R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², per target row, averaged over the rows (scikit-learn's uniform average).
    /// A constant target scores 1 when predicted exactly, else 0.
    /// </summary>
    public static double RSquared<T>(Matrix<T> predicted, Matrix<T> actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Rows != actual.Rows || predicted.Cols != actual.Cols || actual.Cols == 0)
        {
            throw new ArgumentException($"predictions {predicted.Shape} and targets {actual.Shape} must have the same non-empty shape");
        }

        double total = 0;
        for (int i = 0; i < actual.Rows; i++)
        {
            var y = actual.Row(i);
            var p = predicted.Row(i);
            double mean = 0;
            foreach (var v in y)
            {
                mean += double.CreateTruncating(v);
            }

            mean /= y.Length;
            double residual = 0, spread = 0;
            for (int j = 0; j < y.Length; j++)
            {
                double yj = double.CreateTruncating(y[j]);
                double d = yj - double.CreateTruncating(p[j]);
                residual += d * d;
                spread += (yj - mean) * (yj - mean);
            }

            total += spread > 0 ? 1 - (residual / spread) : (residual == 0 ? 1 : 0);
        }

        return total / actual.Rows;
    }
}
