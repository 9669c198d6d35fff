using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;

namespace ShallowNet.Tests.Pipeline;

public class ColumnInferenceTests
{
    private static Table Read(string text) => CsvTable.Read(new StringReader(text), "t.csv");

    private static ColumnEncoding Fit(string text, ColumnRoles? roles = null, List<string>? warnings = null) =>
        ColumnInference.Fit(Read(text), roles ?? new ColumnRoles(), ["y"], warnings ?? []);

    [Fact]
    public void Numbers_are_numeric_with_the_median_and_text_is_one_hot_with_the_most_frequent()
    {
        var encoding = Fit("n,c,y\n1,b,0\n5,a,1\nNA,b,0\n2,,1\n");
        Assert.Equal(["n", "c=a", "c=b"], encoding.FeatureNames);
        Assert.Equal(2.0, encoding.Columns[0].Fill);                 // median of 1, 5, 2
        Assert.Equal("b", encoding.Columns[1].FillCategory);
        Assert.Equal([true, false, false], encoding.Scalable());
    }

    [Fact]
    public void Encoding_imputes_missing_cells_and_sets_unseen_categories_to_zeros()
    {
        var encoding = Fit("n,c,y\n1,b,0\n5,a,1\n3,b,0\n");
        var encoded = encoding.Encode(Read("n,c\n,a\n4,\n7,z\n"));
        Assert.Equal([3.0, 4, 7], encoded.X.Row(0).ToArray());
        Assert.Equal([1.0, 0, 0], encoded.X.Row(1).ToArray());      // c=a
        Assert.Equal([0.0, 1, 0], encoded.X.Row(2).ToArray());      // c=b: the missing cell takes b; z is unseen
        Assert.Equal(2, encoded.Imputed);
        Assert.Equal((1, "z"), encoded.Unseen["c"]);
        Assert.Contains("1 cell held a category not seen in training", encoded.UnseenWarning(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_indicators_follow_the_columns_that_had_missing_cells()
    {
        var encoding = Fit("n,m,y\n1,1,0\nNA,2,1\n3,3,0\n", new ColumnRoles { MissingIndicators = true });
        Assert.Equal(["n", "n (missing)", "m"], encoding.FeatureNames);
        Assert.Equal([0.0, 1, 0], encoding.Encode(Read("n,m\n1,1\n?,1\n3,1\n")).X.Row(1).ToArray());
    }

    [Fact]
    public void A_few_texts_among_numbers_are_an_error_not_categories()
    {
        var e = Assert.Throws<InvalidInputException>(() => Fit("n,y\n1,0\n2,1\nabc,0\n3,1\n"));
        Assert.Contains("line 4, column 1 ('n'): 'abc' is not a number, but 3 of the column's 4 cells are", e.Message, StringComparison.Ordinal);
        Assert.Contains("--categorical n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Categorical_makes_integer_codes_categories()
    {
        var encoding = Fit("code,y\n1,0\n2,1\n1,0\n", new ColumnRoles { Categorical = ["code"] });
        Assert.Equal(["code=1", "code=2"], encoding.FeatureNames);
    }

    [Fact]
    public void Columns_that_look_like_ids_are_left_out_with_a_warning_unless_named()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"{1000 + (i * 7 % 30)},name{i},{i % 3},{i % 2}");
        string text = "customer_id,name,x,y\n" + string.Join('\n', rows) + "\n";
        var warnings = new List<string>();
        var encoding = Fit(text, warnings: warnings);
        Assert.Equal(["x"], encoding.FeatureNames);
        Assert.Contains(warnings, w => w.StartsWith("column 'customer_id' looks like an id", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("column 'name' looks like an id", StringComparison.Ordinal));
        Assert.Equal(["customer_id", "x"], Fit(text, new ColumnRoles { Features = ["customer_id", "x"] }).FeatureNames);
    }

    [Fact]
    public void A_numeric_column_counting_up_is_kept_when_its_name_is_not_an_ids()
    {
        string text = "x,y\n" + string.Join('\n', Enumerable.Range(0, 30).Select(i => $"{i},{i % 2}")) + "\n";
        Assert.Equal(["x"], Fit(text).FeatureNames);
    }

    [Theory]
    [InlineData("--features", "nope")]
    [InlineData("--ignore", "nope")]
    [InlineData("--categorical", "nope")]
    public void A_role_for_a_column_that_is_not_there_names_the_option(string option, string name)
    {
        var roles = option switch
        {
            "--features" => new ColumnRoles { Features = [name] },
            "--ignore" => new ColumnRoles { Ignore = [name] },
            _ => new ColumnRoles { Categorical = [name] },
        };
        var e = Assert.Throws<InvalidInputException>(() => Fit("a,y\n1,0\n", roles));
        Assert.StartsWith($"{option}: no column 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,a (missing),y\n1,2,0\nNA,3,1\n4,5,0\n", "'a (missing)' is named twice")]
    [InlineData("c,c=x,y\nx,1,0\nz,2,1\nx,3,0\n", "'c=x' is named twice")]
    public void A_column_named_like_another_columns_feature_is_an_input_error_not_a_crash(string text, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => Fit(text, new ColumnRoles { MissingIndicators = true }));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("--ignore", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("categorical")]
    public void The_label_cannot_also_be_the_id_or_a_categorical_feature(string role)
    {
        var roles = role == "id" ? new ColumnRoles { Id = "y" } : new ColumnRoles { Categorical = ["y"] };
        var e = Assert.Throws<InvalidInputException>(() => Fit("a,y\n1,0\n2,1\n", roles));
        Assert.StartsWith($"--{role}: 'y'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hot_columns_too_wide_for_memory_are_refused_before_anything_is_allocated()
    {
        // half as many categories as rows (not id-like): 3 copies × 8 bytes × (rows / 2) × rows is twice the memory there is
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        int rows = (int)Math.Ceiling(Math.Sqrt(2.0 * available / 12)) & ~1;
        var text = new System.Text.StringBuilder("c,y\n");
        for (int i = 0; i < rows; i++)
        {
            text.Append('k').Append(i % (rows / 2)).Append(',').Append(i % 2).Append('\n');
        }

        var e = Assert.Throws<InvalidInputException>(() => Fit(text.ToString()));
        Assert.Contains($"the widest is 'c' ({rows / 2} features): leave it out with --ignore", e.Message, StringComparison.Ordinal);
    }
}
