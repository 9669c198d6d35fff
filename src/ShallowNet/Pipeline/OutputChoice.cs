using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;

namespace ShallowNet.Pipeline;

/// <summary>
/// What the network predicts and with which output layer: the kind (from a start model, as asked, or inferred from the
/// labels), the classes in index order, and why, for the user. The one place where a kind becomes g[L].
/// </summary>
/// <param name="Kind">Binary, multiclass or regression.</param>
/// <param name="Classes">The classes in index order (null for regression).</param>
/// <param name="Reason">Why this kind ("as asked", "from start.json", "the label has 2 distinct values").</param>
internal sealed record OutputChoice(OutputKind Kind, ClassLabels? Classes, string Reason)
{
    /// <summary>g[L] for the kind: sigmoid (binary cross-entropy), softmax (cross-entropy) or identity (mean squared error).</summary>
    public Activation Activation => ActivationFor(Kind);

    /// <summary>g[L] for <paramref name="kind"/>.</summary>
    public static Activation ActivationFor(OutputKind kind) => kind switch
    {
        OutputKind.Binary => Sigmoid.Instance,
        OutputKind.Multiclass => Softmax.Instance,
        _ => Identity.Instance,
    };

    /// <summary>
    /// The output for <paramref name="data"/>: the start model's kind and classes when there is one, else the asked kind
    /// or the one the labels call for, with the caller's classes or those found in the labels.
    /// </summary>
    /// <exception cref="InvalidInputException">
    /// Classes inferred from many distinct non-integer numbers (a regression target, not classes).
    /// </exception>
    public static OutputChoice Choose(FitData data, FitSettings settings, TrainedModel? start, string? startSource)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        OutputKind kind;
        string reason;
        if (start is not null)
        {
            (kind, reason) = (start.Kind, $"from {startSource ?? "the start model"}");
        }
        else if (settings.Output is { } chosen)
        {
            (kind, reason) = (chosen, "as asked");
        }
        else
        {
            kind = Targets.Infer(data.RequireLabels(), out reason);
        }

        if (kind == OutputKind.Regression)
        {
            return new OutputChoice(kind, null, reason);
        }

        var classes = start?.Classes ?? data.Classes;
        if (classes is null)
        {
            classes = ClassLabels.FromLabels(data.RequireLabels());
            if (kind == OutputKind.Multiclass && start is null && classes is { Numeric: true, Count: > Targets.MaxInferredClasses }
                && classes.Names.Any(n => n.Contains('.', StringComparison.Ordinal) || n.Contains('E', StringComparison.Ordinal)))
            {
                throw new InvalidInputException($"{data.Source}: the label '{data.LabelName}' has {classes.Count} distinct non-integer values ({classes.Preview()}): a regression target, not classes; use {settings.Names.Regression}");
            }
        }

        return new OutputChoice(kind, classes, reason);
    }
}
