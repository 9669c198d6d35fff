namespace ShallowNet.Selection;

/// <summary>One configuration a search scores: what each fold fits, and in which precision.</summary>
/// <param name="Task">The label, columns and fit settings.</param>
/// <param name="Float32">Train in float32 (the tool's <c>--precision float32</c>); else float64.</param>
internal sealed record SearchCandidate(CrossValidationTask Task, bool Float32 = false);
