using System.Globalization;
using System.Text;
using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Selection;
using ShallowNet.Training;

namespace ShallowNet.Tests.Selection;

public class CrossValidationTests
{
    private static readonly EstimatorOptions Small = new()
    {
        Hidden = [5],
        ValidationFraction = 0,
        Training = new EstimatorOptions().Training with { Epochs = 40, Patience = null },
    };

    /// <summary>
    /// 40 rows, label alternating a/b; x is small except in fold 0 (rows 0..7), where it is in the thousands; z has a
    /// missing cell in fold 1 and large values in fold 0. Scalers or medians fitted on all rows would see fold 0's values.
    /// </summary>
    private static (Table Table, int[] Folds) SkewedTable()
    {
        var csv = new StringBuilder("x,z,y\n");
        var folds = new int[40];
        for (int r = 0; r < 40; r++)
        {
            folds[r] = r / 8;
            double x = r < 8 ? 1000 + r : r % 7;
            string z = r == 10 ? string.Empty : (r < 8 ? 500 + r : r % 5).ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{x},{z},{(r % 2 == 0 ? "a" : "b")}\n");
        }

        return (CsvTable.Read(new StringReader(csv.ToString()), "skewed.csv", new TableReadOptions { TextColumns = ["y"] }), folds);
    }

    [Fact]
    public void Each_folds_scaler_and_medians_are_fitted_on_its_training_rows_only()
    {
        var (table, folds) = SkewedTable();
        var result = CrossValidation.Run(table, "y", Small, options: new CrossValidationOptions { FoldOfRow = folds });
        var x = table.Column("x").Numbers.ToArray();
        var z = table.Column("z").Numbers.ToArray();
        foreach (var fold in result.Scores)
        {
            var train = Enumerable.Range(0, 40).Where(r => folds[r] != fold.Fold).ToList();
            double trainMean = train.Average(r => x[r]);
            Assert.Equal(trainMean, fold.Model.Preprocessing.Mean![0], 9);
            var zTrain = train.Where(r => !double.IsNaN(z[r])).Select(r => z[r]).Order().ToList();
            double median = zTrain.Count % 2 == 1 ? zTrain[zTrain.Count / 2] : (zTrain[(zTrain.Count / 2) - 1] + zTrain[zTrain.Count / 2]) / 2;
            Assert.Equal(median, fold.Model.Columns!.Columns.Single(c => c.Name == "z").Fill);
        }

        // Fold 0's model never saw x in the thousands: its mean is far below the mean over all rows.
        Assert.True(result.Scores[0].Model.Preprocessing.Mean![0] < 10);
        Assert.True(x.Average() > 100);
    }

    [Fact]
    public void Given_folds_are_used_exactly()
    {
        var (table, folds) = SkewedTable();
        var result = CrossValidation.Run(table, "y", Small, options: new CrossValidationOptions { FoldOfRow = folds });
        Assert.Equal(5, result.FoldCount);
        Assert.Equal(folds, result.Assignments.Single());
        Assert.All(result.Scores, s => Assert.Equal((8, 32), (s.Report.Examples, s.TrainExamples)));
    }

    [Fact]
    public void Given_folds_must_cover_every_row_and_every_fold()
    {
        var (table, folds) = SkewedTable();
        Assert.Throws<ArgumentException>(() => CrossValidation.Run(table, "y", Small, options: new() { FoldOfRow = folds[1..] }));
        int[] gap = [.. folds.Select(f => f == 2 ? 3 : f)];
        Assert.Contains("fold 2 has no rows", Assert.Throws<ArgumentException>(() => CrossValidation.Run(table, "y", Small, options: new() { FoldOfRow = gap })).Message);
    }

    [Fact]
    public void Results_are_the_same_for_one_and_two_threads()
    {
        var data = SyntheticData.Planar(m: 200, seed: 1);
        var csv = new StringBuilder("a,b,y\n");
        for (int j = 0; j < data.Examples; j++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{data.X[0, j]:R},{data.X[1, j]:R},{data.Labels![j]}\n");
        }

        var table = CsvTable.Read(new StringReader(csv.ToString()), "planar", new TableReadOptions { TextColumns = ["y"] });
        var one = CrossValidation.Run(table, "y", Small, options: new() { Folds = 4, Repeats = 2, Seed = 7, Threads = 1 });
        var two = CrossValidation.Run(table, "y", Small, options: new() { Folds = 4, Repeats = 2, Seed = 7, Threads = 2 });
        Assert.Equal(8, one.Scores.Count);
        for (int i = 0; i < one.Scores.Count; i++)
        {
            Assert.Equal(one.Scores[i].Report.Measures, two.Scores[i].Report.Measures);
            Assert.Equal(one.Scores[i].Model.Network.Layers[0].W.Data, two.Scores[i].Model.Network.Layers[0].W.Data);
        }

        Assert.Equal(one.Summary, two.Summary);
    }

    [Fact]
    public void A_regression_gets_plain_folds_and_regression_measures()
    {
        var csv = new StringBuilder("x,t\n");
        for (int r = 0; r < 50; r++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r * 0.1},{(r * 0.37) + 0.013:R}\n");
        }

        var table = CsvTable.Read(new StringReader(csv.ToString()), "line", new TableReadOptions { TextColumns = ["t"] });
        var result = CrossValidation.Run(table, "t", Small, options: new() { Folds = 5 });
        Assert.Equal(OutputKind.Regression, result.Kind);
        Assert.Equal(["rmse", "mae", "r2"], result.MeasureNames);
        Assert.Equal(new[] { 10, 10, 10, 10, 10 }, result.Scores.Select(s => s.Report.Examples));
    }
}
