using System.Globalization;
using System.Security.Cryptography;
using Parquet;

namespace ShallowNet.Data;

/// <summary>
/// Reads a Parquet file into a <see cref="Table"/> with the same cell rules as <see cref="CsvTable"/>: numbers
/// (integers, floats, doubles, decimals) are numbers and nulls are missing; strings are cells as in a CSV file (a
/// missing-value token is missing, a string that is a finite number is that number); booleans are the categories
/// "true" and "false". A NaN is read as the CSV text "NaN" would be (missing only when "NaN" is a missing token), and
/// ±infinity is refused. Messages place a cell by data row, counted from 1 ("row 3"), since Parquet has no lines.
/// Decoding is done by Parquet.Net; the file is read whole into memory (Parquet needs to seek) and hashed once.
/// </summary>
public static class ParquetTable
{
    // "PAR1" at the start and the end, and a footer length: nothing shorter is a Parquet file.
    private const int SmallestFile = 12;

    /// <summary>Reads <paramref name="path"/> (a .parquet file).</summary>
    /// <exception cref="InvalidInputException">
    /// The file is missing, not a regular file, not Parquet, corrupt, or holds a cell or column that cannot be read; the
    /// message names the file and, for a cell, its row and column.
    /// </exception>
    public static Table Read(string path, TableReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new TableReadOptions();
        byte[] bytes = ReadBytes(path);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var parquetOptions = new ParquetOptions { TreatByteArrayAsString = true };
            var reader = ParquetReader.CreateAsync(stream, parquetOptions, leaveStreamOpen: true).GetAwaiter().GetResult();
            try
            {
                var table = ParquetRows.Read(reader, path, options);
                table.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
                return table;
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OutOfMemoryException e)
        {
            throw TooLarge(path, bytes.LongLength, e);
        }
        catch (Exception e) when (e is not InvalidInputException)
        {
            // Whatever the decoder throws on bytes it cannot make sense of (thrift, compression, bounds) means a bad file.
            throw new InvalidInputException($"{path}: not a valid Parquet file or corrupt ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>Whether <paramref name="path"/> names a Parquet file (by its extension, as the tool decides).</summary>
    public static bool IsParquetPath(string path) =>
        path?.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ?? throw new ArgumentNullException(nameof(path));

    private static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(Directory.Exists(path) ? $"{path}: is a directory, not a Parquet file" : $"{path}: file not found");
        }

        try
        {
            // Checked before opening: opening a FIFO would wait for a writer, and a pipe or device has no length (0).
            long length = new FileInfo(path).Length;
            if (length < SmallestFile)
            {
                throw new InvalidInputException(length == 0
                    ? $"{path}: empty, or not a regular file (a pipe or device); Parquet is read from a file that can be seeked, so write it to disk first"
                    : $"{path}: not a Parquet file (only {length} bytes)");
            }

            if (length > Array.MaxLength)
            {
                throw TooLarge(path, length, null);
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (!file.CanSeek)
            {
                throw new InvalidInputException($"{path}: not a regular file; Parquet is read from a file that can be seeked, so write it to disk first");
            }

            var bytes = new byte[length];
            file.ReadExactly(bytes);
            return bytes;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidInputException($"{path}: cannot read: the file shrank while it was read", e);
        }
        catch (IOException e)
        {
            throw new InvalidInputException($"{path}: cannot read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException($"{path}: permission denied", e);
        }
        catch (OutOfMemoryException e)
        {
            throw TooLarge(path, new FileInfo(path).Length, e);
        }
    }

    private static InvalidInputException TooLarge(string path, long bytes, Exception? inner)
    {
        string message = string.Create(CultureInfo.InvariantCulture, $"{path}: too large to hold in memory ({bytes / 1e9:F1} GB of Parquet, read whole, and about 8 bytes per value as numbers); use fewer rows or columns");
        return inner is null ? new InvalidInputException(message) : new InvalidInputException(message, inner);
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
