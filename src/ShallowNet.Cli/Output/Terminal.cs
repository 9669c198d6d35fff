namespace ShallowNet.Cli.Output;

/// <summary>
/// Whether output goes to a person at a terminal (live progress bars, rounded tables) or to a file, a pipe or a CI log
/// (plain lines that stay readable and greppable).
/// </summary>
internal static class Terminal
{
    /// <summary>
    /// True when <paramref name="output"/> is the process's standard output, that is not redirected, the <c>CI</c>
    /// environment variable is unset (or empty or "false"), and <c>TERM</c> is not "dumb". Writers handed in by tests
    /// or embedding code are never interactive.
    /// </summary>
    public static bool IsInteractive(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return false;
        }

        string? ci = Environment.GetEnvironmentVariable("CI");
        if (!string.IsNullOrEmpty(ci) && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            return false;
        }

        return !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <summary>A Spectre console that writes to <paramref name="output"/>: ANSI and colours only when interactive.</summary>
    public static Spectre.Console.IAnsiConsole For(TextWriter output)
    {
        bool live = IsInteractive(output);
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = live ? Spectre.Console.AnsiSupport.Detect : Spectre.Console.AnsiSupport.No,
            ColorSystem = live ? Spectre.Console.ColorSystemSupport.Detect : Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = live ? Spectre.Console.InteractionSupport.Yes : Spectre.Console.InteractionSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        if (!live)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
