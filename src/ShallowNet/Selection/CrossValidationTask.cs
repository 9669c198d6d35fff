using ShallowNet.Pipeline;

namespace ShallowNet.Selection;

/// <summary>What every fold fits: the label (or several regression targets), the weight column, the column roles and the fit settings.</summary>
/// <param name="Label">The label column (the first target when there are several).</param>
internal sealed record CrossValidationTask(string Label)
{
    /// <summary>Several regression targets, or null for one label.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>The column of example weights, or null.</summary>
    public string? WeightColumn { get; init; }

    /// <summary>How the table's columns are used.</summary>
    public ColumnRoles Roles { get; init; } = new();

    /// <summary>
    /// The fraction of each fold's training rows to fit on (a learning curve's size), drawn without replacement so that
    /// a smaller fraction's rows are a subset of a larger one's; 1 for all.
    /// </summary>
    public double TrainFraction { get; init; } = 1;

    /// <summary>Also score each fold's model on the rows it was fitted on (<see cref="FoldScore.TrainReport"/>).</summary>
    public bool ScoreTraining { get; init; }

    /// <summary>The network, preprocessing and training; the output kind is fixed per task before the folds run.</summary>
    public FitSettings Settings { get; init; } = new();
}
