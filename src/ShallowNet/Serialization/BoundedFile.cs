namespace ShallowNet.Serialization;

/// <summary>
/// Reads a model or checkpoint file whole, up to a cap: a device or pipe that never ends (<c>/dev/zero</c>) or a file
/// far larger than any model is refused with one line instead of exhausting memory.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The largest model or checkpoint file read: 1 GiB (a model of about 50 million weights, as JSON).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>
    /// The file's bytes. Reading stops early when the first bytes cannot begin a JSON object (the parser then reports
    /// the file as not JSON), so that a binary device is not read to the cap.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static byte[] ReadAll(string path, string what, long maxBytes = MaxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            throw TooLarge(path, what, maxBytes);
        }

        var memory = new MemoryStream(stream.CanSeek ? (int)Math.Max(0, stream.Length) : 64 * 1024);
        var buffer = new byte[64 * 1024];
        bool checkedStart = false;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            if (memory.Length + n > maxBytes)
            {
                throw TooLarge(path, what, maxBytes);
            }

            memory.Write(buffer, 0, n);
            if (!checkedStart && memory.Length >= 16)
            {
                checkedStart = true;
                if (!MayBeJsonObject(memory.GetBuffer().AsSpan(0, (int)memory.Length)))
                {
                    break;
                }
            }
        }

        return memory.ToArray();
    }

    private static bool MayBeJsonObject(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }

        int i = start.IndexOfAnyExcept(System.Buffers.SearchValues.Create(" \t\r\n"u8));
        return i < 0 || start[i] == (byte)'{';
    }

    private static InvalidInputException TooLarge(string path, string what, long maxBytes) =>
        new($"{path}: larger than {maxBytes >> 20} MiB, more than any {what} file; is it a {what} file?");
}
