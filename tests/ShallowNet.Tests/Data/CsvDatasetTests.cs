using System.Globalization;
using System.IO.Compression;
using System.Text;
using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

public sealed class CsvDatasetTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const string Small = "a,b,y\n1,2,0\n3,4.5,1\n-1e3,0.25,0\n";
    private readonly string _folder = TestData.NewTempFolder();

    public void Dispose() => TestData.DeleteFolder(_folder);

    [Fact]
    public void Read_examples_become_columns_label_last_by_default()
    {
        var data = CsvDataset.Read(Write("small.csv", Small));
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("y", data.LabelName);
        Assert.Equal(2, data.X.Rows);
        Assert.Equal(3, data.Examples);
        Assert.Equal([1.0, 3, -1000, 2, 4.5, 0.25], data.X.Data);   // row-major (n_x, m): feature a, then feature b
        Assert.Equal(["0", "1", "0"], data.Labels);
    }

    [Fact]
    public void Read_label_by_name()
    {
        var data = CsvDataset.Read(Write("small.csv", Small), labelColumn: "a");
        Assert.Equal(["b", "y"], data.FeatureNames);
        Assert.Equal("a", data.LabelName);
        Assert.Equal([2.0, 4.5, 0.25, 0, 1, 0], data.X.Data);
        Assert.Equal(["1", "3", "-1e3"], data.Labels);
    }

    [Fact]
    public void Read_feature_selection_by_name_keeps_the_given_order()
    {
        var data = CsvDataset.Read(Write("small.csv", "a,b,c,y\n1,2,3,0\n4,5,6,1\n"), featureColumns: ["c", "a"]);
        Assert.Equal(["c", "a"], data.FeatureNames);
        Assert.Equal([3.0, 6, 1, 4], data.X.Data);
        Assert.Equal(["0", "1"], data.Labels);
    }

    [Fact]
    public void Read_without_label_when_not_required()
    {
        var data = CsvDataset.Read(Write("predict.csv", "a,b\n1,2\n"), labelRequired: false);
        Assert.Null(data.Labels);
        Assert.Equal(["a", "b"], data.FeatureNames);
    }

    [Fact]
    public void Read_gzip()
    {
        string path = Path.Combine(_folder, "small.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Small));
        }

        var data = CsvDataset.Read(path);
        Assert.Equal([1.0, 3, -1000, 2, 4.5, 0.25], data.X.Data);
        Assert.Equal(["0", "1", "0"], data.Labels);
    }

    [Fact]
    public void Read_crlf_and_bom()
    {
        string path = Path.Combine(_folder, "windows.csv");
        File.WriteAllText(path, Small.Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var data = CsvDataset.Read(path);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1.0, 3, -1000, 2, 4.5, 0.25], data.X.Data);
    }

    [Fact]
    public void Read_under_german_culture_parses_the_same()
    {
        // In de-DE "1.5" would be fifteen hundred and "," the decimal separator; the reader must use the invariant culture.
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);   // the test means something
            var data = CsvDataset.Read(Write("de.csv", "a,b,y\n1.5,2.25,1\n1000.5,-0.5,0\n"));
            Assert.Equal([1.5, 1000.5, 2.25, -0.5], data.X.Data);
            var classes = ClassLabels.FromLabels(["1.0", "0.5", "1"]);
            Assert.Equal(["0.5", "1"], classes.Names);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("a,b,y\n1,2,0\n3,abc,1\n", "line 3, column 2", "'abc' is not a number")]
    [InlineData("a,b,y\n1,2,0\n3,,1\n", "line 3, column 2", "empty cell")]
    [InlineData("a,b,y\n1,2,0\nNaN,4,1\n", "line 3, column 1", "not a finite number")]
    [InlineData("a,b,y\n1,2,0\n3,4,1\n5,-Infinity,0\n", "line 4, column 2", "not a finite number")]
    [InlineData("a,b,y\n1,2,0\n3,4\n", "line 3", "2 fields")]
    [InlineData("a,b,y\n1,2,0\n3,4,1,9\n", "line 3", "4 fields")]
    [InlineData("a,a,y\n1,2,0\n", "line 1, column 2", "duplicate column name 'a'")]
    public void Read_malformed_cell_names_file_line_and_column(string content, string where, string what)
    {
        string path = Write("bad.csv", content);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        output.WriteLine(e.Message);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_line_numbers_count_blank_lines()
    {
        string path = Write("blank.csv", "a,b,y\n1,2,0\n\n3,x,1\n");
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains("line 4, column 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_missing_label_column()
    {
        string path = Write("small.csv", Small);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path, labelColumn: "label"));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("'label'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_missing_feature_column()
    {
        string path = Write("small.csv", Small);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path, featureColumns: ["a", "zz"]));
        Assert.Contains("'zz'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_missing_file()
    {
        string path = Path.Combine(_folder, "nope.csv");
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_empty_file()
    {
        string path = Write("empty.csv", string.Empty);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_header_only()
    {
        string path = Write("header.csv", "a,b,y\n");
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("no examples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_one_column_needs_a_label_and_features()
    {
        string path = Write("one.csv", "y\n1\n");
        Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
    }

    [Fact]
    public void Read_not_gzip()
    {
        string path = Write("fake.csv.gz", Small);
        var e = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
