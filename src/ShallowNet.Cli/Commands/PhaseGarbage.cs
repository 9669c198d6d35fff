namespace ShallowNet.Cli.Commands;

/// <summary>
/// Returns the garbage a phase of a large <c>train</c> run leaves (the cells collected while reading once the table is
/// built, the table once X is encoded, X as read once the training sets are built) before the next phase allocates.
/// Left alone, the GC keeps that memory resident and takes new memory for the next copy: measured on 200k rows × 100
/// columns (160 MB of doubles), 690-840 MB resident for at most 2 copies of X live; with these collections the
/// resident size follows what is live.
/// </summary>
internal static class PhaseGarbage
{
    /// <summary>Below this much garbage a full collection is not worth its pause (tens of milliseconds at most).</summary>
    private const long Worthwhile = 64_000_000;

    /// <summary>
    /// A full, compacting collection that also decommits what it frees (<see cref="GCCollectionMode.Aggressive"/>):
    /// compacting, because the large-object heap's holes would not fit the next copy of X.
    /// </summary>
    public static void Release(long garbageBytes)
    {
        if (garbageBytes > Worthwhile)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
