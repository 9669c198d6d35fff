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

    /// <summary>Creates the exception with a message, kept to one line (control characters from the input are escaped).</summary>
    public InvalidInputException(string message)
        : base(OneLine(message))
    {
    }

    /// <summary>Creates the exception with a message (kept to one line) and the underlying error.</summary>
    public InvalidInputException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
    }

    /// <summary>Escapes line breaks, tabs and other control characters that a quoted cell or name may carry.</summary>
    private static string OneLine(string? message)
    {
        if (message is null || !message.Any(char.IsControl))
        {
            return message ?? string.Empty;
        }

        var sb = new System.Text.StringBuilder(message.Length + 8);
        foreach (char c in message)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
