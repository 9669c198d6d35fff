using ShallowNet.Serialization;

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

    /// <summary>The name that means standard output where a command can write its table there (datasets, predict).</summary>
    public const string StandardOutput = "-";

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

        if (path == StandardOutput)
        {
            // read by many tools as standard output; a file named "-" is almost never what was meant
            throw new UsageException($"{option} -: give a file name (standard output, '-', is for datasets --out and predict --out)");
        }

        string full = Full(option, path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a folder; give a file name");
        }

        RefuseLinkLoop(option, path, full);
        if (FilePaths.IsSpecialFile(full))
        {
            return;                                               // a device or pipe: written in place (AtomicFile)
        }

        // the file the path reaches: a link's target is what gets replaced, in the target's folder
        full = Resolve(path);
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
        try
        {
            AtomicFile.RefuseReadOnly(path, full);
        }
        catch (InvalidInputException e)
        {
            throw new UsageException($"{option} {e.Message}");
        }
    }

    /// <summary>
    /// Throws a usage error unless <paramref name="path"/> is a folder, or can be created as one (the command creates it
    /// when it writes), where files can be written. Nothing is created here.
    /// </summary>
    public static void CheckFolder(string option, string? path, params IEnumerable<Named> inputs)
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

        RefuseInputsWrittenIn(option, path, inputs);
    }

    /// <summary>
    /// Throws a usage error when a folder output is also a file output's path (the file, once written, blocks the
    /// folder), or a file output lies in the folder under a name written there (the PNG would replace it).
    /// </summary>
    public static void RefuseFilesInFolder(string option, string? folder, params IEnumerable<Named> outputs)
    {
        if (folder is null)
        {
            return;
        }

        string resolved = Resolve(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        foreach (var output in outputs.Where(n => n.Path is not null))
        {
            string full = Resolve(output.Path!);
            if (string.Equals(full, resolved, PathComparison))
            {
                throw new UsageException($"{option} {folder}: is the path of {output.Option} {output.Path}; give the folder another name");
            }

            if (IsWrittenName(Path.GetFileName(full)) && string.Equals(Path.GetDirectoryName(full), resolved, PathComparison))
            {
                throw new UsageException($"{output.Option} {output.Path}: lies in {option} {folder} under a name written there (PNG files, report.html); one would overwrite the other");
            }
        }
    }

    private static bool IsWrittenName(string name) =>
        name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || name.Equals("report.html", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A folder output receives PNG files and report.html under names of the command's choosing: an input lying there
    /// under such a name would be overwritten (the same-file check compares only the paths the user gave).
    /// </summary>
    private static void RefuseInputsWrittenIn(string option, string folder, IEnumerable<Named> inputs)
    {
        string resolved = Resolve(folder);
        foreach (var input in inputs.Where(n => n.Path is not null))
        {
            string full = Resolve(input.Path!);
            if (IsWrittenName(Path.GetFileName(full)) && string.Equals(Path.GetDirectoryName(full), resolved, PathComparison))
            {
                throw new UsageException($"{input.Option} {input.Path}: lies in {option} {folder} under a name written there (PNG files, report.html); writing would destroy the input");
            }
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
    /// The path made absolute with every symbolic link along it followed where it occurs (as far as the path exists,
    /// ".." after a link taken from the link's target, as the system does), so that two names of one file compare equal.
    /// </summary>
    public static string Resolve(string path)
    {
        try
        {
            return FilePaths.Physical(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException or UnauthorizedAccessException)
        {
            return path;                                          // not a path: its reader or writer will say so
        }
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
