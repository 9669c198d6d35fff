using ShallowNet.Data;
using ShallowNet.Numerics;
using ShallowNet.Pipeline;

namespace ShallowNet.Api;

/// <summary>Prediction on a table's rows: its columns encoded as the model's training table was (categories, missing values).</summary>
public sealed partial class FittedModel
{
    /// <summary>A[L] for a table's rows: class probabilities (k, m), for one sigmoid unit P(second class), or the values.</summary>
    /// <exception cref="InvalidInputException">A column the model takes is missing, or a cell cannot be encoded.</exception>
    public Matrix<double> PredictProba(Table table) => PredictProba(Encode(table));

    /// <summary>The predicted class of each row of a table, as written in the training labels.</summary>
    /// <exception cref="InvalidInputException">A column the model takes is missing, or a cell cannot be encoded.</exception>
    public string[] Predict(Table table) => Predict(Encode(table));

    /// <summary>The predicted values (targets, m) of a regression model for a table's rows, in the targets' units.</summary>
    /// <exception cref="InvalidInputException">A column the model takes is missing, or a cell cannot be encoded.</exception>
    public Matrix<double> PredictValues(Table table) => PredictProba(table);

    /// <summary>The table's rows as X (n_x, m), through the model's column encoding; unseen categories are all zeros.</summary>
    public Matrix<double> Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Model.Encoding.Encode(table).X;
    }
}

/// <summary>The estimators' side of a fit on a table.</summary>
internal static class FittedModelTables
{
    /// <summary>The fit data of a table with <paramref name="label"/> taken out, encoded as <c>train</c> encodes it.</summary>
    public static FitData FitData(Table table, string label, ColumnRoles? columns, ICollection<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(label);
        var notes = new List<string>();
        var (data, _) = Pipeline.FitData.FromTable(table, label, null, null, columns ?? new ColumnRoles(), null, notes);
        notes.ForEach(n => warnings?.Add(n));
        return data;
    }
}
