using System.Globalization;

namespace ShallowNet.Data;

/// <summary>
/// Names for the columns a header leaves unnamed, as pandas' <c>read_csv</c> gives them: <c>Unnamed: N</c>, N the
/// column's position from 0. <c>df.to_csv()</c> writes its index under an empty name, and a trailing comma on every line
/// adds an empty last column; naming them as pandas does lets the index be found as an id, lets the column options name
/// them, and gives another file of the same layout the same names (so a model reads it).
/// </summary>
internal static class UnnamedColumns
{
    /// <summary>The name of the unnamed column at <paramref name="position"/> (from 0).</summary>
    public static string NameOf(int position) => string.Create(CultureInfo.InvariantCulture, $"Unnamed: {position}");

    /// <summary>
    /// Gives each empty name in <paramref name="header"/> its name, in place, and returns those names. A given name that
    /// is also a named column's (a file written by pandas after reading one with an index) is refused rather than merged.
    /// </summary>
    /// <param name="header">The names as read, trimmed.</param>
    /// <param name="where">"source: line 1, column C" (or "source: column C") for the column at a position, for messages.</param>
    /// <exception cref="InvalidInputException">A given name is another column's.</exception>
    public static string[] Name(string[] header, Func<int, string> where)
    {
        if (!header.Any(h => h.Length == 0))
        {
            return [];
        }

        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0)
            {
                named.TryAdd(header[i], i);
            }
        }

        var given = new List<string>();
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0)
            {
                continue;
            }

            string name = NameOf(i);
            if (named.TryGetValue(name, out int other))
            {
                throw new InvalidInputException($"{where(i)}: the empty column name reads as '{name}', the name of column {other + 1} too; name one of them in the header");
            }

            header[i] = name;
            given.Add(name);
        }

        return [.. given];
    }

    /// <summary>
    /// The position of the label when none is named: the last column with a name in the header (an unnamed last column
    /// is most often the empty one a trailing comma makes), or the last column when none has a name.
    /// </summary>
    public static int DefaultLabel(IReadOnlyList<string> header, IReadOnlyCollection<string> unnamed)
    {
        for (int i = header.Count - 1; i >= 0; i--)
        {
            if (!unnamed.Contains(header[i]))
            {
                return i;
            }
        }

        return header.Count - 1;
    }
}
