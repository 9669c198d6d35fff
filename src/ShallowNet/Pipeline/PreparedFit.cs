using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Pipeline;

/// <summary>
/// A fit ready to train (made by <see cref="FitPipeline.Prepare{T}"/>): the initial network, the training and
/// validation sets already preprocessed and in precision T, and the generator in the state the trainer continues from.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class PreparedFit<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PreparedFit(FitRequest request, OutputChoice output, Matrix<double> y, Network<T> network, Preprocessing preprocessing,
        TrainingSet<T> train, TrainingSet<T>? validation, NumpyRandom random, TrainingCheckpoint<T>? resumeFrom, int[] trainColumns, int[] validationColumns)
    {
        TrainColumns = trainColumns;
        ValidationColumns = validationColumns;
        Settings = request.Settings;
        _featureNames = request.Data.FeatureNames;
        _labelName = request.Data.LabelName;
        _targetNames = request.Data.TargetNames;
        _idColumn = request.Data.IdColumn ?? request.Start?.IdColumn ?? request.Resume?.Model.IdColumn;
        _record = request.Record;
        Output = output;
        Y = y;
        Network = network;
        Preprocessing = preprocessing;
        Train = train;
        Validation = validation;
        Random = random;
        ResumeFrom = resumeFrom;
    }

    // What the model file records of the request, not the request itself: its data holds the raw X (double, as read),
    // which the training sets have replaced; kept here, a float32 run would hold X in double for the whole training and
    // a float64 mini-batch run three copies of X (raw, preprocessed, examples-major). The caller decides whether it
    // still needs the raw X (the tool's plots do).
    private readonly IReadOnlyList<string> _featureNames;
    private readonly string? _labelName;
    private readonly IReadOnlyList<string>? _targetNames;
    private readonly string? _idColumn;
    private readonly TrainingRecord? _record;

    /// <summary>The settings this fit was prepared with.</summary>
    public FitSettings Settings { get; }

    /// <summary>The label column's name (a classifier's or one target's), or null with several targets.</summary>
    public string? LabelName => _labelName;

    /// <summary>The target columns' names of a regression on several targets, or null.</summary>
    public IReadOnlyList<string>? TargetNames => _targetNames;

    /// <summary>The data's columns (rows of the table) trained on, in the order the split drew them.</summary>
    public int[] TrainColumns { get; }

    /// <summary>The data's columns held out for validation (empty without a split).</summary>
    public int[] ValidationColumns { get; }

    /// <summary>The output kind, classes and the reason for them.</summary>
    public OutputChoice Output { get; }

    /// <summary>Y of all m examples (before the split), shape (n[L], m), in double.</summary>
    public Matrix<double> Y { get; }

    /// <summary>The network; it holds the initial weights now, and is trained in place by <see cref="Run"/>.</summary>
    public Network<T> Network { get; }

    /// <summary>The preprocessing fitted on the training columns (or taken from the start model or checkpoint).</summary>
    public Preprocessing Preprocessing { get; }

    /// <summary>How the table's columns become X: the data's own, or for features given as numbers, each a number imputed by its median.</summary>
    public required ColumnEncoding Encoding { get; init; }

    /// <summary>How regression targets are scaled in <see cref="Train"/> and <see cref="Validation"/> (Y stays in the target's units), or null.</summary>
    public TargetScaling? TargetScaling { get; init; }

    /// <summary>The training examples: X (n_x, m_train) preprocessed, Y (n[L], m_train), their weights.</summary>
    public TrainingSet<T> Train { get; }

    /// <summary>The held-out examples, or null without a validation split.</summary>
    public TrainingSet<T>? Validation { get; }

    /// <summary>The fit's generator after the initial weights and the split: the trainer's shuffles and dropout continue it.</summary>
    public NumpyRandom Random { get; }

    /// <summary>The training state to resume from, or null for a fresh run.</summary>
    public TrainingCheckpoint<T>? ResumeFrom { get; }

    /// <summary>
    /// Trains <see cref="Network"/> with <see cref="FitSettings.Training"/>: <see cref="Trainer.Train{T}(Network{T}, TrainingSet{T}, TrainingOptions, TrainingSet{T}?, NumpyRandom?, Action{TrainingProgress}?, Checkpointing{T}?, CancellationToken)"/>
    /// on the training set, with the validation set, the fit's generator, and the caller's progress callback,
    /// checkpoint writer and cancellation. When resuming, the checkpointing resumes from <see cref="ResumeFrom"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public TrainingHistory Run(Action<TrainingProgress>? progress = null, Checkpointing<T>? checkpointing = null, CancellationToken cancellationToken = default)
    {
        if (ResumeFrom is not null)
        {
            checkpointing = new Checkpointing<T> { Every = checkpointing?.Every ?? 0, Save = checkpointing?.Save ?? (_ => { }), ResumeFrom = ResumeFrom };
        }

        return Trainer.Train(Network, Train, Settings.Training, Validation, Random, progress, checkpointing, cancellationToken);
    }

    /// <summary>
    /// The model as it stands now (call it after <see cref="Run"/>, or from a checkpoint callback): the weights in
    /// double with the feature and label names, the classes, the preprocessing, the target names and the record.
    /// </summary>
    public TrainedModel Model() =>
        new(Network.Convert<double>(), _featureNames, _labelName, Output.Classes, Preprocessing)
        {
            Targets = _targetNames,
            Training = _record,
            Columns = Encoding.IsPlainNumeric ? null : Encoding,
            IdColumn = _idColumn,
            TargetScaling = TargetScaling,
        };
}
