using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

public class CsvTableTests
{
    private static Table Read(string text, TableReadOptions? options = null) => CsvTable.Read(new StringReader(text), "t.csv", options);

    [Fact]
    public void Each_cell_is_a_number_a_text_or_missing()
    {
        var table = Read("a,b\n1.5,red\nNA,\n?,blue\n2,null\n");
        var a = table.Column("a");
        var b = table.Column("b");
        Assert.Equal(4, table.Rows);
        Assert.Equal((2, 2, 0), (a.NumberCount, a.MissingCount, a.TextCount));
        Assert.Equal((0, 2, 2), (b.NumberCount, b.MissingCount, b.TextCount));
        Assert.True(a.IsMissing(1));
        Assert.Equal("red", b.TextAt(0));
        Assert.Null(b.Category(1));
        Assert.Equal(3, table.LineOf(1));
    }

    [Fact]
    public void Numbers_in_a_text_column_are_one_category_however_written()
    {
        var column = Read("c\n1.0\n1\nx\n01\n").Column("c");
        Assert.Equal(["1", "1", "x", "1"], Enumerable.Range(0, 4).Select(column.Category));
    }

    [Fact]
    public void The_missing_tokens_can_be_replaced_and_the_empty_cell_stays_missing()
    {
        var column = Read("c,d\nNA,1\n,1\n-,1\n", new TableReadOptions { MissingTokens = ["-"] }).Column("c");
        Assert.Equal("NA", column.TextAt(0));
        Assert.True(column.IsMissing(1));
        Assert.True(column.IsMissing(2));
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-Infinity")]
    public void A_number_that_is_not_finite_is_refused_with_line_and_column(string cell)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read($"a,b\n1,2\n3,{cell}\n"));
        Assert.Contains("line 3, column 2 ('b')", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_columns_keep_every_cell_as_written()
    {
        var table = Read("x,y\n1,1.0\n2,NA\n", new TableReadOptions { TextColumns = ["y"] });
        Assert.Equal("1.0", table.Column("y").TextAt(0));
        Assert.Equal("NA", table.Column("y").TextAt(1));
    }

    [Fact]
    public void Selecting_rows_keeps_their_lines_for_messages()
    {
        var table = Read("a\n1\n2\n3\n").SelectRows([2, 0]);
        Assert.Equal([3.0, 1.0], table.Column("a").Numbers.ToArray());
        Assert.Equal(4, table.LineOf(0));
    }
}
