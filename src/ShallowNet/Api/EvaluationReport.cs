using ShallowNet.Data;
using ShallowNet.Evaluation;
using ShallowNet.Model;
using ShallowNet.Numerics;

namespace ShallowNet.Api;

/// <summary>
/// What <see cref="FittedModel.Evaluate(Dataset)"/> and its overloads return: the measures <c>shallownet evaluate</c>
/// prints, from the same report classes. Exactly one of <see cref="Binary"/>, <see cref="Multiclass"/> and
/// <see cref="Regression"/> is set, by the model's output.
/// </summary>
public sealed record EvaluationReport
{
    private EvaluationReport(OutputKind kind, IReadOnlyList<string>? classes)
    {
        Kind = kind;
        Classes = classes;
    }

    /// <summary>What the model predicts.</summary>
    public OutputKind Kind { get; }

    /// <summary>The classes in index order (the confusion matrix's rows and columns), or null for a regression.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>A binary classifier's report (the positive class is <c>Classes[1]</c>), else null.</summary>
    public BinaryReport? Binary { get; private init; }

    /// <summary>A k-class classifier's report (macro averages), else null.</summary>
    public ClassificationReport? Multiclass { get; private init; }

    /// <summary>A regression's report (averaged over the targets, and per target), else null.</summary>
    public RegressionReport? Regression { get; private init; }

    /// <summary>m, the number of examples evaluated.</summary>
    public int Examples => Binary?.Examples ?? Multiclass?.Examples ?? Regression!.Examples;

    /// <summary>What scikit-learn's <c>score</c> returns: accuracy for a classifier, R² for a regression.</summary>
    public double Score => Binary?.Accuracy ?? Multiclass?.Accuracy ?? Regression!.R2;

    /// <summary>
    /// The measures by the names of <c>shallownet evaluate --json</c>: examples, accuracy, precision, recall, f1,
    /// log_loss and (binary) auc; or examples, rmse, mae and r2. The confusion matrix is in the report itself.
    /// </summary>
    public IReadOnlyDictionary<string, double> Measures => (Binary, Multiclass, Regression) switch
    {
        ({ } b, _, _) => new Dictionary<string, double>
        {
            ["examples"] = b.Examples,
            ["accuracy"] = b.Accuracy,
            ["precision"] = b.Precision,
            ["recall"] = b.Recall,
            ["f1"] = b.F1,
            ["log_loss"] = b.LogLoss,
            ["auc"] = b.Auc,
        },
        (_, { } c, _) => new Dictionary<string, double>
        {
            ["examples"] = c.Examples,
            ["accuracy"] = c.Accuracy,
            ["precision"] = c.Precision,
            ["recall"] = c.Recall,
            ["f1"] = c.F1,
            ["log_loss"] = c.LogLoss,
        },
        (_, _, { } r) => new Dictionary<string, double> { ["examples"] = r.Examples, ["rmse"] = r.Rmse, ["mae"] = r.Mae, ["r2"] = r.R2 },
        _ => throw new InvalidOperationException("an evaluation report holds one of the three reports"),
    };

    /// <summary>
    /// The report of <paramref name="model"/> on raw X (n_x, m): classifiers against the class labels (as the tool:
    /// the model's classes, or those found in the labels when it has none), regressions against Y (targets, m).
    /// </summary>
    internal static EvaluationReport Compute(TrainedModel model, Matrix<double> x, IReadOnlyList<string>? labels, Matrix<double>? y, string source)
    {
        var a = model.Predict(x); // a regression in the target's units
        if (model.Kind == OutputKind.Regression)
        {
            return new EvaluationReport(OutputKind.Regression, null) { Regression = RegressionReport.Compute(a, y!) };
        }

        var classes = model.Classes ?? ClassLabels.FromLabels(labels!);
        int[] actual = classes.Encode(labels!, source);
        return model.Kind == OutputKind.Binary
            ? new EvaluationReport(OutputKind.Binary, classes.Names) { Binary = BinaryReport.Compute(a.Row(0), actual) }
            : new EvaluationReport(OutputKind.Multiclass, classes.Names) { Multiclass = ClassificationReport.Compute((i, j) => a[i, j], a.Rows, actual) };
    }
}
