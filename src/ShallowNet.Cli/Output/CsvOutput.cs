using System.IO.Compression;
using ShallowNet.Data;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Output;

/// <summary>
/// Where a command writes a table (<c>datasets --out</c>, <c>split --train-out/--test-out</c>, <c>predict --out</c>):
/// always CSV, gzip-compressed for a name ending in .gz, so that the readers, which choose the format by the same
/// extension (<see cref="TableFile"/>), read back what was written. A name they would read as another format is refused.
/// </summary>
internal static class CsvOutput
{
    /// <summary>Throws a usage error, before any work, for a name the readers would read as Parquet (.parquet, .parquet.gz).</summary>
    public static void CheckName(string command, string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        string name = IsCompressed(path) ? path[..^".gz".Length] : path;
        if (ParquetTable.IsParquetPath(path) || ParquetTable.IsParquetPath(name))
        {
            throw new UsageException($"{option} {path}: {command} writes CSV; give a .csv or .csv.gz name");
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> atomically through <paramref name="write"/> (UTF-8 without a BOM), gzip-compressed
    /// when the name ends in .gz; an exception (a cancellation) leaves no file.
    /// </summary>
    public static void Write(string path, Action<TextWriter> write) =>
        AtomicFile.Write(path, stream =>
        {
            bool compress = IsCompressed(path);
            var target = compress ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true) : stream;
            using (var writer = new StreamWriter(target, CsvText.Utf8, bufferSize: -1, leaveOpen: true))
            {
                write(writer);
            }

            if (compress)
            {
                target.Dispose();                                      // writes the gzip trailer; the file stream stays open
            }
        });

    // As CsvDataset.Decompressed decides when reading.
    private static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
