using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>The training table of a <c>train</c> run: read, rows without a label dropped on request, columns encoded.</summary>
internal static class TrainData
{
    /// <summary>
    /// Reads the table (every column, cells as written), then takes out the label, targets and weights and encodes the
    /// other columns: as the start model or checkpoint did, or as inferred from the table and the column options.
    /// Prints the one-line summary of the columns and any warnings about them. <c>UnnamedAfterLabel</c>: the table ends
    /// with unnamed columns, so the default label is the last column with a name, not the last column.
    /// </summary>
    public static (FitData Fit, Dataset View, bool UnnamedAfterLabel) Read(TrainSettings s, TrainedModel? start, CliConsole console)
    {
        var (table, label) = ReadTable(s, start?.Label, console);
        var warnings = new List<string>();
        // a start model without feature names (weights from another tool) takes the table's columns as inferred; the fit
        // then checks their count against its inputs
        var encoding = (s.Resume?.Model ?? start) is { } given && (given.Columns is not null || given.Features is not null) ? given.Encoding : null;
        CheckResumedFeatures(s, start, table, label);
        var (fit, encoded) = FitData.FromTable(table, label, s.Labels is { Length: > 1 } ? s.Labels : null, s.WeightColumn, s.Columns, encoding, warnings);
        Float32Range.Check(s, table, fit, label);
        if (!s.Quiet)
        {
            console.Out.WriteLine(ColumnInference.Summary(fit.Encoding!, encoded.Imputed));
        }

        if (TrainWarnings.Scales(s, fit) is { } scales)
        {
            warnings.Add(scales);
        }

        if (TrainWarnings.RowNamingLabel(fit) is { } naming)
        {
            warnings.Add(naming);
        }

        if (TrainWarnings.LabelCopy(table, fit) is { } copy)
        {
            warnings.Add(copy);
        }

        foreach (string warning in warnings.Concat(encoded.UnseenWarning() is { } unseen ? [unseen] : []))
        {
            console.Error.WriteLine($"shallownet: warning: {s.DataPath}: {warning}");
        }

        var view = new Dataset(table.Source, fit.FeatureNames, fit.X, fit.LabelName, fit.Labels) { Sha256 = table.Sha256 };
        return (fit, view, table.DefaultLabel != table.Header[^1]);
    }

    /// <summary>
    /// For commands that fit many models on the table's rows (cv, curve, tune): refuses, before any fold trains, a
    /// configuration whose training cannot be held in memory, <paramref name="concurrent"/> folds at once (the whole
    /// table stands for a fold's rows: an upper bound), as train refuses one.
    /// </summary>
    public static void CheckMemory(IEnumerable<TrainSettings> settings, Table table, string label, int concurrent)
    {
        concurrent = Math.Max(1, concurrent);
        FitData? fit = null;
        foreach (var s in settings)
        {
            fit ??= FitData.FromTable(table, label, s.Labels is { Length: > 1 } ? s.Labels : null, s.WeightColumn, s.Columns, null, []).Data;
            if (s.Float32)
            {
                TrainingMemory.Check<float>(s, fit, concurrent);
            }
            else
            {
                TrainingMemory.Check<double>(s, fit, concurrent);
            }
        }
    }

    /// <summary>
    /// A resumed run reads the table through the checkpoint's columns: they must be the ones its recorded arguments make
    /// of this table (the start model's, or as inferred). A checkpoint whose features were reordered resumed on swapped
    /// columns (cost 0.25 → 49, exit 0).
    /// </summary>
    private static void CheckResumedFeatures(TrainSettings s, TrainedModel? start, Table table, string label)
    {
        if (s.Resume is not { Model.Features: { } saved } resume)
        {
            return;
        }

        string[] targets = s.Labels is { Length: > 1 } several ? several : [label];
        var expected = start is { } given && (given.Columns is not null || given.Features is not null)
            ? given.Encoding.FeatureNames
            : ColumnInference.Fit(table, s.Columns, [.. targets, .. s.WeightColumn is null ? Array.Empty<string>() : [s.WeightColumn]], []).FeatureNames;
        if (!saved.SequenceEqual(expected, StringComparer.Ordinal))
        {
            int at = Enumerable.Range(0, Math.Min(saved.Count, expected.Count)).FirstOrDefault(i => saved[i] != expected[i], Math.Min(saved.Count, expected.Count));
            string Name(IReadOnlyList<string> names) => at < names.Count ? $"'{names[at]}'" : "nothing";
            throw new InvalidInputException($"{resume.Source}: model.features[{at}]: is {Name(saved)}, but the recorded arguments make {Name(expected)} of {s.DataPath} there");
        }
    }

    /// <summary>How many of <paramref name="folds"/> trainings run at once on <paramref name="threads"/> (0: every core).</summary>
    public static int Concurrent(int threads, int folds) => Math.Min(threads > 0 ? threads : Environment.ProcessorCount, folds);

