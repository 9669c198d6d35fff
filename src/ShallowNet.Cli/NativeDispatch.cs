using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ShallowNet.Cli;

/// <summary>
/// The installed tool's linux-x64 package holds two native builds: <c>shallownet</c>, compiled for x86-64-v3 (AVX2 +
/// FMA: every x64 CPU of the last decade), and <c>shallownet-avx512</c>, compiled for x86-64-v4. Native AOT fixes the
/// vector width when it compiles: under x86-64-v3, <see cref="Vector512.IsHardwareAccelerated"/> is a constant false
/// (the compiler adds no run-time check for AVX-512), so the portable build alone would never take the 512-bit kernels.
/// On a CPU with AVX-512 it therefore replaces itself with the other build before doing anything else (<c>execv</c>:
/// same process, arguments, standard streams and environment). The JIT build, and any native build that has AVX-512
/// already, stays as it is. <c>SHALLOWNET_NO_AVX512=1</c> keeps the portable build (to compare the two).
/// </summary>
internal static partial class NativeDispatch
{
    /// <summary>The x86-64-v4 build's file name, beside the portable one.</summary>
    internal const string Avx512Executable = "shallownet-avx512";

    /// <summary>Set (to anything but 0) to stay in the portable build.</summary>
    internal const string OptOutVariable = "SHALLOWNET_NO_AVX512";

    // The features x86-64-v4 adds to x86-64-v3 (as Linux names them in /proc/cpuinfo, which lists only what the kernel
    // also saves and restores: the operating system's support is part of the answer).
    private static readonly string[] Avx512Flags = ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"];

    /// <summary>
    /// Runs the AVX-512 build in this process's place when this is the portable native build on Linux x64, the CPU has
    /// AVX-512 and the other build is beside this one; returns (doing nothing) otherwise, or if the exec fails.
    /// </summary>
    public static void ToAvx512BuildWhereAvailable(string[] args)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || Vector512.IsHardwareAccelerated
            || !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return;
        }

        string? optOut = Environment.GetEnvironmentVariable(OptOutVariable);
        if (!string.IsNullOrEmpty(optOut) && optOut != "0")
        {
            return;
        }

        string? self = Environment.ProcessPath;
        string? folder = self is null ? null : Path.GetDirectoryName(self);
        if (folder is null)
        {
            return;
        }

        string target = Path.Combine(folder, Avx512Executable);
        if (!File.Exists(target) || !CpuHasAvx512())
        {
            return;
        }

        var argv = new IntPtr[args.Length + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(target);
            for (int i = 0; i < args.Length; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            _ = Execv(target, argv); // returns only on failure: carry on in this build
        }
        finally
        {
            foreach (IntPtr p in argv)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private static bool CpuHasAvx512()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("flags", StringComparison.Ordinal))
                {
                    var flags = new HashSet<string>(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]
                        .Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                    return Avx512Flags.All(flags.Contains);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    // Linked directly against the C library in the native build (DirectPInvoke in the project file); the JIT build never
    // calls it.
    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, IntPtr[] argv);
}
