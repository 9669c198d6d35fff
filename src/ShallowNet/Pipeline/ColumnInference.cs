using System.Buffers;
using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Model;

namespace ShallowNet.Pipeline;

/// <summary>
/// Decides how each column of a training table is used, from its cells and the user's <see cref="ColumnRoles"/>: a
/// column of numbers is numeric, a column with text is categorical (one-hot); missing cells take the median or the
/// most frequent category. Columns that look like an id (every value distinct: names, row numbers) are left out with
/// a warning unless named in <c>--features</c>, because one-hot encoding them only memorises rows.
/// </summary>
internal static class ColumnInference
{
    /// <summary>Below this many rows no column is judged to be an id: small tables have few repeats anyway.</summary>
    private const int IdCheckMinimumRows = 20;

    /// <summary>
    /// The encoding of <paramref name="table"/>'s feature columns; <paramref name="used"/> are the columns taken for
    /// other roles (label, targets, weights). Warnings go to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A named column does not exist, or a column of numbers holds a few texts.</exception>
    public static ColumnEncoding Fit(Table table, ColumnRoles roles, IReadOnlyCollection<string> used, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(roles);
        Require(table, roles.Features ?? [], "--features");
        Require(table, roles.Ignore, "--ignore");
        Require(table, roles.Categorical, "--categorical");
        Require(table, roles.Id is null ? [] : [roles.Id], "--id");
        if (roles.Features?.FirstOrDefault(f => used.Contains(f) || f == roles.Id || roles.Ignore.Contains(f)) is { } clash)
        {
            throw new InvalidInputException($"--features: '{clash}' is also the label, a target, the weight, the id or ignored; a column has one role");
        }

        if (roles.Ignore.FirstOrDefault(used.Contains) is { } ignored)
        {
            throw new InvalidInputException($"--ignore: '{ignored}' is also the label (--label, by default the last column), a target or the weight (--weight-column); those are never features, so leave it out of --ignore");
        }

        if (roles.Id is { } id && used.Contains(id))
        {
            throw new InvalidInputException($"--id: '{id}' is also the label, a target or the weight; a column has one role");
        }

        if (roles.Categorical.FirstOrDefault(used.Contains) is { } label)
        {
            throw new InvalidInputException($"--categorical: '{label}' is the label, a target or the weight, not a feature (--output softmax takes a numeric label as classes)");
        }

        var names = roles.Features ?? [.. table.Header.Where(h => !used.Contains(h) && h != roles.Id && !roles.Ignore.Contains(h))];
        var columns = new List<InputColumn>();
        foreach (string name in names)
        {
            var cells = table.Column(name);
            bool named = roles.Features is not null || roles.Categorical.Contains(name);
            if (cells.MissingCount == cells.Count)
            {
                warnings.Add($"column '{name}' has no values (every cell is missing): ignored");
                continue;
            }

            var column = roles.Categorical.Contains(name) || cells.TextCount > 0
                ? Categorical(table, cells, roles.Categorical.Contains(name))
                : Numeric(cells);
            if (!named && LooksLikeId(table, cells, column) is { } why)
            {
                warnings.Add(HoldsDatesOrTimes(cells)
                    ? $"column '{name}' holds dates or times ({why}): ignored, as a category of nearly one row each would teach nothing; add numbers made from it (hour, weekday, days since a start) as columns of their own"
                    : $"column '{name}' looks like an id ({why}): ignored; name it in --features to use it");
                continue;
            }

            columns.Add(column with { Indicator = roles.MissingIndicators && cells.MissingCount > 0 });
        }

        if (columns.Count == 0)
        {
            throw new InvalidInputException($"{table.Source}: no feature columns are left (the columns are {Table.ColumnList(table.Header)}); name them with --features");
        }

        var once = columns.Where(c => c.Kind == ColumnKind.Categorical).Select(c => (c.Name, Count: SeenOnce(table.Column(c.Name)))).Where(c => c.Count > 0).ToList();
        if (once.Count > 0)
        {
            warnings.Add($"categories seen only once (the network can hardly learn them): {string.Join(", ", once.Take(4).Select(c => $"'{c.Name}' {c.Count}"))}{(once.Count > 4 ? ", ..." : string.Empty)}");
        }

        RefuseTooWide(table, columns);
        try
        {
            return new ColumnEncoding(columns) { MissingTokens = ColumnEncoding.Recorded(table.MissingTokens) };
        }
        catch (ArgumentException e) when (e.ParamName == "columns")
        {
            // a column named like another column's feature: "a (missing)", or "color=red" beside a column color
            throw new InvalidInputException($"{table.Source}: {e.Message.Split(" (Parameter", 2)[0]} among the features (a column's name and another column's one-hot or missing-indicator feature); rename the column or leave it out with --ignore");
        }
    }

    /// <summary>
    /// One-hot encoding can multiply a table's size (a column of 20,000 categories makes 20,000 features): refuse before
    /// allocating when X (8 bytes a cell) and the two copies training makes of it would not fit in the memory available.
    /// </summary>
    private static void RefuseTooWide(Table table, List<InputColumn> columns)
    {
        long width = columns.Sum(c => (long)c.Width);
        double bytes = 3.0 * 8 * width * table.Rows;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available)
        {
            var widest = columns.MaxBy(c => c.Width)!;
            throw new InvalidInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{table.Source}: the columns make {width} features of {table.Rows} rows, about {bytes / 1e9:F1} GB while training, more than this process can hold ({available / 1e9:F1} GB); the widest is '{widest.Name}' ({widest.Width} features): leave it out with --ignore"));
        }
    }

