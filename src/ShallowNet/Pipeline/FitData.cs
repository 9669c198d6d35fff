using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Pipeline;

/// <summary>
/// The examples of one fit, raw (before any preprocessing): X (n_x, m), one example per column, with the names the
/// model file records, and the targets either as labels written as in the data (classes, or one numeric target) or as
/// numbers already in the shape of A[L] (<see cref="Y"/>, with <see cref="Classes"/> for a classifier).
/// </summary>
/// <param name="Source">Where the examples came from (a file path, or the caller's name), for error messages.</param>
/// <param name="X">Raw features, shape (n_x, m).</param>
/// <param name="FeatureNames">The n_x feature names, in row order of X.</param>
internal sealed record FitData(string Source, Matrix<double> X, IReadOnlyList<string> FeatureNames)
{
    /// <summary>The label column's name recorded in the model file, or null.</summary>
    public string? LabelName { get; init; }

    /// <summary>The label of each of the m examples as written in the data, or null when <see cref="Y"/> is given.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Targets given as numbers, shape (n[L], m): regression values, or 0/1 / one-hot columns for <see cref="Classes"/>.</summary>
    public Matrix<double>? Y { get; init; }

    /// <summary>The names of several regression targets (one per row of <see cref="Y"/>), recorded in the model; else null.</summary>
    public IReadOnlyList<string>? TargetNames { get; init; }

    /// <summary>The classes in index order when the caller fixes them (ML.NET's key values); null to find them in the labels.</summary>
    public ClassLabels? Classes { get; init; }

    /// <summary>Per-example weights read with the data (length m, each ≥ 0), or null for all 1.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>The name of the weights' column, for error messages.</summary>
    public string WeightName { get; init; } = "weight";

    /// <summary>How the table's columns became X, recorded in the model; null when X was given as numbers.</summary>
    public ColumnEncoding? Encoding { get; init; }

    /// <summary>The id column <c>predict</c> copies to its output, or null.</summary>
    public string? IdColumn { get; init; }

    /// <summary>m, the number of examples.</summary>
    public int Examples => X.Cols;

    /// <summary>The labels, or an error naming the source when there are none.</summary>
    public IReadOnlyList<string> RequireLabels() =>
        Labels ?? throw new InvalidInputException($"{Source}: no label column");

    /// <summary>
    /// The fit data of a table read with <see cref="CsvDataset"/>: its features and labels, the extra columns named in
    /// <paramref name="targets"/> as Y when there are several, and the extra column <paramref name="weightColumn"/> as weights.
    /// </summary>
    public static FitData FromDataset(Dataset data, IReadOnlyList<string>? targets = null, string? weightColumn = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Matrix<double>? y = null;
        if (targets is { Count: > 1 })
        {
            y = new Matrix<double>(targets.Count, data.Examples);
            for (int i = 0; i < targets.Count; i++)
            {
                data.ExtraColumn(targets[i]).CopyTo(y.Row(i));
            }
        }

        return new FitData(data.Source, data.X, data.FeatureNames)
        {
            LabelName = data.LabelName,
            Labels = y is null ? data.Labels : null,
            Y = y,
            TargetNames = y is null ? null : targets,
            Weights = weightColumn is null ? null : data.ExtraColumn(weightColumn),
            WeightName = weightColumn ?? "weight",
        };
    }

    /// <summary>
    /// The fit data of a table: the label (or several regression <paramref name="targets"/>) and the weight column taken
    /// out, the other columns encoded by <paramref name="encoding"/> or, when null, by an encoding inferred from the table
    /// and <paramref name="roles"/> (<see cref="ColumnInference"/>). Warnings about the columns go to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A column is missing, a label is empty, a target or weight is not a number.</exception>
    public static (FitData Data, EncodedTable Encoded) FromTable(Table table, string label, IReadOnlyList<string>? targets, string? weightColumn,
        ColumnRoles roles, ColumnEncoding? encoding, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(table);
        var used = new List<string>(targets is { Count: > 1 } ? targets : [label]);
        if (weightColumn is not null)
        {
            used.Add(weightColumn);
        }

        encoding ??= ColumnInference.Fit(table, roles, used, warnings);
        var encoded = encoding.Encode(table);
        Matrix<double>? y = null;
        IReadOnlyList<string>? labels = null;
        if (targets is { Count: > 1 })
        {
            y = new Matrix<double>(targets.Count, table.Rows);
            for (int i = 0; i < targets.Count; i++)
            {
                table.RequireNumbers(targets[i], "target column").CopyTo(y.Row(i));
            }
        }
        else
        {
            var column = table.Column(label, "label column");
            for (int r = 0; r < table.Rows; r++)
            {
                CsvDataset.CheckLabel(table, column, r, required: true);
            }

            labels = [.. Enumerable.Range(0, table.Rows).Select(r => column.TextAt(r) ?? column.Category(r)!)];
        }

        var data = new FitData(table.Source, encoded.X, encoding.FeatureNames)
        {
            LabelName = y is null ? label : null,
            Labels = labels,
            Y = y,
            TargetNames = y is null ? null : targets,
            Weights = weightColumn is null ? null : table.RequireNumbers(weightColumn),
            WeightName = weightColumn ?? "weight",
            Encoding = encoding,
            IdColumn = roles.Id,
        };
        return (data, encoded);
    }

    /// <summary>Checks that the parts agree on n_x and m.</summary>
    /// <exception cref="ArgumentException">They do not, or there are neither labels nor Y.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(FeatureNames);
        if (FeatureNames.Count != X.Rows)
        {
            throw new ArgumentException($"X has {X.Rows} features (rows) but {FeatureNames.Count} feature names are given; X must be n_x × m", nameof(FeatureNames));
        }

        if (Labels is null && Y is null)
        {
            throw new ArgumentException("the fit needs labels or Y", nameof(Labels));
        }

        Same(Labels?.Count, "the labels have", nameof(Labels));
        Same(Y?.Cols, "Y has", nameof(Y));
        Same(Weights?.Count, "the weights have", nameof(Weights));
        if (TargetNames is not null && TargetNames.Count != Y?.Rows)
        {
            throw new ArgumentException($"{TargetNames.Count} target names for {Y?.Rows ?? 0} rows of Y", nameof(TargetNames));
        }
    }

    private void Same(int? count, string what, string name)
    {
        if (count is { } n && n != X.Cols)
        {
            throw new ArgumentException($"X has {X.Cols} examples (columns) but {what} {n}; X must be n_x × m", name);
        }
    }
}
