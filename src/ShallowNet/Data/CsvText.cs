using System.Globalization;
using System.Text;

namespace ShallowNet.Data;

/// <summary>Writes CSV cells in the invariant culture, numbers in their shortest round-trip form, quoting names that need it.</summary>
internal static class CsvText
{
    /// <summary>A number as it reads back bit-identically ("R"), e.g. 0.1 or 1.2044422922543192.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A text cell, quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n;") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Joins cells into one line (without the line end).</summary>
    public static string Line(IEnumerable<string> cells) => string.Join(',', cells);

    /// <summary>UTF-8 without a byte-order mark, for files other tools read.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
