using System.CommandLine;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>The options that say how a table's columns are used: --features, --ignore, --id, --categorical, --na, --missing-indicators.</summary>
internal sealed class ColumnOptions
{
    private readonly Option<string?> _features = new("--features") { Description = "Feature columns, in order (default: every column besides the label, weights and id; columns that look like an id are left out)", HelpName = "A,B,..." };
    private readonly Option<string?> _ignore = new("--ignore") { Description = "Columns that are not features", HelpName = "A,B,..." };
    private readonly Option<string?> _id = new("--id") { Description = "Id column: not a feature; predict copies it to its output", HelpName = "NAME" };
    private readonly Option<string?> _categorical = new("--categorical") { Description = "Numeric columns to one-hot encode as categories (text columns always are)", HelpName = "A,B,..." };
    private readonly Option<string?> _na = new("--na") { Description = "Cells that mean missing (default: empty, NA, N/A, NaN, nan, ?, null, NULL); missing numbers take the median, missing categories the most frequent", HelpName = "TOKENS" };
    private readonly Option<bool> _indicators = new("--missing-indicators") { Description = "Add a 0/1 feature after each column that had missing cells" };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_features, _ignore, _id, _categorical, _na, _indicators];

    /// <summary>The roles given on the command line.</summary>
    /// <exception cref="UsageException">A list has an empty or repeated name, or a column is given two roles.</exception>
    public ColumnRoles Roles(ParseResult parsed)
    {
        var features = List(parsed, _features);
        var ignore = List(parsed, _ignore) ?? [];
        var categorical = List(parsed, _categorical) ?? [];
        string? id = parsed.GetValue(_id)?.Trim();
        OptionParsing.Require(id is null || id.Length > 0, "--id", "needs a column name");
        if (id is not null && ignore.Contains(id))
        {
            throw new UsageException($"--id: '{id}' is also in --ignore; a column has one role");
        }

        if (features?.FirstOrDefault(ignore.Contains) is { } both)
        {
            throw new UsageException($"--features: '{both}' is also in --ignore; a column has one role");
        }

        return new ColumnRoles { Features = features, Ignore = ignore, Id = id, Categorical = categorical, MissingIndicators = parsed.GetValue(_indicators) };
    }

    /// <summary>The cells read as missing: the defaults, or --na's list (an empty cell always is).</summary>
    public IReadOnlyList<string> MissingTokens(ParseResult parsed) =>
        parsed.GetValue(_na) is { } na ? [.. na.Split(',', StringSplitOptions.TrimEntries)] : TableReadOptions.DefaultMissingTokens;

    private static List<string>? List(ParseResult parsed, Option<string?> option)
    {
        if (parsed.GetValue(option) is not { } value)
        {
            return null;
        }

        var names = value.Split(',', StringSplitOptions.TrimEntries).ToList();
        OptionParsing.Require(names.All(n => n.Length > 0), option.Name, $"'{value}' has an empty column name");
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        OptionParsing.Require(repeated is null, option.Name, $"'{repeated?.Key}' is named twice");
        return names;
    }
}
