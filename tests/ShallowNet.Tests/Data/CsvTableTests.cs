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
    public void Long_columns_are_read_whole_across_the_builders_chunks()
    {
        // 200,000 rows cross many chunk boundaries (256 doubling to 65,536 cells); a text cell switches one column to
        // text part way, so its texts line up with the numbers before it.
        var text = new System.Text.StringBuilder("a,b\n");
        for (int r = 0; r < 200_000; r++)
        {
            text.Append(r).Append(',').Append(r == 150_000 ? "x" : (r * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var table = Read(text.ToString());
        var a = table.Column("a").Numbers.ToArray();
        var b = table.Column("b");
        Assert.Equal(200_000, a.Length);
        Assert.Equal(Enumerable.Range(0, 200_000).Select(r => (double)r), a);
        Assert.Equal(149_999 * 0.5, b.Numbers[149_999]);
        Assert.Equal("x", b.TextAt(150_000));
        Assert.Null(b.TextAt(150_001));
        Assert.Equal(199_999 * 0.5, b.Numbers[199_999]);
        Assert.Equal(1, b.TextCount);
    }

    [Fact]
    public void An_empty_file_and_a_row_too_long_to_hold_are_told_in_the_users_terms()
    {
        // Before: the CSV reader's own words ("the HasHeaders option was set", "Try increasing the MaxBufferSize setting").
        var empty = Assert.Throws<InvalidInputException>(() => Read(string.Empty));
        Assert.Equal("t.csv: the file is empty; expected a header row of column names", empty.Message);
        var endless = Assert.Throws<InvalidInputException>(() => CsvTable.Read(new EndlessRow("a,y\n1,0\n2,1\n\""), "t.csv"));
        Assert.Contains("longer than 64 MiB, more than one row may hold", endless.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxBufferSize", endless.Message, StringComparison.Ordinal);
    }

    /// <summary>Text that starts with <paramref name="start"/> and then never ends a row (a quoted field of 'x' forever).</summary>
    private sealed class EndlessRow(string start) : TextReader
    {
        private int _position;

        public override int Peek() => _position < start.Length ? start[_position] : 'x';

        public override int Read() => _position < start.Length ? start[_position++] : 'x';

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = 0;
            for (; n < buffer.Length && _position < start.Length; n++)
            {
                buffer[n] = start[_position++];
            }

            buffer[n..].Fill('x');
            return buffer.Length;
        }
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
    public void Text_columns_keep_every_cell_as_written_but_a_missing_token_is_missing()
    {
        // A label column: "1.0" stays "1.0", and "NA" is missing there as in every other column, not a class.
        var table = Read("x,y\n1,1.0\n2,NA\n", new TableReadOptions { TextColumns = ["y"] });
        Assert.Equal("1.0", table.Column("y").TextAt(0));
        Assert.True(table.Column("y").IsMissing(1));
    }

    [Fact]
    public void Verbatim_columns_keep_missing_tokens_as_written()
    {
        // An id copied to predict's output: "NA" is an id like any other; only an empty cell is missing.
        var table = Read("x,id\n1,NA\n2,\n", new TableReadOptions { VerbatimColumns = ["id"] });
        Assert.Equal("NA", table.Column("id").TextAt(0));
        Assert.True(table.Column("id").IsMissing(1));
    }

    // Before: Sylvan's record numbers, so a quoted cell holding line breaks shifted every later message, and an unclosed
    // quote was reported a line after the one it opens on (at the end of the file).
    [Theory]
    [InlineData("c,b,y\r\n\"x\r\ny\",2,0\r\nq,5\r\n", "t.csv: line 4: 2 fields")]
    [InlineData("c,b,y\nw,4,1\n\"q,5,0\nr,5,1\n", "t.csv: line 3: ")]
    [InlineData("c,b,y\n\"x\ny\",2,0\n\"q,5,0\n", "t.csv: line 4: ")]
    public void Malformed_rows_are_named_by_their_line_in_the_file_after_cells_that_hold_line_breaks(string text, string start)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(text));
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_keep_their_first_line_in_the_file_for_later_messages()
    {
        var table = Read("c,b,y\n\"x\ny\nz\",2,0\nw,4,1\nq,abc,0\n");
        Assert.Equal([2, 5, 6], Enumerable.Range(0, 3).Select(table.LineOf));
        Assert.Equal(3, Read("\"c\nd\",b\n1,2\n").LineOf(0));       // a header cell that holds a line break
        Assert.Equal(4, Read("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n").LineOf(1));
    }

    [Fact]
    public void Selecting_rows_keeps_their_lines_for_messages()
    {
        var table = Read("a\n1\n2\n3\n").SelectRows([2, 0]);
        Assert.Equal([3.0, 1.0], table.Column("a").Numbers.ToArray());
        Assert.Equal(4, table.LineOf(0));
    }

    [Fact]
    public void Empty_header_names_read_as_pandas_reads_them_and_are_never_the_default_label()
    {
        // df.to_csv() writes its index under an empty name; a trailing comma on every line adds an empty last column.
        var table = Read(",a,y,\n0,1.5,no,\n1,2.5,yes,\n", new TableReadOptions { LastColumnIsText = true });
        Assert.Equal(["Unnamed: 0", "a", "y", "Unnamed: 3"], table.Header);
        Assert.Equal(["Unnamed: 0", "Unnamed: 3"], table.Unnamed);
        Assert.Equal("y", table.DefaultLabel);
        Assert.Equal("no", table.Column("y").TextAt(0));             // kept as written: the label when none is named
        Assert.Equal([0.0, 1.0], table.Column("Unnamed: 0").Numbers.ToArray());
        Assert.Equal(2, table.Column("Unnamed: 3").MissingCount);
        Assert.Equal("y", table.SelectRows([1]).DefaultLabel);
        Assert.Equal("b", Read("a,b\n1,2\n").DefaultLabel);
        Assert.Equal("Unnamed: 1", Read(",\n1,2\n").DefaultLabel);   // no column has a name: the last one
    }

    // What pandas 1.5.3's read_csv names these headers (checked with it): an empty name whose "Unnamed: N" a named
    // column has already takes ".1" (".2", ...), and the named columns keep their names.
    [Theory]
    [InlineData(",Unnamed: 0,x,y\n0,0,1.5,a\n", new[] { "Unnamed: 0.1", "Unnamed: 0", "x", "y" })]
    [InlineData("Unnamed: 1,,x\n1,2,3\n", new[] { "Unnamed: 1", "Unnamed: 1.1", "x" })]
    [InlineData(",Unnamed: 0,Unnamed: 0.1,y\n1,2,3,4\n", new[] { "Unnamed: 0.2", "Unnamed: 0", "Unnamed: 0.1", "y" })]
    [InlineData("x,Unnamed: 2,\n1,2,0\n", new[] { "x", "Unnamed: 2", "Unnamed: 2.1" })]
    public void An_empty_name_that_would_read_as_another_columns_name_is_named_as_pandas_names_it(string text, string[] names)
    {
        var table = Read(text);
        Assert.Equal(names, table.Header);
        Assert.Equal(names.Where((_, i) => text.Split('\n')[0].Split(',')[i].Length == 0), table.Unnamed);
    }
}
