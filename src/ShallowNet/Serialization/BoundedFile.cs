using System.Text.Json;

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
    /// The most read from a pipe, FIFO or device, whose size is not known before reading: 64 MiB (about 3 million
    /// weights). Endless input that looks like JSON (<c>{"a": [0,0,0,...</c>) stops there, not at 1 GiB.
    /// </summary>
    public const long MaxPipedBytes = 64L << 20;

    /// <summary>The longest single JSON token (a number, a name) a model holds, by far; a longer one is not a model.</summary>
    private const int MaxToken = 1 << 20;

    /// <summary>
    /// The file's bytes. Reading stops as soon as they cannot be the start of one JSON object (the parser then reports
    /// where, as it would on the whole file), so that a binary device or a pipe of anything but a model is not read to
    /// the cap. The cap is the smaller of <paramref name="maxBytes"/> and a quarter of the memory this process may use
    /// (the parsed document and the model's arrays need the rest).
    /// </summary>
    /// <exception cref="InvalidInputException">The file is larger than the cap, or holds a token too long for a model.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static ReadOnlyMemory<byte> ReadAll(string path, string what, long maxBytes = MaxBytes)
    {
        maxBytes = Math.Min(maxBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            throw TooLarge(path, what, maxBytes, piped: false);
        }

        bool piped = !stream.CanSeek;
        maxBytes = piped ? Math.Min(maxBytes, MaxPipedBytes) : maxBytes;

        var memory = new MemoryStream(stream.CanSeek ? (int)Math.Max(0, stream.Length) : 64 * 1024);
        var buffer = new byte[64 * 1024];
        var prefix = new JsonPrefix();
        int n;
        bool first = true;
        while ((n = stream.Read(buffer)) > 0)
        {
            int skip = first ? ByteOrderMark(buffer.AsSpan(0, n)) : 0;   // Notepad and PowerShell save JSON with one
            first = false;
            if (skip > 0)
            {
                buffer.AsSpan(skip, n - skip).CopyTo(buffer);
                n -= skip;
            }

            if (memory.Length + n > maxBytes)
            {
                throw TooLarge(path, what, maxBytes, piped);
            }

            memory.Write(buffer, 0, n);
            var read = memory.GetBuffer().AsSpan(0, (int)memory.Length);
            if (!prefix.Continues(read))
            {
                return memory.GetBuffer().AsMemory(0, WholeCharacters(read));
            }

            if (prefix.End is { } end && read.Length - end > MaxToken)
            {
                throw new InvalidInputException($"{path}: more than {MaxToken >> 20} MiB of spaces after the end of its JSON object at byte {end}; is it a {what} file?");
            }

            if (read.Length - prefix.Consumed > MaxToken)
            {
                throw new InvalidInputException($"{path}: a JSON value longer than {MaxToken >> 20} MiB at byte {prefix.Consumed + 1}, more than any {what} file holds; is it a {what} file?");
            }
        }

        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    /// <summary>The length of a UTF-8 byte order mark at the start of <paramref name="bytes"/> (0 or 3), which JSON parsers refuse.</summary>
    private static int ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\uFEFF"u8) ? 3 : 0;

    /// <summary>Reading stopped at a chunk's end: a UTF-8 character cut there would read as invalid text, not as the JSON error.</summary>
    private static int WholeCharacters(ReadOnlySpan<byte> bytes)
    {
        int lead = bytes.Length - 1;
        while (lead >= 0 && bytes.Length - lead < 4 && (bytes[lead] & 0xC0) == 0x80)
        {
            lead--;
        }

        if (lead < 0 || bytes[lead] < 0xC0)
        {
            return bytes.Length;
        }

        int length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2;
        return bytes.Length - lead < length ? lead : bytes.Length;
    }

    private static InvalidInputException TooLarge(string path, string what, long maxBytes, bool piped) => new(piped
        ? $"{path}: larger than {maxBytes >> 20} MiB read from a pipe or device, more than a {what} given that way may be; is it a {what} file? (a larger one must be a regular file)"
        : $"{path}: larger than {maxBytes >> 20} MiB, more than any {what} file this process could load; is it a {what} file?");

    /// <summary>Follows the bytes read so far with a JSON reader: whether they can still begin one JSON object and nothing after it but spaces.</summary>
    private sealed class JsonPrefix
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });
        private bool _started;

        /// <summary>How many bytes the reader has taken as whole tokens.</summary>
        public int Consumed { get; private set; }

        /// <summary>Where the JSON object ends, once it has; only spaces may follow.</summary>
        public int? End { get; private set; }

        public bool Continues(ReadOnlySpan<byte> bytes)
        {
            if (Consumed == 0 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                Consumed = 3;
            }

            var reader = new Utf8JsonReader(bytes[Consumed..], isFinalBlock: false, _state);
            try
            {
                while (reader.Read())
                {
                    if (!_started && reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    _started = true;
                    if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    {
                        End = Consumed + (int)reader.BytesConsumed;
                    }
                }
            }
            catch (JsonException)
            {
                return false;
            }

            Consumed += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return true;
        }
    }
}
