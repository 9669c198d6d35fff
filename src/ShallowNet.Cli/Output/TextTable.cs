using Spectre.Console;

namespace ShallowNet.Cli.Output;

/// <summary>A table's content: column headers and rows of already formatted cells (numbers right-aligned).</summary>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">One array of cells per row, as many as headers.</param>
internal sealed record TableData(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows);

/// <summary>
/// Aligned result tables (Spectre.Console): rounded borders at a terminal, Markdown pipes when redirected, so a log or
/// a report can paste them as they are. Cells that read as numbers (or "-") are right-aligned.
/// </summary>
internal static class TextTable
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>, with a title line when given.</summary>
    public static void Write(TextWriter output, string? title, TableData table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        bool live = Terminal.IsInteractive(output);
        if (title is not null)
        {
            output.WriteLine(title);
        }

        var grid = new Table { Border = live ? TableBorder.Rounded : TableBorder.Markdown };
        for (int c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(new Text(table.Headers[c]));
            if (table.Rows.Count > 0 && table.Rows.All(r => IsNumeric(r[c])))
            {
                column.RightAligned();
            }

            grid.AddColumn(column);
        }

        foreach (var row in table.Rows)
        {
            grid.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
        }

        if (live)
        {
            Terminal.For(output).Write(grid);
            return;
        }

        // Plain: the Markdown table without the blank padding lines Spectre puts around it.
        using var text = new StringWriter();
        Terminal.For(text).Write(grid);
        foreach (string line in text.ToString().Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                output.WriteLine(line.TrimEnd());
            }
        }

        output.WriteLine();
    }

    private static bool IsNumeric(string cell)
    {
        string t = cell.Trim().TrimEnd('%');
        return t == "-" || t.Split('–').All(part =>
            double.TryParse(part.Trim().TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
