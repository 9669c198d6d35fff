using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

/// <summary>Every data cell must be text: invalid UTF-8, NUL bytes and NaN labels are errors naming line and column.</summary>
public sealed class CsvTextCellTests : IDisposable
{
    private readonly string _folder = TestData.NewTempFolder();

    public void Dispose() => TestData.DeleteFolder(_folder);

    private string WriteBytes(byte[] bytes)
    {
        string path = Path.Combine(_folder, "d.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Invalid_utf8_in_a_label_is_refused_instead_of_merging_classes()
    {
        string path = WriteBytes([.. "a,y\n1,caf"u8, 0xE9, .. "\n2,caf"u8, 0xE8, .. "\n"u8]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2, column 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_an_unread_column_is_refused()
    {
        string path = WriteBytes([.. "a,note,y\n1,x,0\n2,"u8, 0xFF, .. ",1\n"u8]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path, featureColumns: ["a"]));
        Assert.Contains("line 3, column 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NUL_after_a_number_is_refused()
    {
        string path = WriteBytes([.. "a,y\n1.5"u8, 0, .. ",0\n2,1\n"u8]);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains("line 2, column 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("-Infinity")]
    public void NaN_as_a_label_is_not_a_class(string label)
    {
        string path = WriteBytes(System.Text.Encoding.UTF8.GetBytes($"a,y\n1,cat\n2,{label}\n3,dog\n"));
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains("line 3, column 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_utf8_labels_still_read()
    {
        var data = CsvDataset.Read(WriteBytes("a,y\n1,café\n2,naïve\n"u8.ToArray()));
        Assert.Equal(["café", "naïve"], data.Labels);
    }
}