    /// <summary>
    /// For commands that fit many models on the table's rows (cv, curve): refuses, before any fold trains, a float32 run
    /// whose unstandardised values are beyond float (<see cref="Float32Range"/>), as <see cref="Read"/> does for train.
    /// </summary>
    public static void CheckFloat32(TrainSettings s, Table table, string label)
    {
        if (s.Float32 && (!s.Standardize || s.WeightColumn is not null))           // else every value reaches the network scaled
        {
            var (fit, _) = FitData.FromTable(table, label, s.Labels is { Length: > 1 } ? s.Labels : null, s.WeightColumn, s.Columns, null, []);
            Float32Range.Check(s, table, fit, label);
        }
    }

    /// <summary>
    /// Reads the table of <c>--data</c> (every column, cells as written; the label kept as text), drops the rows without
    /// a label on request and says how many rows were dropped. Returns the table and the label column's name (given,
    /// the start model's, or the last column with a name: an unnamed last column is the trailing comma's).
    /// </summary>
    public static (Table Table, string Label) ReadTable(TrainSettings s, string? startLabel, CliConsole console)
    {
        string? label = s.Labels?[0] ?? startLabel;
        bool severalTargets = s.Labels is { Length: > 1 };
        var table = TableFile.Read(s.DataPath, new TableReadOptions
        {
            MissingTokens = s.MissingTokens,
            DropInvalidRows = s.DropInvalidRows,
            TextColumns = label is null || severalTargets ? [] : [label],
            LastColumnIsText = label is null,
            MemoryBudget = TrainingMemory.ReadingBudget(),
        });
        PhaseGarbage.Release((long)table.Rows * table.Columns.Count * sizeof(double));   // the cells collected while reading
        label ??= table.Header.Count >= 2 ? table.DefaultLabel
            : throw new InvalidInputException($"{s.DataPath}: only one column ('{table.Header[0]}'); expected feature columns and a label column");
        if (s.DropInvalidRows)
        {
            table = DropUnlabelled(table, label, severalTargets ? s.Labels! : null);
        }
        else if (!severalTargets)
        {
            RefuseMissingLabels(table, label);
        }

        if (table.DroppedRows > 0)
        {
            console.Error.WriteLine($"shallownet: warning: {s.DataPath}: dropped {table.DroppedRows} invalid row{(table.DroppedRows == 1 ? string.Empty : "s")} (first: {table.FirstDropped}); training on {table.Rows}");
        }

        if (s.WeightColumn is not null && s.WeightColumn == label && s.Labels is not { Length: > 1 })
        {
            throw new UsageException($"--weight-column: '{s.WeightColumn}' is the label; the weights must be a column of their own");
        }

        return (table, label);
    }

    /// <summary>
    /// Rows without a label cannot be trained on: refused with how many there are and the two ways on (penguins.csv's
    /// last column, 'sex', is empty in 11 of 344 rows; the bare "empty label" left a first-time user stuck).
    /// </summary>
    private static void RefuseMissingLabels(Table table, string label)
    {
        if (!table.Header.Contains(label))
        {
            return;                                       // reading the label says which column is missing
        }

        var column = table.Column(label, "label column");
        int first = -1, missing = 0;
        for (int r = 0; r < table.Rows; r++)
        {
            if (column.IsMissing(r))
            {
                first = first < 0 ? r : first;
                missing++;
            }
        }

        if (missing > 0)
        {
            throw new InvalidInputException($"{table.Where(column, first)}: missing label ({missing} of {table.Rows} rows {(missing == 1 ? "has" : "have")} none; --drop-invalid-rows leaves them out, --label names another column)");
        }
    }

    /// <summary>With --drop-invalid-rows, rows whose label (or a target) is missing or not a number are dropped too: they cannot be imputed.</summary>
    private static Table DropUnlabelled(Table table, string label, string[]? targets)
    {
        var columns = (targets ?? [label]).Select(n => table.Column(n, "label column")).ToList();
        var keep = new List<int>();
        (int Line, string Why)? first = null;
        for (int r = 0; r < table.Rows; r++)
        {
            var bad = columns.FirstOrDefault(c => c.IsMissing(r) || (targets is not null && c.TextAt(r) is not null));
            if (bad is null)
            {
                keep.Add(r);
            }
            else if (first is null)
            {
                first = (table.LineOf(r), $"{table.Location(r)}, column {bad.Position + 1} ('{bad.Name}'): {(bad.IsMissing(r) ? "missing label" : "not a number")}");
            }
        }

        if (keep.Count == table.Rows)
        {
            return table;
        }

        if (keep.Count == 0)
        {
            throw new InvalidInputException($"{table.Source}: all {table.Rows + table.DroppedRows} rows were invalid and dropped (first: {first!.Value.Why})");
        }

        // The first reason given is the earliest line's, whichever check dropped it.
        bool labelFirst = table.FirstDropped is null || first!.Value.Line < FirstLine(table.FirstDropped);
        return table.SelectRows(keep).WithDropped(table.DroppedRows + table.Rows - keep.Count, labelFirst ? first!.Value.Why : table.FirstDropped!);

        // The reason starts "line L" (CSV) or "row R" (Parquet).
        static int FirstLine(string why)
        {
            int start = why.IndexOf(' ') + 1, end = why.IndexOfAny([',', ':']);
            return end > start && int.TryParse(why.AsSpan(start, end - start), out int line) ? line : int.MaxValue;
        }
    }
}
