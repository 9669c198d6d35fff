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
    /// Gives each empty name in <paramref name="header"/> its name, in place, and returns those names. Where that name is
    /// a named column's too (what <c>df.to_csv()</c> writes for a table read back with its index as <c>Unnamed: 0</c>),
    /// the empty one takes <c>.1</c>, <c>.2</c>, … after it, the first not taken, as pandas 1.5 reads
    /// <c>,Unnamed: 0,x</c>: <c>Unnamed: 0.1, Unnamed: 0, x</c>. Named columns keep their names.
    /// </summary>
    /// <param name="header">The names as read, trimmed.</param>
    public static string[] Name(string[] header)
    {
        if (!header.Any(h => h.Length == 0))
        {
            return [];
        }

        var taken = new HashSet<string>(header.Where(h => h.Length > 0), StringComparer.Ordinal);
        var given = new List<string>();
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length > 0)
            {
                continue;
            }

            string name = NameOf(i);
            for (int copy = 1; taken.Contains(name); copy++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{NameOf(i)}.{copy}");
            }

            taken.Add(name);
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
