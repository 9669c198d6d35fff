using System.Diagnostics;
using System.Numerics;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Training.EpochSteps;

namespace ShallowNet.Training;

/// <summary>
/// One training run: the epoch loop around its <see cref="EpochStep{T}"/>, with what every step shares: logging J and
/// the metric at the start of logged epochs, validation, early stopping, checkpoints, cancellation and divergence.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class TrainingRun<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainingContext<T> _context;
    private readonly EpochStep<T> _step;
    private readonly TrainingSet<T>? _validation;
    private readonly ForwardCache<T>? _validationCache;
    private readonly int[]? _trainClasses;
    private readonly int[]? _validationClasses;
    private readonly Checkpointing<T>? _checkpointing;
    private readonly TrainingHistory _history;
    private readonly EarlyStopping<T> _earlyStopping;
    private readonly CheckpointState<T> _checkpointState;
    private readonly CurveSchedule _curve;
    private double? _lastFinite;
    private int? _lastFiniteEpoch;

    public TrainingRun(TrainingContext<T> context, EpochStep<T> step, TrainingSet<T>? validation, Checkpointing<T>? checkpointing)
    {
        _context = context;
        _step = step;
        _validation = validation;
        _checkpointing = checkpointing;
        _history = new TrainingHistory { EpochStep = step.Kind };
        var network = context.Network;
        _curve = CurveSchedule.For(network, context.Train.Examples, context.Options);
        _history.ReserveCurve(_curve.Capacity(context.Options.Epochs, context.Options.LogEvery, validation is not null));
        _trainClasses = network.IsClassifier ? network.Classes(context.Train.Y) : null;
        if (validation is not null)
        {
            _validationCache = new ForwardCache<T>(network, validation.Examples, keepHiddenZ: false);
            _validationClasses = network.IsClassifier ? network.Classes(validation.Y) : null;
        }

        _earlyStopping = new EarlyStopping<T>(network, context.Options.Patience, _history);
        _checkpointState = new CheckpointState<T>(network, context.State, context.Random, _history, _earlyStopping);
    }

    public TrainingHistory Run(Action<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (network, train, options) = (_context.Network, _context.Train, _context.Options);
        int start = 0;
        if (_checkpointing?.ResumeFrom is { } from)
        {
            (start, _lastFinite) = _checkpointState.Resume(from, options.Epochs);
        }

        double earlier = _checkpointing?.ResumeFrom?.TrainSeconds ?? 0;
        var clock = Stopwatch.StartNew();
        for (int epoch = start; epoch < options.Epochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _history.Cancelled = true;
                SaveCheckpoint(earlier + clock.Elapsed.TotalSeconds);
                break;
            }

            // J at epoch k is from the forward pass at the start of epoch k, before its update: the step's own pass
            // when it is the plain one, else an evaluation pass (no dropout) into the same cache. Logged epochs print
            // it with the metrics; the curve takes it at more epochs (CurveSchedule), and nothing else.
            bool logged = epoch % options.LogEvery == 0 || epoch == options.Epochs - 1;
            bool measured = logged || _curve.Exact(epoch);
            var costCache = _step.Begin(measured);
            if (!logged && costCache is not null && !System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<T>(costCache.Z(costCache.Layers).AsSpan()))
            {
                // the epoch's own forward pass shows it at once, before the next logged epoch (one pass over Z[L], which J reads)
                throw new TrainingDivergedException(epoch, "the output layer's Z is", _lastFinite, _lastFiniteEpoch);
            }
            double? cost = null, metric = null;
            if (measured)
            {
                if (costCache is null)
                {
                    network.Forward(train.X, _context.Full, _context.Compute);
                    costCache = _context.Full;
                }

                (cost, metric) = logged ? Measure(costCache, train, _trainClasses, options.L2) : (CurveCost(costCache, epoch), null);
                _history.Add(new CostPoint(epoch, cost.Value, CostKind.Exact));
            }

            // Validation scores the same weights as the logged cost: those at the start of the epoch.
            double? validationCost = null, validationMetric = null;
            bool stop = false;
            if (_validation is not null && (logged || options.Patience is not null))
            {
                (validationCost, validationMetric) = Validate();
                stop = _earlyStopping.Track(validationCost.Value, epoch);
                if (logged || _curve.Exact(epoch) || _curve.BatchMean(epoch))
                {
                    _history.Add(new CostPoint(epoch, validationCost.Value, CostKind.Validation));
                }
            }

            if (logged)
            {
                var point = new HistoryPoint(epoch, cost!.Value, metric, validationCost, validationMetric);
                _history.Add(point);
                progress?.Invoke(new TrainingProgress(epoch, options.Epochs, point.Cost, clock.Elapsed) { Point = point });
            }

            if (stop)
            {
                _history.StoppedEarly = true;
                break;
            }

            double? batchMean = _step.Finish(options.Schedule.Rate(options.LearningRate, epoch), measured, last: epoch == options.Epochs - 1, batchCosts: _curve.BatchMean(epoch));
            _history.Epochs = epoch + 1;
            if (!ParametersFinite(network))
            {
                // noticed at the update that made them so, not at the next logged epoch (one pass over the parameters)
                throw new TrainingDivergedException(epoch + 1, $"the update of epoch {epoch} made the weights", _lastFinite, _lastFiniteEpoch);
            }

            if (batchMean is { } mean)
            {
                _history.Add(new CostPoint(epoch, double.IsFinite(mean) ? mean
                    : throw new TrainingDivergedException(epoch, "the cost of the epoch's batches is", _lastFinite, _lastFiniteEpoch), CostKind.BatchMean));
            }

            if (_checkpointing is { Every: > 0 } c && _history.Epochs % c.Every == 0 && _history.Epochs < options.Epochs)
            {
                SaveCheckpoint(earlier + clock.Elapsed.TotalSeconds);
            }
        }

        if (_validation is not null && !_history.StoppedEarly && !_history.Cancelled && _history.Epochs > 0)
        {
            _earlyStopping.TrackFinal(Validate().Cost, _history.Epochs);       // the weights after the last update
        }

        _earlyStopping.RestoreBest();
        network.Forward(train.X, _context.Full, _context.Compute);
        _history.FinalCost = network.Cost(_context.Full, train.Y, options.L2, train.Weights);
        if (!double.IsFinite(_history.FinalCost))
        {
            throw new TrainingDivergedException(_history.Epochs, _history.FinalCost, _lastFinite);
        }

        _history.TrainSeconds = earlier + clock.Elapsed.TotalSeconds;
        return _history;
    }

    private static bool ParametersFinite(Model.Network<T> network)
    {
        var parameters = network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<T>(parameters[p].AsSpan()))
            {
                return false;
            }
        }

        return true;
    }

    private void SaveCheckpoint(double seconds)
    {
        if (_checkpointing is not null && _checkpointState.Capture(seconds, _lastFinite) is { } checkpoint)
        {
            _checkpointing.Save(checkpoint);
        }
    }

    private (double Cost, double Metric) Validate()
    {
        _context.Network.Forward(_validation!.X, _validationCache!, _context.Compute);
        var (cost, metric) = Measure(_validationCache!, _validation, _validationClasses, 0);
        return (cost, metric!.Value);
    }

    /// <summary>J for the curve at an epoch that is not logged (the metrics and the last logged cost stay as they were).</summary>
    private double CurveCost(ForwardCache<T> cache, int epoch)
    {
        var (network, train) = (_context.Network, _context.Train);
        double cost = network.Cost(cache, train.Y, _context.Options.L2, train.Weights);
        return double.IsFinite(cost) ? cost : throw new TrainingDivergedException(epoch, cost, _lastFinite);
    }

    /// <summary>J (with the L2 term when <paramref name="l2"/> &gt; 0) and accuracy or R²; a cost that is not finite ends the run.</summary>
    private (double Cost, double? Metric) Measure(ForwardCache<T> cache, TrainingSet<T> set, int[]? classes, double l2)
    {
        var network = _context.Network;
        double cost = network.Cost(cache, set.Y, l2, set.Weights);
        if (!double.IsFinite(cost))
        {
            throw new TrainingDivergedException(_history.Epochs, cost, _lastFinite);
        }

        _lastFinite = cost;
        _lastFiniteEpoch = _history.Epochs;
        double metric = classes is not null
            ? Metrics.Accuracy(network.Classes(cache.Output), classes)
            : Metrics.RSquared(cache.Output, set.Y);
        return (cost, metric);
    }
}
