using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ShallowNet.Data;
using ShallowNet.MLNet.Mapping;
using ShallowNet.Training;

namespace ShallowNet.MLNet;

/// <summary>
/// An ML.NET estimator that trains a ShallowNet multi-class classifier (hidden layers, then a softmax over k units,
/// cross-entropy) on a feature vector column and a key-typed label column, as ML.NET's own multi-class trainers do:
/// <code>
/// var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
///     .Append(mlContext.Transforms.Concatenate("Features", "x0", "x1"))
///     .Append(new ShallowNetMulticlassTrainer(mlContext, new ShallowNetTrainerOptions { HiddenLayers = [8] }));
/// var model = pipeline.Fit(train);
/// var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
/// // then mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel") gives the original label back
/// </code>
/// The label's key count is k and its key values (annotation KeyValues) name the classes. The fitted transformer adds
/// Score (a vector of the k class probabilities A[L], in key order) and PredictedLabel (the most probable class, a key
/// of the label's key type with the label's key values, so MapKeyToValue gives the original label back).
/// </summary>
public sealed class ShallowNetMulticlassTrainer : IEstimator<ShallowNetMulticlassModel>
{
    /// <summary>The most classes this trainer takes (see <see cref="MulticlassScoreMapping.MaxClasses"/>).</summary>
    public const int MaxClasses = MulticlassScoreMapping.MaxClasses;

    private const string Name = nameof(ShallowNetMulticlassTrainer);
    private const string ScoresColumn = "ShallowNetScores";
    private const string ClassColumn = "ShallowNetClass";
    private const string ValueColumn = "ShallowNetClassValue";
    private readonly MLContext _mlContext;

    /// <summary>Creates the trainer; <paramref name="options"/> default to one hidden layer of 4 tanh units.</summary>
    public ShallowNetMulticlassTrainer(MLContext mlContext, ShallowNetTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        _mlContext = mlContext;
        Options = options ?? new ShallowNetTrainerOptions();
        TrainerCore.Validate(Options, Name);
        ShallowNetTrainer.Register(mlContext);
    }

    /// <summary>The settings.</summary>
    public ShallowNetTrainerOptions Options { get; }

    /// <summary>Reads the training rows, trains the network and returns the scoring transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The feature or label column is missing or of the wrong type (the label must be a key: use MapValueToKey), or the
    /// key has fewer than 2 or more than <see cref="MaxClasses"/> values.
    /// </exception>
    /// <exception cref="InvalidInputException">A label is missing (key 0), or there are no rows.</exception>
    /// <exception cref="TrainingDivergedException">The cost became NaN or infinite.</exception>
    public ShallowNetMulticlassModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = Options;
        var label = input.Schema.GetColumnOrNull(o.LabelColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"{Name}: no label column '{o.LabelColumnName}' in the data");
        int k = KeyCount(label.Type);
        var keys = KeyValues(label, k);
        var classes = new ClassLabels(keys.Names, keys.Numeric);
        var (x, index, weights) = DataViewReader.ReadMulticlass(input, o.FeatureColumnName, label, o.ExampleWeightColumnName, k);
        var y = classes.EncodeOneHot<double>([.. index.Select(c => classes.Names[c])], $"{Name}: label column '{o.LabelColumnName}'");
        var (model, history) = TrainerCore.Train(o, Name, x, y, weights, OutputKind.Multiclass, classes);

