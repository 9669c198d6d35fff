using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Cli;

/// <summary>
/// Reads data for a trained model: through its column encoding (categories, missing values) when it has one, else
/// the model's features by name as numbers, or by position for weights from another tool.
/// </summary>
internal static class ModelData
{
    /// <summary>Reads <paramref name="path"/> for <paramref name="model"/>; the label column is read when present (or required).</summary>
    /// <param name="model">The model whose inputs the data must give.</param>
    /// <param name="path">The data file: CSV (.csv, .csv.gz) or Parquet (.parquet).</param>
    /// <param name="labelRequired">Whether the label (or targets) must be there.</param>
    /// <param name="warnings">Where to say that cells held unseen categories; null to stay silent.</param>
    public static Dataset Read(TrainedModel model, string path, bool labelRequired, TextWriter? warnings = null) =>
        ReadWithIds(model, path, labelRequired, warnings).Data;

    /// <summary>As <see cref="Read"/>, and the id column's cells when the model names one and the file has it.</summary>
    public static (Dataset Data, IReadOnlyList<string>? Ids) ReadWithIds(TrainedModel model, string path, bool labelRequired, TextWriter? warnings = null)
    {
        if (model.Columns is not null)
        {
            return ReadEncoded(model, path, labelRequired, warnings);
        }

        int inputs = model.Network.Inputs;
        if (model.Targets is { } targets)
        {
            return (CsvDataset.Read(path, labelColumn: null, model.Features, labelRequired: false, labelRequired ? targets : null), null);
        }

        if (model.Features is { } features)
        {
            return (CsvDataset.Read(path, model.Label, features, labelRequired), null);
        }

        // Weights from another tool carry no feature names: take the columns in order, the label last when present.
        var data = CsvDataset.Read(path, model.Label, featureColumns: null, labelRequired: model.Label is not null && labelRequired);
        if (data.LabelName is null && data.FeatureNames.Count == inputs + 1)
        {
            data = CsvDataset.Read(path, labelColumn: null, featureColumns: null, labelRequired: true);
        }

        if (data.FeatureNames.Count != inputs)
        {
            throw new InvalidInputException($"{path}: {Plural.Of(data.FeatureNames.Count, "feature column")}, but the model takes {Plural.Of(inputs, "input")}");
        }

        if (labelRequired && data.Labels is null)
        {
            throw new InvalidInputException($"{path}: no label column");
        }

        return (data, null);
    }

    private static (Dataset Data, IReadOnlyList<string>? Ids) ReadEncoded(TrainedModel model, string path, bool labelRequired, TextWriter? warnings)
    {
        // The label's missing tokens are missing (evaluate refuses the row, as train did); the id is copied as written.
        var table = TableFile.Read(path, new TableReadOptions
        {
            MissingTokens = model.Encoding.MissingTokensOrDefault,                  // the words training read as missing
            TextColumns = [.. new[] { model.Label }.OfType<string>()],
            VerbatimColumns = [.. new[] { model.IdColumn }.OfType<string>()],
        });
        var encoded = model.Encoding.Encode(table);
        if (warnings is not null && encoded.UnseenWarning() is { } unseen)
        {
            warnings.WriteLine($"shallownet: warning: {path}: {unseen}");
        }

        IReadOnlyList<string>? labels = null;
        Matrix<double>? extra = null;
        if (model.Targets is { } targets)
        {
            if (labelRequired)
            {
                extra = new Matrix<double>(targets.Count, table.Rows);
                for (int i = 0; i < targets.Count; i++)
                {
                    table.RequireNumbers(targets[i], "target column").CopyTo(extra.Row(i));
                }
            }
        }
        else if (model.Label is { } label && table.Find(label) is { } column)
        {
            for (int r = 0; r < table.Rows; r++)
            {
                CsvDataset.CheckLabel(table, column, r, labelRequired);
            }

            labels = [.. Enumerable.Range(0, table.Rows).Select(r => column.TextAt(r) ?? string.Empty)];
        }
        else if (labelRequired)
        {
            throw new InvalidInputException($"{path}: no label column '{model.Label ?? "(unnamed)"}'; the columns are {string.Join(", ", table.Header.Take(8).Select(h => $"'{h}'"))}");
        }

        var ids = model.IdColumn is { } id && table.Find(id) is { } idColumn
            ? Enumerable.Range(0, table.Rows).Select(r => idColumn.TextAt(r) ?? string.Empty).ToList()
            : null;
        var data = new Dataset(table.Source, model.Encoding.FeatureNames, encoded.X, model.Label, labels)
        {
            ExtraNames = extra is null ? null : model.Targets,
            Extra = extra,
            Sha256 = table.Sha256,
            Locate = table.Location,
        };
        return (data, ids);
    }
}
