using System.CommandLine;
using System.CommandLine.Parsing;

namespace ShallowNet.Cli;

/// <summary>
/// Options that take a file or folder name (their help name is FILE, DIR, CHECKPOINT or a name like OUT.json): an
/// empty or blank value is refused naming the option, before any work (it read ": file not found", naming nothing).
/// </summary>
internal static class PathOptions
{
    /// <summary>The message for the first path option given an empty name, or null.</summary>
    public static string? EmptyName(ParseResult parsed)
    {
        for (SymbolResult? command = parsed.CommandResult; command is not null; command = command.Parent)
        {
            foreach (var result in ((CommandResult)command).Children.OfType<OptionResult>())
            {
                if (TakesPath(result.Option) && result.Tokens.FirstOrDefault(t => string.IsNullOrWhiteSpace(t.Value)) is { } blank)
                {
                    return $"{result.Option.Name} '{blank.Value}': not a file name";
                }
            }
        }

        return null;
    }

    private static bool TakesPath(Option option) => option.HelpName is "FILE" or "DIR" or "CHECKPOINT" || (option.HelpName?.Contains('.', StringComparison.Ordinal) ?? false);
}