        // Score: the mapping's fixed-size vector cut to its first k slots by a slot selection fitted on one row.
        var scored = TrainerCore.Scoring(_mlContext, o.FeatureColumnName, TrainerCore.ToJson(model), new MulticlassScoreMapping(), MulticlassScoreMapping.ContractName).Fit(input);
        var slots = new SlotsRow { ShallowNetScores = [.. Enumerable.Range(0, MaxClasses).Select(c => c < k ? 1f : 0f)] };
        var select = Select().Fit(_mlContext.Data.LoadFromEnumerable([slots]));
        var tail = keys.Tail(_mlContext).Fit(select.Transform(scored.Transform(input)));
        ITransformer[] chain = [.. scored, select, .. tail];
        return new ShallowNetMulticlassModel(new TransformerChain<ITransformer>(chain), model, history);
    }

    /// <summary>The input schema plus Score (a known-size vector of Single) and PredictedLabel (a key with the label's key values).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is not a vector of Single, or the label column is missing or not a key.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TrainerCore.CheckFeatures(inputSchema, Options, Name);
        var label = inputSchema.FirstOrDefault(c => c.Name == Options.LabelColumnName);
        if (label.Name is null || !label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{Name}: label column '{Options.LabelColumnName}' must be a key (use mlContext.Transforms.Conversion.MapValueToKey)");
        }

        var annotation = label.Annotations?.FirstOrDefault(c => c.Name == AnnotationUtils.KeyValues) ?? default;
        var itemType = annotation.Name is null ? typeof(uint) : annotation.ItemType.RawType;
        var keys = Keys.Create(itemType, [Activator.CreateInstance(itemType)!], numeric: false);
        return TrainerCore.Scoring(_mlContext, Options.FeatureColumnName, "{}", new MulticlassScoreMapping(), MulticlassScoreMapping.ContractName)
            .Append(Select())
            .Append(keys.Tail(_mlContext))
            .GetOutputSchema(inputSchema);
    }

    private CountFeatureSelectingEstimator Select() =>
        _mlContext.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(DefaultColumnNames.Score, ScoresColumn, count: 1);

    private static int KeyCount(DataViewType type)
    {
        if (type is not KeyDataViewType key || key.RawType != typeof(uint))
        {
            throw new ArgumentOutOfRangeException(nameof(type),
                $"{Name}: the label column is {type}; expected a key (UInt32), as made by mlContext.Transforms.Conversion.MapValueToKey");
        }

        if (key.Count < 2 || key.Count > MaxClasses)
        {
            throw new ArgumentOutOfRangeException(nameof(type), $"{Name}: the label has {key.Count} key values; the trainer takes 2 to {MaxClasses} classes");
        }

        return (int)key.Count;
    }

    // The label's key values in key order, or the key numbers 1..k when the column carries none.
    private static Keys KeyValues(DataViewSchema.Column label, int k)
    {
        var annotation = label.Annotations.Schema.GetColumnOrNull(AnnotationUtils.KeyValues);
        if (annotation?.Type is not VectorDataViewType { ItemType: PrimitiveDataViewType item })
        {
            return Keys.Create(typeof(uint), [.. Enumerable.Range(1, k).Select(i => (object)(uint)i)], numeric: true);
        }

        var read = typeof(ShallowNetMulticlassTrainer).GetMethod(nameof(ReadKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(item.RawType);
        var values = (object[])read.Invoke(null, [label])!;
        if (values.Length != k)
        {
            throw new ArgumentOutOfRangeException(nameof(label), $"{Name}: the label's key type has {k} values but its KeyValues annotation {values.Length}");
        }

        return Keys.Create(item.RawType, values, numeric: item is NumberDataViewType);
    }

    private static object[] ReadKeyValues<T>(DataViewSchema.Column label)
    {
        VBuffer<T> buffer = default;
        label.Annotations.GetValue(AnnotationUtils.KeyValues, ref buffer);
        return [.. buffer.DenseValues().Select(v => (object)v!)];
    }

    /// <summary>The names ML.NET gives annotations.</summary>
    private static class AnnotationUtils
    {
        public const string KeyValues = "KeyValues";
    }

    /// <summary>ML.NET's default column names.</summary>
    private static class DefaultColumnNames
    {
        public const string Score = "Score";
        public const string PredictedLabel = "PredictedLabel";
    }

    /// <summary>One row that marks which of the mapping's slots are classes.</summary>
    private sealed class SlotsRow
    {
        [VectorType(MaxClasses)]
        public float[] ShallowNetScores { get; set; } = [];
    }

    /// <summary>The classes as the label's key values (type-erased); <see cref="Tail"/> builds the PredictedLabel links.</summary>
    private abstract class Keys
    {
        public abstract IReadOnlyList<string> Names { get; }

        public abstract bool Numeric { get; }

        public static Keys Create(Type itemType, object[] values, bool numeric) =>
            (Keys)Activator.CreateInstance(typeof(Keys<>).MakeGenericType(itemType), [values, numeric])!;

        /// <summary>
        /// Index (0..k−1) → key value by a saved value map, then key value → key by a saved value-to-key map whose terms
        /// are the key values in key order (so the key type and its KeyValues equal the label's), then drop the helpers.
        /// </summary>
        public abstract EstimatorChain<ColumnSelectingTransformer> Tail(MLContext ml);
    }

    private sealed class Keys<T>(object[] values, bool numeric) : Keys
    {
        private readonly T[] _values = [.. values.Cast<T>()];

        public override IReadOnlyList<string> Names => [.. _values.Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? string.Empty)];

        public override bool Numeric => numeric;

        public override EstimatorChain<ColumnSelectingTransformer> Tail(MLContext ml)
        {
            var lookup = ml.Data.LoadFromEnumerable(_values.Select((v, i) => new LookupRow<T> { Index = (uint)i, Value = v }));
            var terms = ml.Data.LoadFromEnumerable(_values.Select(v => new TermRow<T> { ShallowNetClassValue = v }));
            var t = ml.Transforms;
            return t.Conversion.MapValue(ValueColumn, lookup, lookup.Schema[nameof(LookupRow<T>.Index)], lookup.Schema[nameof(LookupRow<T>.Value)], ClassColumn)
                .Append(t.Conversion.MapValueToKey(DefaultColumnNames.PredictedLabel, ValueColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: terms))
                .Append(t.DropColumns(TrainerCore.FeaturesColumn, TrainerCore.KeyColumn, TrainerCore.ModelColumn, ScoresColumn, ClassColumn, ValueColumn));
        }
    }

    private sealed class LookupRow<T>
    {
        public uint Index { get; set; }

        public T Value { get; set; } = default!;
    }

    private sealed class TermRow<T>
    {
        public T ShallowNetClassValue { get; set; } = default!;
    }
}
