using ShallowNet.Data;

namespace ShallowNet.Tests.Data;

public class ClassLabelsTests
{
    [Fact]
    public void Numeric_labels_are_sorted_by_value()
    {
        var classes = ClassLabels.FromLabels(["10", "2", "10", "-1", "2"]);
        Assert.True(classes.Numeric);
        Assert.Equal(["-1", "2", "10"], classes.Names);
    }

    [Fact]
    public void Numeric_labels_one_point_zero_is_one()
    {
        var classes = ClassLabels.FromLabels(["1.0", "0", "1", " 0.0 "]);
        Assert.Equal(2, classes.Count);
        Assert.Equal(["0", "1"], classes.Names);
        Assert.Equal(1, classes.IndexOf("1.0"));
        Assert.Equal(1, classes.IndexOf("1"));
        Assert.Equal(0, classes.IndexOf("0.0"));
        Assert.Equal(-1, classes.IndexOf("2"));
    }

    [Fact]
    public void Text_labels_are_sorted_ordinally()
    {
        var classes = ClassLabels.FromLabels(["dog", "cat", "Dog", "cat"]);
        Assert.False(classes.Numeric);
        Assert.Equal(["Dog", "cat", "dog"], classes.Names);
        Assert.Equal(2, classes.IndexOf("dog"));
    }

    [Fact]
    public void Mixed_labels_are_text()
    {
        var classes = ClassLabels.FromLabels(["1", "yes"]);
        Assert.False(classes.Numeric);
        Assert.Equal(["1", "yes"], classes.Names);
    }

    [Fact]
    public void Encode_binary_second_class_is_one()
    {
        var classes = ClassLabels.FromLabels(["no", "yes"]);
        var y = classes.EncodeBinary<double>(["yes", "no", "no", "yes"], "data.csv");
        Assert.Equal(1, y.Rows);
        Assert.Equal([1.0, 0, 0, 1], y.Data);
        Assert.Equal([1f, 0, 0, 1], classes.EncodeBinary<float>(["yes", "no", "no", "yes"], "data.csv").Data);
    }

    [Fact]
    public void Encode_binary_three_classes_throws()
    {
        var classes = ClassLabels.FromLabels(["a", "b", "c"]);
        var e = Assert.Throws<InvalidInputException>(() => classes.EncodeBinary<double>(["a", "b", "c"], "three.csv"));
        Assert.Contains("three.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 distinct", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_binary_unknown_label_throws_naming_the_example()
    {
        var classes = new ClassLabels(["0", "1"], numeric: true);
        var e = Assert.Throws<InvalidInputException>(() => classes.EncodeBinary<double>(["0", "1", "7"], "test.csv"));
        Assert.Contains("test.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("example 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_duplicate_class_throws() =>
        Assert.Throws<ArgumentException>(() => new ClassLabels(["1", "1.0"], numeric: true));
}
