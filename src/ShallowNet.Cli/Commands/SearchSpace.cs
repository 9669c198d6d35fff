namespace ShallowNet.Cli.Commands;

/// <summary>
/// The configurations <c>tune</c> tries: the <c>train</c> options it was given, where a comma-separated value lists the
/// candidates of that option (<c>--hidden 1,2,3,4,5,20,50 --learning-rate 0.001,0.01</c>). Within one candidate of
/// --hidden, --activation and --dropout, <c>x</c> separates the layers (<c>--hidden 4,20x7x5</c>: one layer of 4, or
/// three layers). Options whose value is a list of names keep their commas: --label, --features, --ignore,
/// --categorical, --na.
/// </summary>
internal static class SearchSpace
{
    private static readonly HashSet<string> Names = ["--label", "--features", "--ignore", "--categorical", "--na", "--id", "--weight-column", "--data"];
    private static readonly HashSet<string> Layered = ["--hidden", "--activation", "--dropout"];

    /// <summary>The options as (name, candidates) in the order given; a flag without a value has one candidate, null.</summary>
    /// <exception cref="UsageException">A token is not an option, or an option is given twice.</exception>
    public static List<(string Name, string?[] Candidates)> Parse(IReadOnlyList<string> tokens)
    {
        var options = new List<(string, string?[])>();
        for (int i = 0; i < tokens.Count; i++)
        {
            string name = tokens[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"tune: '{name}' is not an option (train options are given as --name value)");
            }

            if (options.Any(o => o.Item1 == name))
            {
                throw new UsageException($"{name}: given twice; list its candidates once, separated by commas");
            }

            string? value = i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal) ? tokens[++i] : null;
            string?[] candidates = value is null || Names.Contains(name) ? [value] : [.. value.Split(',', StringSplitOptions.TrimEntries)];
            if (candidates.Any(c => c is { Length: 0 }))
            {
                throw new UsageException($"{name}: '{value}' has an empty candidate");
            }

            options.Add((name, Layered.Contains(name) ? [.. candidates.Select(c => c?.Replace('x', ','))] : candidates));
        }

        return options;
    }

    /// <summary>At most this many configurations in a grid (listed, then drawn from by a random search): 14 MB of them.</summary>
    public const int MaxGrid = 100_000;

    /// <summary>Every combination (the grid), first option slowest, as train arguments.</summary>
    /// <exception cref="UsageException">The grid has more than <see cref="MaxGrid"/> configurations.</exception>
    public static List<string[]> Grid(List<(string Name, string?[] Candidates)> options)
    {
        long size = 1;
        foreach (var (_, candidates) in options)
        {
            size = Math.Min(size * candidates.Length, long.MaxValue / 1024);
        }

        if (size > MaxGrid)
        {
            // listing 30 candidates of 7 options (2·10¹⁰ configurations) ran until it was killed
            string counts = string.Join(" × ", options.Where(o => o.Candidates.Length > 1).Select(o => $"{o.Candidates.Length} {o.Name}"));
            throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"tune: {counts} make {(size >= long.MaxValue / 1024 ? "more than 10^15" : size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} configurations; at most {MaxGrid:N0} (list fewer candidates)"));
        }

        var grid = new List<string[]> { Array.Empty<string>() };
        foreach (var (name, candidates) in options)
        {
            grid = [.. grid.SelectMany(args => candidates.Select(c => c is null ? [.. args, name] : (string[])[.. args, name, c]))];
        }

        return grid;
    }

    /// <summary>The options that have more than one candidate: the searched ones, as a trial's arguments show them.</summary>
    public static string Describe(string[] args, List<(string Name, string?[] Candidates)> options)
    {
        var searched = options.Where(o => o.Candidates.Length > 1).Select(o => o.Name).ToHashSet();
        var parts = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (searched.Contains(args[i]) && i + 1 < args.Length)
            {
                parts.Add($"{args[i]} {args[i + 1]}");
            }
        }

        return parts.Count == 0 ? "(the options as given)" : string.Join(' ', parts);
    }
}
