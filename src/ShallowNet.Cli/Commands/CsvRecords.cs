using System.Text;
using ShallowNet.Data;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// The records of a CSV file exactly as written, each with its line ending: record 0 is the header. A record ends at a
/// line feed outside double quotes, so a quoted field may hold line breaks, as the CSV reader reads it. Used by
/// <c>split</c> to copy rows verbatim rather than re-format what was read.
/// </summary>
internal sealed class CsvRecords
{
    private readonly int[] _firstLines;

    private CsvRecords(List<string> records)
    {
        Records = records;

        // the line of the file each record starts on (a quoted field may hold line breaks: \n, \r\n or a lone \r)
        _firstLines = new int[records.Count];
        int line = 1;
        for (int k = 0; k < records.Count; k++)
        {
            _firstLines[k] = line;
            line += CsvTable.LineBreaks(records[k]);
        }
    }

    /// <summary>The records in file order (the header first), as written, line endings included.</summary>
    public IReadOnlyList<string> Records { get; }

    /// <summary>The record that starts on line <paramref name="line"/> of the file (as the table reader numbers rows), or −1.</summary>
    public int RecordAt(int line) => Math.Max(-1, Array.BinarySearch(_firstLines, line));

    /// <summary>The line ending the header uses, for a last record written without one.</summary>
    public string NewLine => Records[0].EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>Reads <paramref name="path"/> (.csv or .csv.gz) as text.</summary>
    /// <exception cref="InvalidInputException">It cannot be read.</exception>
    public static CsvRecords Read(string path)
    {
        string text;
        try
        {
            using var file = File.OpenRead(path);
            using var stream = CsvDataset.Decompressed(file, path);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }

        var records = new List<string>();
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;                                      // a doubled quote inside quotes toggles twice
            }
            else if (text[i] == '\n' && !quoted)
            {
                records.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            records.Add(text[start..]);
        }

        return new CsvRecords(records);
    }

    /// <summary>
    /// Writes the header and then <paramref name="rows"/> (record numbers), gzip-compressed when the path ends in .gz;
    /// atomically (a cancellation stops it and leaves no file).
    /// </summary>
    public void Write(string path, IEnumerable<int> rows, CancellationToken cancel = default) =>
        Output.CsvOutput.Write(path, writer =>
        {
            foreach (int record in rows.Prepend(0))
            {
                cancel.ThrowIfCancellationRequested();
                string text = Records[record];
                writer.Write(text);
                if (!text.EndsWith('\n'))
                {
                    writer.Write(NewLine);
                }
            }
        });
}
