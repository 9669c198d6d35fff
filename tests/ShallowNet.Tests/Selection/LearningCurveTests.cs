using System.Globalization;
using System.Text;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Selection;

namespace ShallowNet.Tests.Selection;

public class LearningCurveTests
{
    private static readonly EstimatorOptions Small = new()
    {
        Hidden = [5],
        ValidationFraction = 0,
        Training = new EstimatorOptions().Training with { Epochs = 30, Patience = null },
    };

    // 120 rows of a noisy two-feature rule, label a/b.
    private static Table Rule()
    {
        var random = new Random(4);
        var csv = new StringBuilder("x,z,y\n");
        for (int r = 0; r < 120; r++)
        {
            double x = random.NextDouble(), z = random.NextDouble();
            csv.Append(CultureInfo.InvariantCulture, $"{x:R},{z:R},{(x + (0.3 * z) > 0.6 ? "b" : "a")}\n");
        }

        return CsvTable.Read(new StringReader(csv.ToString()), "rule.csv", new TableReadOptions { TextColumns = ["y"] });
    }

    [Fact]
    public void The_full_size_point_is_cross_validation_itself_and_smaller_sizes_fit_on_fewer_rows()
    {
        var table = Rule();
        var options = new CrossValidationOptions { Folds = 4, Seed = 1, Threads = 1 };
        var curve = LearningCurve.Run(table, "y", [0.25, 0.5, 1], Small, options: options);
        var cv = CrossValidation.Run(table, "y", Small, options: options);

        Assert.Equal([0.25, 0.5, 1.0], curve.Points.Select(p => p.Size));
        Assert.Equal([23.0, 45, 90], curve.Points.Select(p => p.TrainRows));          // ⌈f · 90⌉ of each fold's 90 training rows
        Assert.Equal(cv.Summary["accuracy"], curve.Points[^1].Validation);             // the same folds, models and bits
        Assert.Equal("accuracy", curve.ScoreName);
    }

    [Fact]
    public void The_curve_does_not_depend_on_the_thread_count()
    {
        var table = Rule();
        var one = LearningCurve.Run(table, "y", [0.3, 1], Small, options: new CrossValidationOptions { Folds = 3, Threads = 1 });
        var two = LearningCurve.Run(table, "y", [0.3, 1], Small, options: new CrossValidationOptions { Folds = 3, Threads = 2 });
        Assert.Equal(one.Points, two.Points);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_size_outside_zero_to_one_is_refused(double size) =>
        Assert.Throws<ArgumentException>(() => LearningCurve.Run(Rule(), "y", [size], Small));
}
