using System.Diagnostics;
using System.Numerics;
using ShallowNet.Evaluation;
using ShallowNet.Kernels;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Training;

/// <summary>
/// The training loop. Full batch (the lesson's): each epoch is forward, (cost at logged epochs), backward, update.
/// Mini-batches: each epoch shuffles the examples with the seeded generator (<c>np.random.permutation(m)</c>) and
/// updates once per batch, the last batch holding the remainder. The cost logged at epoch k is J on the training set
/// at the start of epoch k, before its update (from the training forward pass itself when that pass is full-batch
/// without dropout; from an extra evaluation pass otherwise). Buffers are allocated once; on one thread an epoch
/// allocates nothing (with several, each call shared between threads allocates its small delegate).
/// </summary>
public static class Trainer
{
    /// <summary>Trains on X (n[0], m), Y (n[L], m) with the given options (see the other overload).</summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public static TrainingHistory Train<T>(Network<T> network, Matrix<T> x, Matrix<T> y, TrainingOptions options, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Train(network, new TrainingSet<T>(x, y), options, null, null, progress, null, cancellationToken);

    /// <summary>
    /// Trains <paramref name="network"/> in place. With a validation set its cost and metric are logged beside the
    /// training ones, and with <see cref="TrainingOptions.Patience"/> training stops once the validation cost has not
    /// improved for that many epochs and the best weights are restored. <paramref name="random"/> draws the shuffles
    /// and dropout masks (default: a generator seeded with <see cref="TrainingOptions.Seed"/>).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    /// <remarks>
    /// With <paramref name="checkpointing"/>, a checkpoint is handed out every <see cref="Checkpointing{T}.Every"/>
    /// epochs and when the run is cancelled, and a run can resume from one bit-identically.
    /// </remarks>
    public static TrainingHistory Train<T>(Network<T> network, TrainingSet<T> train, TrainingOptions options, TrainingSet<T>? validation = null, NumpyRandom? random = null, Action<TrainingProgress>? progress = null, Checkpointing<T>? checkpointing = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        train.Validate();
        validation?.Validate();
        if (options.Patience is not null && validation is null)
        {
            throw new ArgumentException("early stopping (patience) needs a validation set", nameof(validation));
        }

        random ??= new NumpyRandom(options.Seed);
        var loop = new Loop<T>(network, train, options, validation, random, checkpointing);
        return loop.Run(progress, cancellationToken);
    }

    /// <summary>The state of one training run: buffers, optimizer state, the best weights so far.</summary>
    private sealed class Loop<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Network<T> _network;
        private readonly TrainingSet<T> _train;
        private readonly TrainingSet<T>? _validation;
        private readonly TrainingOptions _options;
        private readonly NumpyRandom _random;
        private readonly Compute _compute;
        private readonly int _batch;
        private readonly ForwardCache<T> _full;
        private readonly Gradients<T>? _fullGradients;
        private readonly DropoutMasks<T>? _fullDropout;
        private readonly Matrix<T>? _examplesMajor;
        private readonly BatchBuffers? _main;
        private readonly BatchBuffers? _tail;
        private readonly ForwardCache<T>? _validationCache;
        private readonly int[]? _trainClasses;
        private readonly int[]? _validationClasses;
        private readonly TrainingHistory _history = new();
        private readonly Checkpointing<T>? _checkpointing;
        private readonly bool _sweep;
        private readonly TinyNetworkEpoch<T>? _tiny;
        private bool _firstProductReady;
        private int[]? _order;
        private Optimizers.OptimizerState<T>? _state;
        private Network<T>? _best;
        private double? _lastFinite;
        private int _sinceBest;

