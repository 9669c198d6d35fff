using System.Text.Json;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// A checkpoint on disk means unfinished work (a finished run deletes its own), so a fresh <c>train</c> may not start
/// where one lies: it would finish and leave the old checkpoint, and resuming that later would write over the new model.
/// As git refuses a new rebase while one is in progress, the run is refused with both ways on.
/// </summary>
internal static class UnfinishedRun
{
    /// <summary>Throws a usage error when a fresh run's checkpoint path already holds a file: a checkpoint, or another file.</summary>
    /// <param name="option">The option that chose the path, with its value ("--model m.json" or "--checkpoint c.json").</param>
    /// <param name="checkpoint">The checkpoint path of the run.</param>
    public static void RefuseFreshRunOver(string option, string checkpoint)
    {
        if (IsCheckpoint(checkpoint))
        {
            throw new UsageException($"{option}: {checkpoint} holds an interrupted run; continue it with --resume {checkpoint}, or delete it to start over");
        }

        if (File.Exists(checkpoint) && !FilePaths.IsSpecialFile(Path.GetFullPath(checkpoint)))
        {
            // a run writes its checkpoints there and deletes the file when it finishes: someone's file, not ours, would be lost
            throw new UsageException($"{option}: {checkpoint} exists and is not a checkpoint; the run would write its checkpoints over it and delete it at the end; give --checkpoint another name");
        }
    }

    /// <summary>
    /// Whether the file begins as a checkpoint does (<c>{"format": "shallownet-checkpoint"</c>). Only its start is read:
    /// a checkpoint holds every weight. A file of other content is an ordinary output, replaced as any other is; a pipe
    /// or device is never opened here (a FIFO would block).
    /// </summary>
    private static bool IsCheckpoint(string path)
    {
        try
        {
            if (!File.Exists(path) || FilePaths.IsSpecialFile(Path.GetFullPath(path)))
            {
                return false;
            }

            var start = new byte[256];
            int length;
            using (var file = File.OpenRead(path))
            {
                length = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            }

            var json = new Utf8JsonReader(start.AsSpan(0, length), isFinalBlock: false, default);
            return json.Read() && json.TokenType == JsonTokenType.StartObject
                && json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("format")
                && json.Read() && json.TokenType == JsonTokenType.String && json.ValueTextEquals(CheckpointFile.Format);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;                                             // unreadable or not JSON: no run of ours to lose
        }
    }
}
