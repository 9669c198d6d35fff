using ShallowNet.Data;
using ShallowNet.Model;

namespace ShallowNet.Cli;

/// <summary>Reads data for a trained model: the model's features by name when it knows them, else by position.</summary>
internal static class ModelData
{
    /// <summary>Reads <paramref name="path"/> for <paramref name="model"/>; the label column is read when present (or required).</summary>
    public static Dataset Read(TrainedModel model, string path, bool labelRequired)
    {
        int inputs = model.Network.Inputs;
        if (model.Targets is { } targets)
        {
            return CsvDataset.Read(path, labelColumn: null, model.Features, labelRequired: false, labelRequired ? targets : null);
        }

        if (model.Features is { } features)
        {
            return CsvDataset.Read(path, model.Label, features, labelRequired);
        }

        // Weights from another tool carry no feature names: take the columns in order, the label last when present.
        var data = CsvDataset.Read(path, model.Label, featureColumns: null, labelRequired: model.Label is not null && labelRequired);
        if (data.LabelName is null && data.FeatureNames.Count == inputs + 1)
        {
            data = CsvDataset.Read(path, labelColumn: null, featureColumns: null, labelRequired: true);
        }

        if (data.FeatureNames.Count != inputs)
        {
            throw new InvalidInputException($"{path}: {data.FeatureNames.Count} feature columns, but the model takes {inputs} inputs");
        }

        if (labelRequired && data.Labels is null)
        {
            throw new InvalidInputException($"{path}: no label column");
        }

        return data;
    }
}
