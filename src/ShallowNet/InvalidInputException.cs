namespace ShallowNet;

/// <summary>
/// A user's input is wrong (a malformed CSV cell, a corrupt model file, an unknown activation). The message is one
/// line that names the file, and the line and column or the JSON path where it applies; tools print it as is.
/// </summary>
public class InvalidInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidInputException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public InvalidInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the underlying error.</summary>
    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
