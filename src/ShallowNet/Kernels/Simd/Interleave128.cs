using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ShallowNet.Kernels;

/// <summary>
/// The two-register shuffles of a 128-bit register transpose, one instruction each on x86 (unpcklps/unpckhps,
/// unpcklpd/unpckhpd) and ARM64 (zip1/zip2), for packing without 256-bit registers. Values are only moved.
/// </summary>
internal static class Interleave128
{
    /// <summary>Whether this CPU has the instructions (the callers fall back to moving one value at a time).</summary>
    public static bool IsSupported => Sse2.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>a0 b0 a1 b1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Low(Vector128<float> a, Vector128<float> b)
        => Sse.IsSupported ? Sse.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

    /// <summary>a2 b2 a3 b3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> High(Vector128<float> a, Vector128<float> b)
        => Sse.IsSupported ? Sse.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);

    /// <summary>a0 b0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Low(Vector128<double> a, Vector128<double> b)
        => Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

    /// <summary>a1 b1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> High(Vector128<double> a, Vector128<double> b)
        => Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);
}
