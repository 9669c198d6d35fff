namespace ShallowNet.Cli;

/// <summary>A bad option value or a conflict between options; printed as one line, exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with a one-line message naming the option.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
