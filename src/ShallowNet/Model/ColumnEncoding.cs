using ShallowNet.Data;
using ShallowNet.Numerics;

namespace ShallowNet.Model;

/// <summary>
/// How a model turns the columns of a user's table into X (n_x, m): each <see cref="InputColumn"/> in order becomes one
/// feature (a number, its missing cells imputed) or one 0/1 feature per category (one-hot), then an optional
/// missing-indicator. It is learned from the training rows and stored in the model file, so that <c>predict</c>
/// encodes new rows exactly as training did.
/// </summary>
public sealed class ColumnEncoding
{
    /// <summary>Creates the encoding of <paramref name="columns"/>, in feature order.</summary>
    /// <exception cref="ArgumentException">A column is named twice, a categorical column has no categories, or two features share a name.</exception>
    public ColumnEncoding(IReadOnlyList<InputColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        FeatureNames = [.. columns.SelectMany(c => c.FeatureNames())];
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? FeatureNames.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException($"'{duplicate}' is named twice", nameof(columns));
        }

        if (columns.FirstOrDefault(c => c.Kind == ColumnKind.Categorical && c.Categories is not { Count: > 0 }) is { } empty)
        {
            throw new ArgumentException($"categorical column '{empty.Name}' has no categories", nameof(columns));
        }
    }

    /// <summary>The table's columns the model takes, in feature order.</summary>
    public IReadOnlyList<InputColumn> Columns { get; }

    /// <summary>The n_x feature names, in row order of X.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>n_x.</summary>
    public int Width => FeatureNames.Count;

    /// <summary>
    /// The cells that mean missing, when training read others than <see cref="TableReadOptions.DefaultMissingTokens"/>
    /// (<c>--na</c>); null for the defaults. New rows are read with the same words: a sentinel such as -999 that
    /// training took as missing must not reach the network as a number.
    /// </summary>
    public IReadOnlyList<string>? MissingTokens { get; init; }

    /// <summary>The cells that mean missing in a table this encoding reads.</summary>
    internal IReadOnlyList<string> MissingTokensOrDefault => MissingTokens ?? TableReadOptions.DefaultMissingTokens;

    /// <summary>The words to record for a table read with <paramref name="tokens"/>: null when they are the defaults.</summary>
    internal static IReadOnlyList<string>? Recorded(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.SequenceEqual(TableReadOptions.DefaultMissingTokens, StringComparer.Ordinal) ? null : tokens;
    }

    /// <summary>
    /// Whether this is the plain numeric encoding of a version-1 model: every column a number taken as it is, a
    /// missing cell an error. Such models are written as version 1, without a "columns" list.
    /// </summary>
    public bool IsPlainNumeric => MissingTokens is null && Columns.All(c => c.Kind == ColumnKind.Numeric && c.Fill is null && !c.Indicator);

    /// <summary>The encoding of a version-1 model: each feature is the number in the column of that name.</summary>
    public static ColumnEncoding Numeric(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new ColumnEncoding([.. features.Select(f => new InputColumn(f, ColumnKind.Numeric))]);
    }

    /// <summary>For each feature, whether it holds a number that standardisation should centre and scale (one-hot and indicator features stay 0/1).</summary>
    public IReadOnlyList<bool> Scalable() =>
        [.. Columns.SelectMany(c => Enumerable.Repeat(c.Kind == ColumnKind.Numeric, c.Kind == ColumnKind.Numeric ? 1 : c.Categories!.Count).Concat(c.Indicator ? [false] : []))];

    /// <summary>Encodes <paramref name="table"/>'s rows; the columns are found by name.</summary>
    /// <exception cref="InvalidInputException">A column is missing, a numeric cell holds text, or a missing cell has no fill value; the message names line and column.</exception>
    public EncodedTable Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var missingColumns = Columns.Where(c => table.Find(c.Name) is null).Select(c => c.Name).ToList();
        if (missingColumns.Count > 0)
        {
            throw new InvalidInputException(
                $"{table.Source}: no column{(missingColumns.Count == 1 ? string.Empty : "s")} {string.Join(", ", missingColumns.Take(5).Select(m => $"'{m}'"))}{(missingColumns.Count > 5 ? ", ..." : string.Empty)}, which the model takes; the columns are {Table.ColumnList(table.Header)}");
        }

        var x = new Matrix<double>(Width, table.Rows);
        var unseen = new Dictionary<string, (int Count, string First)>(StringComparer.Ordinal);
        int imputed = 0, feature = 0;
        foreach (var column in Columns)
        {
            var cells = table.Column(column.Name);
            imputed += column.Kind == ColumnKind.Numeric
                ? EncodeNumber(table, column, cells, x.Row(feature))
                : EncodeCategory(table, column, cells, x, feature, unseen);
            feature += column.Width - (column.Indicator ? 1 : 0);
            if (column.Indicator)
            {
                var row = x.Row(feature++);
                for (int r = 0; r < table.Rows; r++)
                {
                    row[r] = cells.IsMissing(r) ? 1 : 0;
                }
            }
        }

        return new EncodedTable(x, imputed, unseen);
    }

    private static int EncodeNumber(Table table, InputColumn column, TableColumn cells, Span<double> row)
    {
        int imputed = 0;
        var numbers = cells.Numbers;
        for (int r = 0; r < row.Length; r++)
        {
            if (cells.TextAt(r) is { } text)
            {
                throw new InvalidInputException($"{table.Where(cells, r)}: '{Shorten(text)}' is not a number{DecimalCommaHint(text)}");
            }

            if (double.IsNaN(numbers[r]))
            {
                row[r] = column.Fill ?? throw new InvalidInputException($"{table.Where(cells, r)}: empty cell; expected a number (this model was trained without missing values)");
                imputed++;
            }
            else
            {
                row[r] = numbers[r];
            }
        }

        return imputed;
    }

    private static int EncodeCategory(Table table, InputColumn column, TableColumn cells, Matrix<double> x, int first, Dictionary<string, (int Count, string First)> unseen)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < column.Categories!.Count; i++)
        {
            index[column.Categories[i]] = i;
        }

        int imputed = 0;
        for (int r = 0; r < table.Rows; r++)
        {
            string? category = cells.Category(r);
            if (category is null)
            {
                category = column.FillCategory ?? throw new InvalidInputException($"{table.Where(cells, r)}: empty cell; expected a category");
                imputed++;
            }

            if (index.TryGetValue(category, out int i))
            {
                x[first + i, r] = 1;
            }
            else
            {
                unseen[column.Name] = unseen.TryGetValue(column.Name, out var u) ? (u.Count + 1, u.First) : (1, category);
            }
        }

        return imputed;
    }

    /// <summary>" (numbers use '.' as the decimal point)" when the text is a number written with a decimal comma.</summary>
    internal static string DecimalCommaHint(string text) =>
        text.Contains(',') && double.TryParse(text.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? " (numbers use '.' as the decimal point)"
            : string.Empty;

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 37), "...");
}
