using System.Buffers;

namespace ShallowNet.Serialization;

/// <summary>
/// Writes a file so that a crash at any moment leaves either the old file or the complete new one: the content goes
/// to a temporary file in the same folder, is flushed to disk, and is then renamed over the target. A symbolic link
/// is written through (its target replaced, the link kept), a file replaced keeps its permissions, a read-only file is
/// refused, and a device or pipe (/dev/null, a FIFO, /dev/stdout) is written in place: renaming over those would
/// replace them with a regular file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The digits of a Guid written as "N" (what the temporary file's name holds).</summary>
    private static readonly SearchValues<char> GuidDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> atomically.</summary>
    /// <exception cref="InvalidInputException">The folder does not exist or cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        if (FilePaths.IsSpecialFile(Path.GetFullPath(path)))
        {
            WriteInPlace(path, write);
            return;
        }

        string full = FilePaths.Physical(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new InvalidInputException($"{path}: the folder {folder} does not exist");
        }

        RefuseReadOnly(path, full);
        CleanUpStale(folder, Path.GetFileName(full));
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(full))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));   // a private model stays private
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new InvalidInputException($"{path}: cannot write: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A device or pipe: written as it is, with no temporary file (nothing to replace, nothing to flush to disk).</summary>
    private static void WriteInPlace(string path, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(stream);
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot write: {e.Message}", e);
        }
    }

    /// <summary>
    /// A file made read-only (no write permission for anyone; the read-only attribute on Windows) is not replaced: a
    /// rename would do so silently, for root too, where writing into it fails.
    /// </summary>
    internal static void RefuseReadOnly(string path, string full)
    {
        if (!File.Exists(full))
        {
            return;
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        bool readOnly = OperatingSystem.IsWindows()
            ? File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(full) & anyWrite) == 0;
        if (readOnly)
        {
            throw new InvalidInputException($"{path}: the file is read-only; make it writable or give another name");
        }
    }

    /// <summary>
    /// Removes the temporary files that an earlier write of the same target left when its process was killed: only
    /// names of exactly this class's pattern for this target (<c>.NAME.</c> + 32 hex digits + <c>.tmp</c>), and only
    /// those no live writer holds (a writer keeps its temporary file locked until it is complete).
    /// </summary>
    private static void CleanUpStale(string folder, string name)
    {
        string prefix = "." + name + ".";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + "*.tmp", new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive, AttributesToSkip = 0 }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string candidate in candidates)
        {
            string file = Path.GetFileName(candidate);
            if (file.Length != prefix.Length + 32 + 4 || !file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".tmp", StringComparison.Ordinal)
                || file.AsSpan(prefix.Length, 32).ContainsAnyExcept(GuidDigits))
            {
                continue;
            }

            try
            {
                // Opening it exclusively fails while its writer still has it open; then it is not stale.
                using var held = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // in use, or not ours to remove: leave it
            }
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // best effort: the temporary file is hidden and harmless
        }
        catch (UnauthorizedAccessException)
        {
            // same
        }
    }
}
