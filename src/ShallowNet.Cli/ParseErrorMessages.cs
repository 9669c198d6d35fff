using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ShallowNet.Cli;

/// <summary>
/// Words for System.CommandLine's parse errors: its own texts name .NET types ("as expected type 'System.Int32'") and
/// say "Required command was not provided" for a misspelt command, which tell a data scientist nothing.
/// </summary>
internal static class ParseErrorMessages
{
    /// <summary>
    /// The message (one line, without the "shallownet …: error:" prefix) for the first error of <paramref name="parsed"/>;
    /// <paramref name="root"/> is the command it was parsed with (the tool's, or train's for tune's trials and --resume).
    /// </summary>
    public static string Describe(ParseResult parsed, Command root)
    {
        if (parsed.CommandResult.Command == root && root.Subcommands.Count > 0)
        {
            string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            return parsed.UnmatchedTokens is [var token, ..]
                ? $"unknown {(token.StartsWith('-') ? "option" : "command")} '{token}' (commands: {commands})"
                : $"no command given (commands: {commands})";
        }

        if (StrayBoolValue(parsed) is { } stray)
        {
            return stray;
        }

        if (parsed.UnmatchedTokens is [var unknown, ..] && unknown.StartsWith("--", StringComparison.Ordinal))
        {
            return UnknownOption(parsed.CommandResult.Command, unknown);
        }

        var error = parsed.Errors[0];
        var result = error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult;
        if (result is { Option: var option } && result.Tokens.Select(t => t.Value).Select(v => (Value: v, Reason: Reason(option, v))).FirstOrDefault(p => p.Reason is not null) is { Reason: { } reason } bad)
        {
            return $"{option.Name} '{bad.Value}': {reason}";
        }

        return OneLine(error.Message);
    }

    /// <summary>
    /// A switch such as --standardize takes an optional true or false; any other word after it is left unmatched and
    /// reported as "Unrecognized command or argument", which names no option: name the switch instead.
    /// </summary>
    private static string? StrayBoolValue(ParseResult parsed)
    {
        // a stray word that looks like an option (--bogus) is an unknown option, not a switch's value
        if (parsed.UnmatchedTokens is not [var stray, ..] || stray.StartsWith('-'))
        {
            return null;
        }

        var tokens = parsed.Tokens;
        for (int i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Value != stray)
            {
                continue;
            }

            string before = tokens[i - 1].Value;
            var flag = parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == before || o.Aliases.Contains(before));
            if (flag is not null && (Nullable.GetUnderlyingType(flag.ValueType) ?? flag.ValueType) == typeof(bool))
            {
                return $"{flag.Name} '{stray}': neither true nor false";
            }
        }

        return null;
    }

    /// <summary>"unknown option '--epoch' (did you mean --epochs?)": the command's nearest option names, by edit distance.</summary>
    private static string UnknownOption(Command command, string token)
    {
        string name = token.Split('=', 2)[0];
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
        var near = names.Select(n => (Name: n, Distance: Distance(name, n))).Where(p => p.Distance <= Math.Max(2, name.Length / 4))
            .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal).Take(2).Select(p => p.Name).ToList();
        return $"unknown option '{name}'" + (near.Count > 0 ? $" (did you mean {string.Join(" or ", near)}?)" : string.Empty);
    }

    // Levenshtein distance: insertions, deletions and substitutions
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>Why <paramref name="text"/> is not a value of <paramref name="option"/>, or null where it is one.</summary>
    private static string? Reason(Option option, string text)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var inv = CultureInfo.InvariantCulture;
        bool whole = BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var n);
        if (type == typeof(int))
        {
            return !whole ? "not a whole number" : n > int.MaxValue ? $"too large (at most {int.MaxValue})" : n < int.MinValue ? $"too small (at least {int.MinValue})" : null;
        }

        if (type == typeof(uint))
        {
            return !whole || n < 0 ? "not a whole number from 0" : n > uint.MaxValue ? $"too large (at most {uint.MaxValue})" : null;
        }

        if (type == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, inv, out _) ? null : "not a finite number";
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(text, out _) ? null : "neither true nor false";
        }

        // A string option limited to a list of words (AcceptOnlyFromAmong): its completions are those words.
        var allowed = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        return type == typeof(string) && allowed.Count > 0 && !allowed.Contains(text) ? $"not one of {string.Join(", ", allowed)}" : null;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
