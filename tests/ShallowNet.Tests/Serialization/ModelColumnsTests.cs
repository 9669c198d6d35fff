using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Serialization;

namespace ShallowNet.Tests.Serialization;

public class ModelColumnsTests
{
    private static TrainedModel Mixed()
    {
        var columns = new ColumnEncoding(
        [
            new InputColumn("age", ColumnKind.Numeric) { Fill = 38.5, Indicator = true },
            new InputColumn("color", ColumnKind.Categorical) { Categories = ["blue", "red, dark", "ünï"], FillCategory = "red, dark" },
            new InputColumn("code", ColumnKind.Categorical) { Categories = ["1", "2"], FillCategory = "2", Indicator = true },
        ]);
        var network = new Network<double>([new DenseLayer<double>(new Matrix<double>(2, columns.Width), new Matrix<double>(2, 1), global::ShallowNet.Activations.Tanh.Instance),
            new DenseLayer<double>(new Matrix<double>(2, 2), new Matrix<double>(2, 1), global::ShallowNet.Activations.Identity.Instance)]);
        return new TrainedModel(network, columns.FeatureNames, null, null, new Preprocessing(1, [1.0, 0, 0, 0, 0, 0, 0, 0], [2.0, 1, 1, 1, 1, 1, 1, 1]))
        {
            Columns = columns,
            IdColumn = "id",
            Targets = ["price", "rent"],
            TargetScaling = new TargetScaling([1e5, 0.1], [3.5e4, 1e-3]),
        };
    }

    private static TrainedModel RoundTrip(TrainedModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return ModelFile.Read(stream.ToArray(), "m.json");
    }

    [Fact]
    public void Every_column_kind_the_id_and_the_target_scaling_read_back_as_written()
    {
        var model = Mixed();
        var back = RoundTrip(model);
        Assert.Equal(model.Columns!.Columns.Count, back.Columns!.Columns.Count);
        for (int i = 0; i < model.Columns.Columns.Count; i++)
        {
            var (a, b) = (model.Columns.Columns[i], back.Columns.Columns[i]);
            Assert.Equal((a.Name, a.Kind, a.Fill, a.FillCategory, a.Indicator), (b.Name, b.Kind, b.Fill, b.FillCategory, b.Indicator));
            Assert.Equal(a.Categories ?? [], b.Categories ?? []);
        }

        Assert.Equal(model.Columns.FeatureNames, back.Features);
        Assert.Equal("id", back.IdColumn);
        Assert.Equal(model.TargetScaling!.Mean, back.TargetScaling!.Mean);
        Assert.Equal(model.TargetScaling.Std, back.TargetScaling.Std);
    }

    [Fact]
    public void A_model_with_columns_is_version_2_and_one_without_is_version_1()
    {
        using var withColumns = new MemoryStream();
        ModelFile.Write(Mixed(), withColumns);
        Assert.Contains("\"version\": 2", System.Text.Encoding.UTF8.GetString(withColumns.ToArray()), StringComparison.Ordinal);

        var plain = Mixed() with { Columns = null, IdColumn = null, TargetScaling = null };
        using var without = new MemoryStream();
        ModelFile.Write(plain, without);
        Assert.Contains("\"version\": 1", System.Text.Encoding.UTF8.GetString(without.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_1_file_still_loads_and_takes_its_features_as_numbers()
    {
        var model = ModelFile.Load(TestData.FixturePath("planar_init.json"));
        Assert.Null(model.Columns);
        Assert.True(model.Encoding.IsPlainNumeric);
        Assert.Equal(model.Network.Inputs, model.Encoding.Width);
    }

    [Fact]
    public void Predict_maps_a_regression_back_to_the_targets_units()
    {
        var model = Mixed();
        model.Network.Layers[1].B[0, 0] = 2;                       // the network outputs (2, 0) for any input
        var a = model.Predict(new Matrix<double>(model.Network.Inputs, 1));
        Assert.Equal((2 * 3.5e4) + 1e5, a[0, 0]);
        Assert.Equal(0.1, a[1, 0]);
    }
}