    /// <summary>One line: "features: 9 numeric, 4 text (23 one-hot columns), 455 missing cells imputed".</summary>
    public static string Summary(ColumnEncoding encoding, int imputed)
    {
        int numeric = encoding.Columns.Count(c => c.Kind == ColumnKind.Numeric);
        var text = encoding.Columns.Where(c => c.Kind == ColumnKind.Categorical).ToList();
        int indicators = encoding.Columns.Count(c => c.Indicator);
        var parts = new List<string> { $"{numeric} numeric" };
        if (text.Count > 0)
        {
            parts.Add($"{text.Count} categorical ({text.Sum(c => c.Categories!.Count)} one-hot columns)");
        }

        if (indicators > 0)
        {
            parts.Add($"{indicators} missing-value indicator{(indicators == 1 ? string.Empty : "s")}");
        }

        parts.Add($"{imputed} missing cell{(imputed == 1 ? string.Empty : "s")} imputed");
        return $"features: {string.Join(", ", parts)}; {encoding.Width} inputs";
    }

    /// <summary>The encoding of features given as numbers (the C# API, ML.NET): each a numeric column, imputed by its median.</summary>
    public static ColumnEncoding Numeric(Numerics.Matrix<double> x, IReadOnlyList<string> names) =>
        new([.. names.Select((name, i) => new InputColumn(name, ColumnKind.Numeric) { Fill = Median(x.Row(i)) })]);

    private static InputColumn Numeric(TableColumn cells) => new(cells.Name, ColumnKind.Numeric) { Fill = Median(cells.Numbers) };

    /// <summary>The median of the values that are not NaN (missing); the mean of the two middle ones for an even count.</summary>
    private static double Median(ReadOnlySpan<double> cells)
    {
        // One pooled buffer serves every column: a list per column left the whole table again as garbage while it was
        // being encoded (160 MB for 200k rows × 100 columns). The same sort as List.Sort, so the same median.
        double[] buffer = ArrayPool<double>.Shared.Rent(cells.Length);
        try
        {
            int n = 0;
            foreach (double v in cells)
            {
                if (!double.IsNaN(v))
                {
                    buffer[n++] = v;
                }
            }

            var values = buffer.AsSpan(0, n);
            values.Sort();
            return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static InputColumn Categorical(Table table, TableColumn cells, bool forced)
    {
        // A few texts in a column of numbers are a mistake in the data far more often than categories.
        if (!forced && cells.NumberCount >= cells.TextCount)
        {
            int row = cells.FirstTextRow;
            string text = cells.TextAt(row)!;
            throw new InvalidInputException(
                $"{table.Where(cells, row)}: '{text}' is not a number{ColumnEncoding.DecimalCommaHint(text)}, but {cells.NumberCount} of the column's {cells.Count} cells are; add it to --na if it marks a missing value, or use --categorical {cells.Name}");
        }

        if (!forced && cells.TextAt(cells.FirstTextRow) is { } first && ColumnEncoding.DecimalCommaHint(first).Length > 0)
        {
            throw new InvalidInputException($"{table.Where(cells, cells.FirstTextRow)}: '{first}' is not a number{ColumnEncoding.DecimalCommaHint(first)}");
        }

        var counts = Counts(cells);
        var categories = counts.Keys.Order(StringComparer.Ordinal).ToList();
        string fill = categories.OrderByDescending(c => counts[c]).First(); // ties: the first in sorted order (a stable sort)
        return new InputColumn(cells.Name, ColumnKind.Categorical) { Categories = categories, FillCategory = fill };
    }

    private static Dictionary<string, int> Counts(TableColumn cells)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < cells.Count; r++)
        {
            if (cells.Category(r) is { } c)
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        return counts;
    }

    private static int SeenOnce(TableColumn cells) => Counts(cells).Values.Count(n => n == 1);

    /// <summary>Whether the first text cells (up to 20) all read as dates or times (2019-03-23 20:21:09, 03/23/2019).</summary>
    private static bool HoldsDatesOrTimes(TableColumn cells)
    {
        int seen = 0;
        for (int r = 0; r < cells.Count && seen < 20; r++)
        {
            if (cells.TextAt(r) is not { } text)
            {
                continue;
            }

            if (!text.Any(char.IsAsciiDigit) || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _))
            {
                return false;
            }

            seen++;
        }

        return seen > 0;
    }

    /// <summary>Why the column looks like an id, or null: text with more distinct values than half its rows, or distinct whole numbers under an id's name.</summary>
    private static string? LooksLikeId(Table table, TableColumn cells, InputColumn column)
    {
        int present = cells.Count - cells.MissingCount;
        if (present < IdCheckMinimumRows)
        {
            return null;
        }

        if (column.Kind == ColumnKind.Categorical)
        {
            int distinct = column.Categories!.Count;
            return distinct > present / 2 ? $"{distinct} distinct values in {present} rows" : null;
        }

        // A number column is an id only by its name as well: sorted or distinct whole numbers alone are also years, counts, x.
        var numbers = cells.Numbers;
        if (!IdName(cells.Name))
        {
            return null;
        }

        var seen = new HashSet<double>();
        foreach (double v in numbers)
        {
            if (!double.IsNaN(v) && (v != Math.Floor(v) || !seen.Add(v)))
            {
                return null;
            }
        }

        return $"named like one, with {seen.Count} distinct whole numbers in {present} rows";
    }

    /// <summary>id, ID, Id, customer_id, CustomerId, index, or pandas' unnamed index column.</summary>
    private static bool IdName(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.Equals("index", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal)
        || name.EndsWith("ID", StringComparison.Ordinal) || name.StartsWith("Unnamed: ", StringComparison.Ordinal);

    private static void Require(Table table, IReadOnlyList<string> names, string option)
    {
        var missing = names.Where(n => table.Find(n) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException($"{option}: no column {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))} in {table.Source}; the columns are {Table.ColumnList(table.Header)}");
        }
    }
}
