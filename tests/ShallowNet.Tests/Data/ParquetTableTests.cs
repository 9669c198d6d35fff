using System.Security.Cryptography;
using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

/// <summary>Parquet files read into the same <see cref="Table"/> as the same data written as CSV, with messages by row.</summary>
public sealed class ParquetTableTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "shallownet-parquet-" + Guid.NewGuid().ToString("N"));

    public ParquetTableTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    // The same five rows as Parquet (typed columns, nulls) and as CSV (cells as written).
    private string WriteMixed()
    {
        string path = File("mixed.parquet");
        ParquetTestFile.Write(
            path,
            ("a", new int?[] { 1, null, 3, 4, -7 }),
            ("b", new double?[] { 1.5, 2.25, null, -0.5, 1e-300 }),
            ("f", new float?[] { 0.1f, 2f, null, 3.5f, -1f }),
            ("d", new decimal?[] { 1.25m, null, 2m, -3.5m, 0m }),
            ("s", new string?[] { "red", "NA", null, "2.5", " blue " }),
            ("flag", new bool?[] { true, false, null, true, false }),
            ("y", new int?[] { 0, 1, 0, 1, 1 }));
        return path;
    }

    private const string MixedCsv = "a,b,f,d,s,flag,y\n1,1.5,0.1,1.25,red,true,0\n,2.25,2,,NA,false,1\n3,,,2,,,0\n4,-0.5,3.5,-3.5,2.5,true,1\n-7,1e-300,-1,0, blue ,false,1\n";

    [Fact]
    public void A_parquet_file_reads_as_the_same_table_as_the_same_data_in_csv()
    {
        var options = new TableReadOptions { LastColumnIsText = true };
        var parquet = ParquetTable.Read(WriteMixed(), options);
        var csv = CsvTable.Read(new StringReader(MixedCsv), "mixed.csv", options);
        AssertSameCells(csv, parquet);
        Assert.Equal("0", parquet.Column("y").TextAt(0));
        Assert.Equal("true", parquet.Column("flag").TextAt(0));
        Assert.Equal(2.5, parquet.Column("s").Numbers[3]);
        Assert.Equal(0.1, parquet.Column("f").Numbers[0]);
    }

    [Fact]
    public void The_file_is_hashed_as_stored_and_read_through_table_file_and_csv_dataset()
    {
        string path = WriteMixed();
        var table = TableFile.Read(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path))), table.Sha256);
        var data = CsvDataset.Read(path, labelColumn: "y", featureColumns: ["a", "b"], dropInvalidRows: true);
        Assert.Equal(3, data.Examples);
        Assert.Equal(2, data.DroppedRows);
    }

    [Fact]
    public void Infinity_is_refused_naming_file_row_and_column()
    {
        string path = File("inf.parquet");
        ParquetTestFile.Write(path, ("a", new int?[] { 1, 2, 3 }), ("b", new double?[] { 1, 2, double.PositiveInfinity }));
        var e = Assert.Throws<InvalidInputException>(() => ParquetTable.Read(path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("row 3, column 2 ('b')", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", e.Message, StringComparison.Ordinal);

        var dropped = ParquetTable.Read(path, new TableReadOptions { DropInvalidRows = true });
        Assert.Equal((2, 1), (dropped.Rows, dropped.DroppedRows));
        Assert.StartsWith("row 3, column 2 ('b')", dropped.FirstDropped, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_read_as_the_csv_text_NaN_would_be()
    {
        string path = File("nan.parquet");
        ParquetTestFile.Write(path, ("a", new double[] { 1, double.NaN }), ("s", new string?[] { "x", "NaN" }));
        var table = ParquetTable.Read(path);
        Assert.True(table.Column("a").IsMissing(1));
        Assert.True(table.Column("s").IsMissing(1));

        var e = Assert.Throws<InvalidInputException>(() => ParquetTable.Read(path, new TableReadOptions { MissingTokens = [] }));
        Assert.Contains("row 2, column 1 ('a'): NaN is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cell_messages_say_row_and_count_across_row_groups()
    {
        string path = File("groups.parquet");
        ParquetTestFile.Write(path, [[("a", new double?[] { 1, 2 }), ("y", new string?[] { "p", "q" })], [("a", new double?[] { 3, null }), ("y", new string?[] { "p", "q" })]]);
        var table = ParquetTable.Read(path);
        Assert.Equal(4, table.Rows);
        Assert.Equal("row 4", table.Location(3));
        var e = Assert.Throws<InvalidInputException>(() => table.RequireNumbers("a"));
        Assert.Contains($"{path}: row 4, column 1 ('a'): empty cell", e.Message, StringComparison.Ordinal);
        Assert.Equal("row 3", table.SelectRows([3, 2]).Location(1));
    }

    [Fact]
    public void A_date_column_is_refused_by_name_unless_it_is_not_read()
    {
        string path = File("dates.parquet");
        ParquetTestFile.Write(path, ("when", new DateTime?[] { DateTime.UnixEpoch, null }), ("x", new double?[] { 1, 2 }));
        var e = Assert.Throws<InvalidInputException>(() => ParquetTable.Read(path));
        Assert.Contains("column 1 ('when'): dates and times are not read", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, ParquetTable.Read(path, new TableReadOptions { Columns = ["x"] }).Rows);
    }

    [Fact]
    public void An_empty_column_name_is_named_as_in_csv_and_its_data_refused_plainly()
    {
        // pyarrow writes a column named "" as it is: the header names it as a CSV header is named, but Parquet.Net 6.1
        // finds no data for such a column. Before: "column 1: empty column name" for the whole file.
        string path = File("unnamed.parquet");
        ParquetTestFile.Write(path, ("UNNAMED_", new int?[] { 0, 1 }), ("x", new double?[] { 1.5, 2.5 }), ("y", new int?[] { 0, 1 }));
        ParquetTestFile.EmptyName(path, "UNNAMED_");
        var table = ParquetTable.Read(path, new TableReadOptions { Columns = ["x", "y"], LastColumnIsText = true });
        Assert.Equal(["Unnamed: 0", "x", "y"], table.Header);
        Assert.Equal(["Unnamed: 0"], table.Unnamed);
        Assert.Equal("y", table.DefaultLabel);
        Assert.Equal("1", table.Column("y").TextAt(1));
        var e = Assert.Throws<InvalidInputException>(() => ParquetTable.Read(path));
        Assert.Equal($"{path}: column 1 ('Unnamed: 0'): the Parquet reader cannot read a column with an empty name; name it (pandas: df.rename(columns={{'': 'index'}})) or write the table as CSV", e.Message);
    }

    [Theory]
    [InlineData("csv", "not a valid Parquet file")]
    [InlineData("truncated", "not a valid Parquet file")]
    [InlineData("empty", "empty, or not a regular file")]
    [InlineData("short", "not a Parquet file (only 5 bytes)")]
    public void A_file_that_is_not_parquet_or_is_cut_short_is_refused_naming_it(string kind, string expected)
    {
        string path = File(kind + ".parquet");
        switch (kind)
        {
            case "csv":
                System.IO.File.WriteAllText(path, MixedCsv);
                break;
            case "truncated":
                byte[] whole = System.IO.File.ReadAllBytes(WriteMixed());
                System.IO.File.WriteAllBytes(path, whole[..(whole.Length * 2 / 3)]);
                break;
            case "empty":
                System.IO.File.WriteAllBytes(path, []);
                break;
            default:
                System.IO.File.WriteAllBytes(path, "PAR1!"u8.ToArray());
                break;
        }

        var e = Assert.Throws<InvalidInputException>(() => TableFile.Read(path));
        Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static void AssertSameCells(Table expected, Table actual)
    {
        Assert.Equal(expected.Header, actual.Header);
        Assert.Equal(expected.Rows, actual.Rows);
        foreach (var want in expected.Columns)
        {
            var got = actual.Column(want.Name);
            Assert.Equal(want.Position, got.Position);
            Assert.Equal(want.Numbers.ToArray(), got.Numbers.ToArray());
            for (int r = 0; r < expected.Rows; r++)
            {
                Assert.True(want.TextAt(r) == got.TextAt(r), $"{want.Name} row {r}: '{want.TextAt(r)}' vs '{got.TextAt(r)}'");
                Assert.Equal(want.IsMissing(r), got.IsMissing(r));
            }
        }
    }
}
