using System.Numerics;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;
using ShallowNet.Training;

namespace ShallowNet.Pipeline;

/// <summary>
/// The one fit behind every entry point (the tool's <c>train</c>, <see cref="Api.ShallowNetClassifier"/> and
/// <see cref="Api.ShallowNetRegressor"/>, the ML.NET trainers), so that the same data and settings give the same model
/// file bit for bit whichever way it is asked. In this order:
/// <list type="number">
/// <item>the settings and the data's shapes are checked;</item>
/// <item>the output: kind and classes (<see cref="OutputChoice"/>), then Y (<see cref="TargetEncoding"/>) and the
/// example weights (<see cref="SampleWeights"/>);</item>
/// <item>one NumPy-compatible generator is seeded, and the initial network drawn from it (<see cref="NetworkSetup"/>:
/// start model, or W[l] layer by layer; a resumed run then copies the checkpoint's weights);</item>
/// <item>the validation split is drawn from the same generator, after the weights (<see cref="ValidationSplit"/>);</item>
/// <item>the preprocessing is fitted on the training columns only (or taken from the checkpoint or start model), and the
/// training and validation sets are built in precision T with their weights;</item>
/// <item>the trainer runs on them, continuing the same generator (<see cref="PreparedFit{T}.Run"/>).</item>
/// </list>
/// Changing this order changes every model file: the course's numbers and the tests depend on it.
/// </summary>
internal static class FitPipeline
{
    /// <summary>Prepares and trains in one call (no checkpoints), and returns the model and history.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the data's parts disagree in shape.</exception>
    /// <exception cref="InvalidInputException">The data does not suit the settings (see <see cref="Prepare{T}"/>).</exception>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public static FitResult Fit<T>(FitRequest request, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fit = Prepare<T>(request);
        var history = fit.Run(progress, null, cancellationToken);
        return new FitResult(fit.Model(), history);
    }

    /// <summary>Steps 1 to 5: everything up to the call to the trainer, which <see cref="PreparedFit{T}.Run"/> makes.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the data's parts disagree in shape.</exception>
    /// <exception cref="InvalidInputException">
    /// A label does not fit the output, a weight is negative, the start model takes other features, the dropout does
    /// not fit the hidden layers, the split leaves nothing to train on, or the checkpoint does not fit the optimizer.
    /// </exception>
    public static PreparedFit<T> Prepare<T>(FitRequest request)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(request);
        var (data, settings) = (request.Data, request.Settings);
        settings.Validate();
        data.Validate();

        var output = OutputChoice.Choose(data, settings, request.Start, request.StartSource);
        var y = TargetEncoding.Encode(output.Kind, output.Classes, data);
        var weights = SampleWeights.For(data, output, settings);

        var random = new NumpyRandom(settings.Seed);
        var network = NetworkSetup.Create<T>(request, output, y.Rows, random);

        var (trainColumns, validationColumns) = ValidationSplit.Draw(data.Examples, settings.ValidationFraction, random, settings.Names);
        var preprocessing = request.Resume?.Model.Preprocessing
            ?? (request.Start?.Preprocessing is { IsIdentity: false } p ? p : Preprocessing.Fit(data.X, trainColumns, settings.InputScale, settings.Standardize, data.Encoding?.Scalable()));
        var targetScaling = TargetScalingFor(request, output.Kind, y, trainColumns);
        var scaledY = targetScaling?.Apply(y) ?? y;
        var train = Set<T>(Preprocessed<T>(data.X, trainColumns, preprocessing), scaledY, weights, trainColumns);
        var validation = validationColumns.Length == 0 ? null
            : Set<T>(Preprocessed<T>(data.X, validationColumns, preprocessing), scaledY, weights, validationColumns);

        var resumeFrom = request.Resume?.ToCheckpoint(network, settings.Training.Optimizer);
        return new PreparedFit<T>(request, output, y, network, preprocessing, train, validation, random, resumeFrom, trainColumns, validationColumns)
        {
            Encoding = data.Encoding ?? request.Resume?.Model.Columns ?? request.Start?.Columns ?? ColumnInference.Numeric(data.X, data.FeatureNames),
            TargetScaling = targetScaling,
        };
    }

    // Regression targets are standardised with the inputs (fitted on the training columns), unless a resumed run or a
    // start model brings its own.
    private static TargetScaling? TargetScalingFor(FitRequest request, Data.OutputKind kind, Matrix<double> y, int[] trainColumns)
    {
        if (request.Resume is not null)
        {
            return request.Resume.Model.TargetScaling;
        }

        if (request.Start is not null)
        {
            return request.Start.TargetScaling;
        }

        return kind == Data.OutputKind.Regression && request.Settings.Standardize ? TargetScaling.Fit(y.SelectColumns(trainColumns)) : null;
    }

    // The examples at `columns`: X already selected and preprocessed, Y and the weights selected here.
    private static TrainingSet<T> Set<T>(Matrix<T> x, Matrix<double> y, double[]? weights, int[] columns)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(x, y.SelectColumns(columns).Convert<T>(), weights is null ? null : [.. columns.Select(c => T.CreateChecked(weights[c]))]);

    // X's columns preprocessed, in T: a double run trains on a preprocessed copy (X is held twice in all, as given and
    // preprocessed); a float32 run converts each value as it is preprocessed, so it holds X once in double and once in
    // float, never a second double copy.
    private static Matrix<T> Preprocessed<T>(Matrix<double> x, int[] columns, Preprocessing preprocessing)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(double))
        {
            return preprocessing.ApplyTo<T>(x, columns);
        }

        var copy = x.SelectColumns(columns);
        preprocessing.ApplyInPlace(copy);
        return (copy as Matrix<T>)!;
    }
}
