using System.Globalization;
using ShallowNet.Data;

namespace ShallowNet.Export.Tests;

/// <summary>
/// A small table as a user would write it: numbers with missing cells in several spellings, text categories with
/// missing cells and, in new rows, a category never seen in training; a class label <c>y</c> and a regression target
/// <c>t</c> (in its own units, so that the model scales it). Numbers are written at float32 precision, so that ONNX
/// (float32 inputs) and predict (doubles) read the same values.
/// </summary>
internal sealed class MixedTable
{
    private static readonly string[] Colors = ["red", "green", "blue"];
    private static readonly string[] NumberHoles = ["NA", "", "?", "nan", "NaN", "null", "N/A"];
    private static readonly string[] TextHoles = ["", "NA", "NULL", "?"];

    private readonly List<string[]> _rows = [];

    /// <param name="rows">How many rows.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="holes">Whether some cells of x and color are missing.</param>
    /// <param name="unseen">Whether some rows hold the color "purple", which training never saw.</param>
    public MixedTable(int rows, int seed, bool holes, bool unseen)
    {
        var random = new Random(seed);
        for (int i = 0; i < rows; i++)
        {
            string color = unseen && i % 9 == 4 ? "purple" : Colors[random.Next(3)];
            float x = (float)random.NextDouble(), size = (float)((random.NextDouble() * 20) - 5);
            string y = color == "red" || x > 0.5 ? "b" : "a";
            double t = 4 + (1.5 * Math.Sin(3 * x)) + (color == "red" ? 0.8 : 0) + (0.05 * size);
            string xCell = holes && i % 7 == 3 ? NumberHoles[(i / 7) % NumberHoles.Length] : Number(x);
            string colorCell = holes && i % 8 == 5 ? TextHoles[(i / 8) % TextHoles.Length] : color;
            _rows.Add([xCell, colorCell, Number(size), random.Next(2) == 0 ? "yes" : "no", y, Number((float)t)]);
        }
    }

    /// <summary>The header: features x, color, size, owner; then y (class) and t (number).</summary>
    public static IReadOnlyList<string> Header { get; } = ["x", "color", "size", "owner", "y", "t"];

    public int Rows => _rows.Count;

    /// <summary>The table as CSV, leaving out the <paramref name="without"/> columns.</summary>
    public string Csv(params string[] without)
    {
        var keep = Enumerable.Range(0, Header.Count).Where(c => !without.Contains(Header[c])).ToList();
        var lines = _rows.Select(r => string.Join(',', keep.Select(c => r[c]))).Prepend(string.Join(',', keep.Select(c => Header[c])));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The table as predict reads it.</summary>
    public Table Table() => CsvTable.Read(new StringReader(Csv()), "mixed.csv");

    /// <summary>A column's cells as written.</summary>
    public string[] Texts(string column)
    {
        int c = Header.ToList().IndexOf(column);
        return [.. _rows.Select(r => r[c])];
    }

    /// <summary>A column's cells as float32, NaN where missing: what an ONNX user feeds for a missing number.</summary>
    public float[] Numbers(string column) =>
        [.. Texts(column).Select(cell => TableReadOptions.DefaultMissingTokens.Contains(cell) ? float.NaN : float.Parse(cell, CultureInfo.InvariantCulture))];

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
