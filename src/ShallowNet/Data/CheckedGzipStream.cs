using System.Buffers.Binary;
using System.IO.Compression;

namespace ShallowNet.Data;

/// <summary>
/// Decompresses a gzip file (RFC 1952), one member after another, and checks what <see cref="GZipStream"/> does not:
/// every member must end with its trailer, whose CRC-32 and length (ISIZE) must match the bytes decompressed, and
/// nothing but another member may follow. A file cut anywhere therefore fails ("truncated") instead of ending early
/// with a short last value. Errors are <see cref="InvalidDataException"/>s with a one-line message.
/// </summary>
/// <remarks>
/// The deflate data of each member is inflated by <see cref="DeflateStream"/>, which reads ahead and does not say
/// where the data ended; the end lies in the last chunk it was given, and the trailer is found there by its expected
/// bytes (the CRC-32 and length just computed).
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private readonly Stream _raw;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _pos;
    private int _len;
    private long _consumedBefore; // raw bytes that were in the buffer before _buffer[0]
    private bool _rawEnded;
    private int _lastStart;
    private int _lastLength;
    private bool _sawEnd; // the inflater asked for more input and there was none
    private DeflateStream? _inflater;
    private uint _crc;
    private uint _size;
    private int _members;
    private bool _done;
    private readonly Feed _feed;

    public CheckedGzipStream(Stream raw)
    {
        _raw = raw;
        _feed = new Feed(this);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_done)
        {
            if (_inflater is null)
            {
                if (!StartMember())
                {
                    _done = true;
                    break;
                }
            }

            int n;
            try
            {
                n = _inflater!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"corrupt compressed data in member {_members} near byte {RawOffset} ({e.Message})", e);
            }

            if (n > 0)
            {
                _crc = Crc32.Append(_crc, buffer[..n]);
                _size += (uint)n;
                return n;
            }

            if (_sawEnd)
            {
                throw new InvalidDataException($"truncated: the compressed data ends early (member {_members}, after {RawOffset} bytes)");
            }

            FinishMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater?.Dispose();
            _raw.Dispose();
        }

        base.Dispose(disposing);
    }

    private long RawOffset => _consumedBefore + _pos;

    /// <summary>Reads a member's header; false at the clean end of the file after at least one member.</summary>
    private bool StartMember()
    {
        if (!Available(1))
        {
            if (_members == 0)
            {
                throw new InvalidDataException("empty file; expected gzip data");
            }

            return false;
        }

        if (!Available(2) || _buffer[_pos] != 0x1f || _buffer[_pos + 1] != 0x8b)
        {
            throw new InvalidDataException(_members == 0
                ? "not gzip data (no gzip signature at the start)"
                : $"trailing garbage after the last gzip member (at byte {RawOffset})");
        }

        Need(10, "header");
        if (_buffer[_pos + 2] != 8)
        {
            throw new InvalidDataException($"unsupported compression method {_buffer[_pos + 2]} in member {_members + 1} (only deflate, 8, exists)");
        }

        byte flags = _buffer[_pos + 3];
        if ((flags & 0xE0) != 0)
        {
            throw new InvalidDataException($"reserved header flags set in member {_members + 1}");
        }

        _pos += 10;
        if ((flags & 4) != 0)
        {
            Need(2, "header");
            int extra = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_pos));
            _pos += 2;
            Skip(extra);
        }

        if ((flags & 8) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 16) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 2) != 0)
        {
            Skip(2);
        }

        _members++;
        _crc = 0;
        _size = 0;
        _sawEnd = false;
        _inflater = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The member's deflate data ended: find its trailer in the last chunk given to the inflater.</summary>
    private void FinishMember()
    {
        _inflater!.Dispose();
        _inflater = null;
        int chunk = _lastLength;
        _pos = _lastStart; // back to that chunk: the unread part of it is still in the buffer
        Available(chunk + 8);
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _size);
        var window = _buffer.AsSpan(_pos, Math.Min(_len - _pos, chunk + 8));
        int at = window.IndexOf(expected);
        if (at >= 0)
        {
            _pos += at + 8;
            return;
        }

        // Not found: a trailer whose length matches but CRC does not is a CRC mismatch; otherwise the file ends
        // inside the trailer (truncated) or the trailer is corrupt.
        for (int i = 0; i + 8 <= window.Length; i++)
        {
            if (window.Slice(i + 4, 4).SequenceEqual(expected[4..]))
            {
                throw new InvalidDataException($"CRC mismatch in member {_members}: the data is corrupt (CRC-32 {BinaryPrimitives.ReadUInt32LittleEndian(window[i..]):x8} recorded, {_crc:x8} computed)");
            }
        }

        throw new InvalidDataException(_rawEnded && window.Length < chunk + 8
            ? $"truncated: the file ends inside the gzip trailer of member {_members}"
            : $"CRC mismatch or wrong length in the gzip trailer of member {_members}: the data is corrupt");
    }

    private void Need(int count, string what)
    {
        if (!Available(count))
        {
            throw new InvalidDataException($"truncated: the file ends inside the gzip {what} of member {_members + 1}");
        }
    }

    private void Skip(int count)
    {
        while (count > 0)
        {
            Need(1, "header");
            int n = Math.Min(count, _len - _pos);
            _pos += n;
            count -= n;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            Need(1, "header");
            int zero = _buffer.AsSpan(_pos, _len - _pos).IndexOf((byte)0);
            if (zero >= 0)
            {
                _pos += zero + 1;
                return;
            }

            _pos = _len;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from _pos, as far as the file goes.</summary>
    private bool Available(int count)
    {
        while (_len - _pos < count && !_rawEnded)
        {
            if (_pos > 0)
            {
                Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
                _consumedBefore += _pos;
                _lastStart -= _pos;
                _len -= _pos;
                _pos = 0;
            }

            int n = _raw.Read(_buffer, _len, _buffer.Length - _len);
            if (n == 0)
            {
                _rawEnded = true;
            }

            _len += n;
        }

        return _len - _pos >= count;
    }

    private int FeedRead(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (!Available(1))
        {
            _sawEnd = true;
            return 0;
        }

        int n = Math.Min(destination.Length, _len - _pos);
        _buffer.AsSpan(_pos, n).CopyTo(destination);
        _lastStart = _pos;
        _lastLength = n;
        _pos += n;
        return n;
    }

    /// <summary>What the inflater reads from: the buffered raw bytes.</summary>
    private sealed class Feed(CheckedGzipStream owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => owner.FeedRead(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => owner.FeedRead(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>CRC-32 (ISO-HDLC, as in gzip and zip), table-driven.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = MakeTable();

    /// <summary>The CRC-32 of the bytes so far (<paramref name="crc"/>, 0 for none) followed by <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
