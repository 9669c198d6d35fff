using System.Diagnostics;
using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training;

/// <summary>
/// Full-batch gradient descent, the lesson's loop: for each epoch, forward, (cost at logged epochs), backward,
/// update. The cache and gradient buffers are allocated once and reused, so an epoch allocates nothing.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place on X (n[0], m) and Y (n[L], m). The cost at epoch k is computed from
    /// the forward pass at the start of epoch k, before its update, at epochs 0, K, 2K, ... and the last epoch.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public static TrainingHistory Train<T>(Network<T> network, Matrix<T> x, Matrix<T> y, TrainingOptions options, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        int m = x.Cols;
        var cache = new ForwardCache<T>(network, m);
        var gradients = new Gradients<T>(network, m);
        var optimizer = new GradientDescent(options.LearningRate);
        var history = new TrainingHistory();
        var compute = new Compute { Threads = options.Threads };
        double? lastFinite = null;
        var clock = Stopwatch.StartNew();

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                history.Cancelled = true;
                break;
            }

            network.Forward(x, cache, compute);
            if (epoch % options.LogEvery == 0 || epoch == options.Epochs - 1)
            {
                double cost = network.Cost(cache, y);
                if (!double.IsFinite(cost))
                {
                    throw new TrainingDivergedException(epoch, cost, lastFinite);
                }

                lastFinite = cost;
                history.Add(epoch, cost);
                progress?.Invoke(new TrainingProgress(epoch, options.Epochs, cost, clock.Elapsed));
            }

            network.Backward(cache, y, gradients, compute);
            optimizer.Step(network, gradients);
            history.Epochs = epoch + 1;
        }

        network.Forward(x, cache, compute);
        history.FinalCost = network.Cost(cache, y);
        if (!double.IsFinite(history.FinalCost))
        {
            throw new TrainingDivergedException(history.Epochs, history.FinalCost, lastFinite);
        }

        history.TrainSeconds = clock.Elapsed.TotalSeconds;
        return history;
    }
}