        public Loop(Network<T> network, TrainingSet<T> train, TrainingOptions options, TrainingSet<T>? validation, NumpyRandom random, Checkpointing<T>? checkpointing)
        {
            _checkpointing = checkpointing;
            _network = network;
            _train = train;
            _validation = validation;
            _options = options;
            _random = random;
            _compute = new Compute { Threads = options.Threads };
            int m = train.Examples;
            _batch = options.BatchSize == 0 || options.BatchSize >= m ? m : options.BatchSize;
            _full = new ForwardCache<T>(network, m, keepHiddenZ: false);
            if (_batch == m)
            {
                _fullGradients = new Gradients<T>(network, m);
                _fullDropout = options.DropoutKeep is { } keep ? new DropoutMasks<T>(network, m, keep) : null;
            }
            else
            {
                // Mini-batches are gathered from an examples-major copy of X (one more X in memory): an example is
                // then one contiguous row instead of one value from every row of X, each on its own cache line
                // (for the wide workload, 37 ms of every epoch went to those scattered reads).
                _examplesMajor = train.X.Transpose();
                _main = new BatchBuffers(network, _batch, train, options);
                _tail = m % _batch == 0 ? null : new BatchBuffers(network, m % _batch, train, options);
            }

            if (validation is not null)
            {
                _validationCache = new ForwardCache<T>(network, validation.Examples, keepHiddenZ: false);
                _validationClasses = network.IsClassifier ? network.Classes(validation.Y) : null;
            }

            _trainClasses = network.IsClassifier ? network.Classes(train.Y) : null;

            // Full-batch gradient descent on a tiny network (the lesson's 2-4-1): each epoch one fused pass over the
            // examples. The cost, when logged, still comes from the usual forward pass (same values, bit for bit).
            bool plainFullBatch = _batch == m && options.Optimizer is Optimizers.GradientDescent
                && options.ClipNorm is null && options.DropoutKeep is null;
            if (options.FuseTinyNetworks && plainFullBatch && network.Layers.All(l => l.Kernel is not null)
                && TinyNetworkEpoch<T>.Applies(network.Sizes, m))
            {
                _tiny = new TinyNetworkEpoch<T>([.. network.Layers.Select(l => new TinyLayer<T>(l.W, l.B, l.Kernel!))], m);
            }

            // Full-batch gradient descent over a wide X (the cat network): one pass over X per epoch instead of two.
            var first = network.Layers[0];
            _sweep = options.SweepFirstLayer && plainFullBatch && _tiny is null
                && FirstLayerSweep.Applies<T>(first.Units, first.Inputs, m);
        }

        private bool FullBatch => _fullGradients is not null;

        public TrainingHistory Run(Action<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            _state = _options.Optimizer.Init(_network);
            int start = Resume();
            double earlier = _checkpointing?.ResumeFrom?.TrainSeconds ?? 0;
            var clock = Stopwatch.StartNew();
            for (int epoch = start; epoch < _options.Epochs; epoch++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    _history.Cancelled = true;
                    if (_checkpointing is not null)
                    {
                        SaveCheckpoint(earlier + clock.Elapsed.TotalSeconds);
                    }

                    break;
                }

                bool logged = epoch % _options.LogEvery == 0 || epoch == _options.Epochs - 1;
                double? cost = null, metric = null;
                if (FullBatch && (_tiny is null || logged))                         // the fused epoch runs its own forward pass
                {
                    _fullDropout?.Draw(_random);
                    _network.Forward(_train.X, Op.None, _full, _compute, _fullDropout, _firstProductReady);
                    _firstProductReady = false;
                    if (logged && _fullDropout is null)
                    {
                        (cost, metric) = Measure(_full, _train, _trainClasses, _options.L2);
                    }
                }

                if (logged && cost is null)
                {
                    _network.Forward(_train.X, _full, _compute);                  // an evaluation pass, no dropout
                    (cost, metric) = Measure(_full, _train, _trainClasses, _options.L2);
                }

                // Validation scores the same weights as the logged cost: those at the start of the epoch.
                double? validationCost = null, validationMetric = null;
                bool stop = false;
                if (_validation is not null && (logged || _options.Patience is not null))
                {
                    (validationCost, validationMetric) = Validate();
                    stop = Track(validationCost.Value, epoch, ref _sinceBest);
                }

                if (logged)
                {
                    var point = new HistoryPoint(epoch, cost!.Value, metric, validationCost, validationMetric);
                    _history.Add(point);
                    progress?.Invoke(new TrainingProgress(epoch, _options.Epochs, point.Cost, clock.Elapsed) { Point = point });
                }

                if (stop)
                {
                    _history.StoppedEarly = true;
                    break;
                }

                double rate = _options.Schedule.Rate(_options.LearningRate, epoch);
                if (FullBatch)
                {
                    if (_fullDropout is not null && logged)
                    {
                        _network.Forward(_train.X, _full, _compute, _fullDropout);  // back to this epoch's training pass
                    }

                    if (_tiny is not null)
                    {
                        _state!.Steps++;                                          // as the optimizer's step counts
                        _tiny.Run(_train.X, _train.Y, _train.Weights, T.CreateChecked(rate), _options.L2);
                    }
                    else if (_sweep)
                    {
                        SweepStep(rate, computeNext: epoch + 1 < _options.Epochs);
                    }
                    else
                    {
                        Step(_full, _train.Y, _fullGradients!, _train.Weights, rate);
                    }
                }
                else
                {
                    RunMiniBatches(rate);
                }

                _history.Epochs = epoch + 1;
                if (_checkpointing is { Every: > 0 } c && _history.Epochs % c.Every == 0 && _history.Epochs < _options.Epochs)
                {
                    SaveCheckpoint(earlier + clock.Elapsed.TotalSeconds);
                }
            }

