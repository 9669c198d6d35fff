using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Training.EpochSteps;

/// <summary>
/// An epoch of mini-batches: the examples shuffled with the seeded generator (<c>np.random.permutation(m)</c>), then
/// forward, backward and one update per batch, the last batch holding the remainder.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class MiniBatchStep<T> : EpochStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _batch;
    private readonly Matrix<T> _examplesMajor;
    private readonly BatchBuffers _main;
    private readonly BatchBuffers? _tail;
    private readonly int[] _order;

    public MiniBatchStep(TrainingContext<T> context, int batch)
        : base(context)
    {
        int m = Train.Examples;
        _batch = batch;
        // Mini-batches are gathered from an examples-major copy of X (one more X in memory): an example is then one
        // contiguous row instead of one value from every row of X, each on its own cache line (for the wide
        // workload, most of an epoch went to those scattered reads).
        _examplesMajor = Train.X.Transpose();
        _main = new BatchBuffers(Network, batch, Train, context.Options);
        _tail = m % batch == 0 ? null : new BatchBuffers(Network, m % batch, Train, context.Options);
        _order = new int[m];
    }

    public override EpochStepKind Kind => EpochStepKind.MiniBatch;

    /// <summary>No pass over the whole set opens a mini-batch epoch: exact J comes from the trainer's evaluation pass.</summary>
    public override ForwardCache<T>? Begin(bool measured) => null;

    public override double? Finish(double rate, bool measured, bool last, bool batchCosts)
    {
        int m = Train.Examples;
        for (int i = 0; i < m; i++)
        {
            _order[i] = i;
        }

        Context.Random.Shuffle(_order);                                  // np.random.permutation(m)
        double weightedSum = 0;
        for (int start = 0; start < m; start += _batch)
        {
            int size = Math.Min(_batch, m - start);
            var buffers = size == _batch ? _main : _tail!;
            buffers.Gather(Train, _examplesMajor, _order, start, size, Context.Compute.Threads);
            buffers.Dropout?.Draw(Context.Random);
            Network.Forward(buffers.X, Op.Transpose, buffers.Cache, Context.Compute, buffers.Dropout);
            if (batchCosts)
            {
                // read from the batch's own pass, before its update: O(n[L]·size) (and the L2 sum) more, no pass of its own
                weightedSum += size * Network.Cost(buffers.Cache, buffers.Y, Context.Options.L2, buffers.Weights);
            }

            Descend(buffers.Cache, buffers.Y, buffers.Gradients, buffers.Weights, rate);
        }

        return batchCosts ? weightedSum / m : null;
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

        /// <summary>The batch's labels, (n[L], size).</summary>
        public Matrix<T> Y { get; }

        /// <summary>The batch's sample weights, or null.</summary>
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
