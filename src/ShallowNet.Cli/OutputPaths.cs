namespace ShallowNet.Cli;

/// <summary>
/// Checks a command's output locations before it does any work: no output may be one of its inputs or another output
/// (compared as fully resolved paths, through symbolic links), every output file's folder must exist and the path must
/// not be a folder, and every output folder must not be a file and must be creatable.
/// </summary>
internal static class OutputPaths
{
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>An option and the path it names (null when the option was not given).</summary>
    public readonly record struct Named(string Option, string? Path);

    /// <summary>
    /// Throws a usage error naming both options when an output is the same file as an input or as another output.
    /// </summary>
    public static void RefuseOverlaps(IEnumerable<Named> inputs, IEnumerable<Named> outputs)
    {
        var ins = inputs.Where(n => n.Path is not null).Select(n => (n.Option, n.Path!, Full: Resolve(n.Path!))).ToList();
        var outs = outputs.Where(n => n.Path is not null).Select(n => (n.Option, n.Path!, Full: Resolve(n.Path!))).ToList();
        for (int i = 0; i < outs.Count; i++)
        {
            foreach (var input in ins)
            {
                if (string.Equals(outs[i].Full, input.Full, PathComparison))
                {
                    throw new UsageException($"{outs[i].Option} {outs[i].Item2}: is the same file as {input.Option} {input.Item2}; writing it would destroy the input");
                }
            }

            for (int j = 0; j < i; j++)
            {
                if (string.Equals(outs[i].Full, outs[j].Full, PathComparison))
                {
                    throw new UsageException($"{outs[i].Option} {outs[i].Item2}: is the same file as {outs[j].Option} {outs[j].Item2}; one would overwrite the other");
                }
            }
        }
    }

    /// <summary>Throws a usage error unless <paramref name="path"/> can be written as a file: a name, not a folder, in an existing folder.</summary>
    public static void CheckFile(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
        {
            throw new UsageException($"{option} '{path}': not a file name");
        }

        string full = Full(option, path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a folder; give a file name");
        }

        RefuseLinkLoop(option, path, full);

        string folder = Path.GetDirectoryName(full) ?? ".";
        if (File.Exists(folder))
        {
            throw new UsageException($"{option} {path}: {folder} is a file, not a folder");
        }

        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{option} {path}: the folder {folder} does not exist");
        }

        ProbeWritable(option, path, folder);
    }

    /// <summary>
    /// Throws a usage error unless <paramref name="path"/> is a folder, or can be created as one (the command creates it
    /// when it writes), where files can be written. Nothing is created here.
    /// </summary>
    public static void CheckFolder(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0)
        {
            throw new UsageException($"{option} '': not a folder name");
        }

        string full = Full(option, path);
        if (File.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a file; give a folder");
        }

        // The nearest part of the path that exists must be a folder we can write into.
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new UsageException($"{option} {path}: {existing} is a file, not a folder");
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is not null)
        {
            ProbeWritable(option, path, existing);
        }
    }

    /// <summary>
    /// A symbolic link that leads back to itself names no file: writing would silently replace the link with a regular
    /// file, where any other tool fails with "too many levels of symbolic links".
    /// </summary>
    private static void RefuseLinkLoop(string option, string path, string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null)
        {
            return;
        }

        try
        {
            _ = info.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            throw new UsageException($"{option} {path}: a symbolic link that loops back on itself; remove it or give another name");
        }
    }

    /// <summary>Creates and removes a hidden file in <paramref name="folder"/>: the one sure test that writing there works.</summary>
    private static void ProbeWritable(string option, string path, string folder)
    {
        try
        {
            string probe = Path.Combine(folder, $".shallownet-probe-{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException)
        {
            // the exception's text names the probe file, which the user never asked for
            throw new UsageException($"{option} {path}: cannot write in {folder}: permission denied");
        }
        catch (IOException e)
        {
            throw new UsageException($"{option} {path}: cannot write in {folder}: {FirstLine(e.Message)}");
        }
    }

    /// <summary>
    /// The path made absolute with every symbolic link along it followed (as far as the path exists), so that two names
    /// of one file compare equal.
    /// </summary>
    public static string Resolve(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;                                          // not a path: its reader or writer will say so
        }

        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            for (int hops = 0; hops < 40 && info.Exists && info.LinkTarget is not null; hops++)
            {
                try
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null)
                    {
                        break;
                    }

                    next = Path.GetFullPath(target.FullName);
                    info = target;
                }
                catch (IOException)
                {
                    break;                                        // a link loop: compare what we have
                }
            }

            current = next;
        }

        return current;
    }

    private static string Full(string option, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} '{path}': not a valid path ({FirstLine(e.Message)})");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r', '.');
}
