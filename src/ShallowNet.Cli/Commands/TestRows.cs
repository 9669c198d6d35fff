using ShallowNet.Api;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// The rows of <c>train --test FILE</c>: read and encoded as the training rows were (the same categories, fill values
/// and missing tokens) and checked before training starts, then scored once the model is trained.
/// </summary>
/// <param name="Data">The encoded features with the labels (or the targets as extra columns).</param>
/// <param name="Y">Y in the target's units: 0/1 or one-hot for classes, the values for a regression.</param>
internal sealed record TestRows(Dataset Data, Matrix<double> Y)
{
    /// <summary>Reads <see cref="TrainSettings.TestPath"/> for the fit being prepared.</summary>
    /// <exception cref="InvalidInputException">A column is missing, a cell cannot be encoded, a label is not one of the classes.</exception>
    public static TestRows Read(TrainSettings s, FitData fit, OutputChoice output)
    {
        string path = s.TestPath!;
        string[]? targets = s.Labels is { Length: > 1 } ? s.Labels : null;
        var table = TableFile.Read(path, new TableReadOptions { MissingTokens = s.MissingTokens, TextColumns = targets is null ? [fit.LabelName!] : [] });
        var x = fit.Encoding!.Encode(table).X;
        Dataset data;
        if (targets is not null)
        {
            var extra = new Matrix<double>(targets.Length, table.Rows);
            for (int i = 0; i < targets.Length; i++)
            {
                table.RequireNumbers(targets[i], "target column").CopyTo(extra.Row(i));
            }

            data = new Dataset(path, fit.FeatureNames, x, null, null) { ExtraNames = targets, Extra = extra };
        }
        else
        {
            var column = table.Column(fit.LabelName!, "label column");
            for (int r = 0; r < table.Rows; r++)
            {
                CsvDataset.CheckLabel(table, column, r, required: true);
            }

            data = new Dataset(path, fit.FeatureNames, x, fit.LabelName, [.. Enumerable.Range(0, table.Rows).Select(r => column.TextAt(r)!)]);
        }

        return new TestRows(data, TargetEncoding.Encode(output.Kind, output.Classes, data, targets));
    }

    /// <summary>The trained model's measures on these rows, as <c>evaluate --json</c> names them.</summary>
    public EvaluationReport Score(TrainedModel model) =>
        EvaluationReport.Compute(model, Data.X, Data.Labels, Data.Labels is null ? Y : null, Data.Source);
}
