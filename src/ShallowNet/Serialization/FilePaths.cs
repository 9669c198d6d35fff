using System.Runtime.InteropServices;

namespace ShallowNet.Serialization;

/// <summary>
/// What a path names on disk, as the operating system sees it: the file it reaches through symbolic links, and
/// whether that is a regular file or a device, pipe or socket (which are written in place, never replaced).
/// </summary>
internal static partial class FilePaths
{
    private const int MaxLinkHops = 40;                           // as Linux's MAXSYMLINKS: more is a loop

    /// <summary>
    /// The absolute path of the file <paramref name="path"/> reaches, each symbolic link followed where it occurs and
    /// ".." applied after it, as the kernel resolves a path: "link/../x" is x beside the link's target, not beside the
    /// link (Path.GetFullPath removes "link/.." as text). Parts that do not exist are kept as written. A link loop
    /// stops the walk where it was.
    /// </summary>
    public static string Physical(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);                  // only to make it absolute and validate it
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string start = Path.IsPathRooted(path) ? root : Directory.GetCurrentDirectory();
        var pending = new Stack<string>(Parts(Path.IsPathRooted(path) ? path[(Path.GetPathRoot(path) ?? string.Empty).Length..] : path).Reverse());
        string current = start;
        int hops = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, part);
            string? target = LinkTarget(next);
            if (target is null || hops >= MaxLinkHops)
            {
                current = next;
                continue;
            }

            // the link's text replaces it: resolved from the root when absolute, else from the link's folder
            hops++;
            foreach (string p in Parts(Path.IsPathRooted(target) ? target[(Path.GetPathRoot(target) ?? string.Empty).Length..] : target).Reverse())
            {
                pending.Push(p);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
            }
        }

        return current;
    }

    /// <summary>
    /// Whether <paramref name="path"/> (followed through links) exists and is neither a regular file nor a folder: a
    /// device such as /dev/null, a named pipe, a socket. Renaming a new file over it would replace it.
    /// </summary>
    public static bool IsSpecialFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return SpecialMode(path);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;                                         // no way to tell here: treated as a regular file
        }
    }

    private static unsafe bool SpecialMode(string path)
    {
        // .NET's own native shim (System.Native, in every runtime and statically linked into native builds) fills a
        // FileStatus whose second int is the POSIX st_mode, the same layout on every Unix; the buffer is larger than
        // the struct so that fields added at its end do not matter.
        byte* status = stackalloc byte[512];
        if (Stat(path, status) != 0)
        {
            return false;                                         // does not exist (or cannot be reached): not special
        }

        int type = *(int*)(status + sizeof(int)) & 0xF000;       // S_IFMT
        return type is not 0x8000 and not 0x4000;              // S_IFREG, S_IFDIR
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* output);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] Parts(string path) => path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.None);
}
