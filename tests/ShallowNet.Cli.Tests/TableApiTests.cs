using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Pipeline;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Tests;

/// <summary>The C# API on a table does what <c>train</c> and <c>predict</c> do with the same file: one column handling.</summary>
public class TableApiTests
{
    private static byte[] Bytes(TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model with { Training = null }, stream);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("classifier")]
    [InlineData("regressor")]
    public void Fitting_a_table_from_csharp_writes_the_tools_model_and_predicts_as_the_tool(string kind)
    {
        using var dir = new TempFolder();
        var random = new Random(5);
        string[] colors = ["red", "green", "blue"];
        File.WriteAllLines(dir.File("t.csv"), ["id,color,x,owner,y", .. Enumerable.Range(0, 120).Select(i =>
        {
            string color = colors[random.Next(3)];
            double x = random.NextDouble();
            string y = kind == "classifier" ? (color == "red" || x > 0.5 ? "b" : "a") : (x * 100 + (color == "red" ? 50 : 0)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return $"{i},{(i % 9 == 4 ? "" : color)},{(i % 7 == 2 ? "NA" : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))},{(random.Next(2) == 0 ? "yes" : "no")},{y}";
        })]);
        var train = CliRunner.Run("train", "--data", dir.File("t.csv"), "--label", "y", "--id", "id", "--model", dir.File("tool.json"), "--epochs", "30", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());

        var table = TableFile.Read(dir.File("t.csv"), new TableReadOptions { TextColumns = ["y"] });
        var options = new EstimatorOptions() with { Training = new EstimatorOptions().Training with { Epochs = 30 } };
        var roles = new ColumnRoles { Id = "id" };
        var fitted = kind == "classifier" ? new ShallowNetClassifier(options).Fit(table, "y", roles) : new ShallowNetRegressor(options).Fit(table, "y", roles);
        Assert.Equal(Bytes(ModelFile.Load(dir.File("tool.json"))), Bytes(fitted.Model));

        var predict = CliRunner.Run("predict", "--model", dir.File("tool.json"), "--data", dir.File("t.csv"), "--out", dir.File("p.csv"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var tool = File.ReadAllLines(dir.File("p.csv")).Skip(1).Select(l => l.Split(',')[1]).ToArray();
        string[] ours = kind == "classifier"
            ? fitted.Predict(table)
            : [.. fitted.PredictValues(table).Row(0).ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(tool, ours);
    }
}
