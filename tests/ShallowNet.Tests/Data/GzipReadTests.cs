using System.Globalization;
using System.IO.Compression;
using System.Text;
using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

/// <summary>A .csv.gz must be whole: truncation, a bad CRC-32 or trailing bytes are errors naming the file.</summary>
public sealed class GzipReadTests : IDisposable
{
    private readonly string _folder = TestData.NewTempFolder();

    public void Dispose() => TestData.DeleteFolder(_folder);

    private static string Csv()
    {
        var text = new StringBuilder("a,b,y\n");
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{random.NextDouble() * 100:R},{random.NextDouble():R},{i % 2}\n");
        }

        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return memory.ToArray();
    }

    private string WriteFile(byte[] bytes)
    {
        string path = Path.Combine(_folder, "d.csv.gz");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Truncated_gzip_is_refused_as_truncated(double fraction)
    {
        byte[] whole = Gzip(Csv());
        string path = WriteFile(whole[..(int)(whole.Length * fraction)]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(12)]
    public void Gzip_cut_in_its_trailer_or_last_block_is_refused(int cut)
    {
        byte[] whole = Gzip(Csv());
        string path = WriteFile(whole[..^cut]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_crc_byte_says_CRC_mismatch()
    {
        byte[] bytes = Gzip(Csv());
        bytes[^7] ^= 0x40;
        string path = WriteFile(bytes);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("CRC mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_garbage_after_the_last_member_is_refused()
    {
        string path = WriteFile([.. Gzip(Csv()), .. "junk"u8]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("trailing garbage", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Multi_member_gzip_reads_whole()
    {
        string text = Csv();
        int cut = text.IndexOf('\n', text.Length / 2) + 1;
        string path = WriteFile([.. Gzip(text[..cut]), .. Gzip(text[cut..]), .. Gzip(string.Empty)]);
        var data = CsvDataset.Read(path);
        Assert.Equal(3000, data.Examples);
        Assert.Equal(CsvDataset.Read(new StringReader(text), "plain").X.Data, data.X.Data);
    }

    [Fact]
    public void Gzip_with_name_and_comment_in_its_header_reads()
    {
        byte[] plain = Gzip("a,y\n1,0\n2,1\n");
        // FNAME and FCOMMENT (flags 8 | 16) inserted after the 10-byte header.
        byte[] bytes = [.. plain[..3], 24, .. plain[4..10], .. "d.csv\0"u8, .. "note\0"u8, .. plain[10..]];
        var data = CsvDataset.Read(WriteFile(bytes));
        Assert.Equal([1.0, 2], data.X.Data);
    }

    [Fact]
    public void Sha256_of_the_file_as_stored_is_computed_while_reading()
    {
        byte[] bytes = Gzip(Csv());
        var data = CsvDataset.Read(WriteFile(bytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), data.Sha256);
    }
}
