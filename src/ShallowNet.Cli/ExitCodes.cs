namespace ShallowNet.Cli;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but its check failed (gradcheck above threshold) or training diverged.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad input: an unknown flag, a bad value, a malformed file.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (after saving what there was to save).</summary>
    public const int Interrupted = 130;
}