            if (_validation is not null && !_history.StoppedEarly && !_history.Cancelled && _history.Epochs > 0)
            {
                int ignored = 0;
                Track(Validate().Cost, _history.Epochs, ref ignored);              // the weights after the last update
            }

            if (_best is not null && _history.BestEpoch != _history.Epochs)
            {
                _network.CopyParametersFrom(_best);
            }

            _network.Forward(_train.X, _full, _compute);
            _history.FinalCost = _network.Cost(_full, _train.Y, _options.L2, _train.Weights);
            if (!double.IsFinite(_history.FinalCost))
            {
                throw new TrainingDivergedException(_history.Epochs, _history.FinalCost, _lastFinite);
            }

            _history.TrainSeconds = earlier + clock.Elapsed.TotalSeconds;
            return _history;
        }

        /// <summary>Restores the state of a checkpoint, if any; returns the epoch to start with.</summary>
        private int Resume()
        {
            if (_checkpointing?.ResumeFrom is not { } from)
            {
                return 0;
            }

            if (from.Epoch > _options.Epochs)
            {
                throw new ArgumentException($"the checkpoint is at epoch {from.Epoch}, past the {_options.Epochs} epochs asked for");
            }

            for (int p = 0; p < _network.Parameters.Count; p++)
            {
                foreach (var slot in _state!.SlotNames)
                {
                    from.Optimizer.Slot(slot, p).AsSpan().CopyTo(_state.Slot(slot, p).AsSpan());
                }
            }

            _state!.Steps = from.Optimizer.Steps;
            _random.SetState(from.Random);
            foreach (var point in from.History)
            {
                _history.Add(point);
            }

            _history.Epochs = from.Epoch;
            _history.BestEpoch = from.BestEpoch;
            _history.BestValidationCost = from.BestValidationCost;
            _sinceBest = from.SinceBest;
            _lastFinite = from.LastFiniteCost;
            if (from.BestParameters is { } best)
            {
                _best = _network.Clone();
                for (int p = 0; p < best.Count; p++)
                {
                    best[p].AsSpan().CopyTo(_best.Parameters[p].AsSpan());
                }
            }

            return from.Epoch;
        }

        /// <summary>Hands out a checkpoint of the weights now in the network, unless they are no longer finite.</summary>
        private void SaveCheckpoint(double seconds)
        {
            foreach (var p in _network.Parameters)
            {
                foreach (var v in p.AsSpan())
                {
                    if (!T.IsFinite(v))
                    {
                        return; // keep the last good checkpoint on disk rather than replace it with broken weights
                    }
                }
            }

            _checkpointing!.Save(new TrainingCheckpoint<T>
            {
                Epoch = _history.Epochs,
                Optimizer = _state!.Clone(),
                Random = _random.GetState(),
                History = [.. _history.Points],
                TrainSeconds = seconds,
                LastFiniteCost = _lastFinite,
                BestEpoch = _history.BestEpoch,
                BestValidationCost = _history.BestValidationCost,
                SinceBest = _sinceBest,
                BestParameters = _best?.Parameters.Select(p => p.Clone()).ToArray(),
            });
        }

        private (double Cost, double Metric) Validate()
        {
            _network.Forward(_validation!.X, _validationCache!, _compute);
            var (cost, metric) = Measure(_validationCache!, _validation, _validationClasses, 0);
            return (cost, metric!.Value);
        }

        /// <summary>Records a validation cost for the weights at the start of <paramref name="epoch"/>; true when patience has run out.</summary>
        private bool Track(double validationCost, int epoch, ref int sinceBest)
        {
            if (_history.BestValidationCost is not { } best || validationCost < best)
            {
                _history.BestValidationCost = validationCost;
                _history.BestEpoch = epoch;
                sinceBest = 0;
                if (_options.Patience is not null)
                {
                    (_best ??= _network.Clone()).CopyParametersFrom(_network);
                }

                return false;
            }

            return _options.Patience is { } patience && ++sinceBest >= patience;
        }

        private void RunMiniBatches(double rate)
        {
            int m = _train.Examples;
            int[] order = _order ??= new int[m];
            for (int i = 0; i < m; i++)
            {
                order[i] = i;
            }

            _random.Shuffle(order);                                              // np.random.permutation(m)
            for (int start = 0; start < m; start += _batch)
            {
                int size = Math.Min(_batch, m - start);
                var buffers = size == _batch ? _main! : _tail!;
                buffers.Gather(_train, _examplesMajor!, order, start, size, _compute.Threads);
                buffers.Dropout?.Draw(_random);
                _network.Forward(buffers.X, Op.Transpose, buffers.Cache, _compute, buffers.Dropout);
                Step(buffers.Cache, buffers.Y, buffers.Gradients, buffers.Weights, rate);
            }
        }

        private void Step(ForwardCache<T> cache, Matrix<T> y, Gradients<T> gradients, T[]? weights, double rate)
        {
            _network.Backward(cache, y, gradients, _compute, _options.L2, weights);
            if (_options.ClipNorm is { } clip)
            {
                GradientClipping.ClipByNorm(gradients, clip);
            }

            _options.Optimizer.ApplyExcept(_network, gradients, _state!, rate, except: -1, _compute.Threads);
        }

        /// <summary>
        /// <see cref="Step"/> for full-batch gradient descent with the first layer swept (<see cref="FirstLayerSweep"/>):
        /// back-propagation without dW[1], the update of every other parameter, then dW[1], its update and (unless
        /// this was the last epoch) the next epoch's W[1]·X, in one pass over X.
        /// </summary>
        private void SweepStep(double rate, bool computeNext)
        {
            var gradients = _fullGradients!;
            _network.Backward(_full, _train.Y, gradients, _compute, _options.L2, _train.Weights, firstWeights: false);
            _options.Optimizer.ApplyExcept(_network, gradients, _state!, rate, except: 0, _compute.Threads);      // parameter 0 is W[1]
            var first = _network.Layers[0];
            T lambdaOverM = T.CreateChecked(_options.L2 / _train.Examples);
            FirstLayerSweep.Run(_train.X, gradients.dZ(1), first.W, lambdaOverM, T.CreateChecked(rate), computeNext ? _full.Product(1) : null, _compute.Threads);
            _firstProductReady = computeNext;
        }

        private (double Cost, double? Metric) Measure(ForwardCache<T> cache, TrainingSet<T> set, int[]? classes, double l2)
        {
            double cost = _network.Cost(cache, set.Y, l2, set.Weights);
            if (!double.IsFinite(cost))
            {
                throw new TrainingDivergedException(_history.Epochs, cost, _lastFinite);
            }

            _lastFinite = cost;
            double metric = classes is not null
                ? Metrics.Accuracy(_network.Classes(cache.Output), classes)
                : Metrics.RSquared(cache.Output, set.Y);
            return (cost, metric);
        }

        /// <summary>Buffers for one batch size: the gathered examples, the cache, the gradients, the masks.</summary>
        private sealed class BatchBuffers
        {
            public BatchBuffers(Network<T> network, int size, TrainingSet<T> train, TrainingOptions options)
            {
                X = new Matrix<T>(size, train.X.Rows);
                Y = new Matrix<T>(train.Y.Rows, size);
                Weights = train.Weights is null ? null : new T[size];
                Cache = new ForwardCache<T>(network, size, keepHiddenZ: false);
                Gradients = new Gradients<T>(network, size);
                Dropout = options.DropoutKeep is { } keep ? new DropoutMasks<T>(network, size, keep) : null;
            }

            /// <summary>The batch's examples, examples-major: Xᵀ (size, n[0]).</summary>
            public Matrix<T> X { get; }

            public Matrix<T> Y { get; }

            public T[]? Weights { get; }

            public ForwardCache<T> Cache { get; }

            public Gradients<T> Gradients { get; }

            public DropoutMasks<T>? Dropout { get; }

            /// <summary>
            /// X[:, columns] (as rows of <paramref name="examplesMajor"/> = Xᵀ), Y[:, columns] and the weights of
            /// those examples, into the buffers, for the columns order[start .. start + size).
            /// </summary>
            public void Gather(TrainingSet<T> source, Matrix<T> examplesMajor, int[] order, int start, int size, int threads)
            {
                examplesMajor.GatherRows(order, start, size, X, threads);

                var columns = order.AsSpan(start, size);
                source.Y.GatherColumns(columns, Y);
                if (Weights is not null)
                {
                    for (int j = 0; j < columns.Length; j++)
                    {
                        Weights[j] = source.Weights![columns[j]];
                    }
                }
            }
        }
    }
}
