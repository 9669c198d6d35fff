namespace ShallowNet.Selection;

/// <summary>How <see cref="CrossValidation"/> splits the examples and how many folds it runs at once.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>k, the number of folds (at least 2). Default 5. Ignored when <see cref="FoldOfRow"/> is given.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>How many times to draw the k folds afresh (each repeat continues the same generator). Default 1.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Seed of the NumPy-compatible generator that draws the folds (<see cref="Selection.Folds"/>). Default 0.</summary>
    public uint Seed { get; init; }

    /// <summary>
    /// Stratify the folds by class (the default for a classifier); false for plain k-fold. A regression is never
    /// stratified.
    /// </summary>
    public bool Stratify { get; init; } = true;

    /// <summary>The fold (0..k-1) of each example, in the table's row order, to use instead of drawing folds; k is one more than the largest.</summary>
    public IReadOnlyList<int>? FoldOfRow { get; init; }

    /// <summary>
    /// Folds trained at the same time (0 = one per core); each fold's training runs on one thread, so the results are
    /// the same for any value.
    /// </summary>
    public int Threads { get; init; }
}
