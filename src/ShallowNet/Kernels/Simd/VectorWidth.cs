using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ShallowNet.Kernels;

/// <summary>
/// The one vector width every kernel runs at on this CPU: 512 bits where Vector512 is accelerated (AVX-512), else 256
/// where Vector256 is (AVX2), else 128 (ARM64's AdvSimd, x86 without AVX, and the software fallback where nothing is
/// accelerated: emulating the narrowest vectors costs least). Kernels that must give each other's bits (the fused epoch
/// and the GEMM routes it reproduces, an activation's rows and its elementwise kernel) all ask here, so they agree.
/// Never a wider vector than the hardware has: a software Vector256 is several times slower than Vector128.
/// </summary>
internal static class VectorWidth
{
    /// <summary>512, 256 or 128 (a JIT-time constant).</summary>
    public static int Bits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>Lanes of T per vector at <see cref="Bits"/>.</summary>
    public static int Lanes<T>()
        => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : Vector128<T>.Count;

    /// <summary>
    /// Vector registers the JIT can allocate: 32 with AVX-512 (EVEX reaches zmm/ymm 16–31, at either width) and on
    /// ARM64, 16 with AVX2 or SSE. Register tiles are sized from it so that their accumulators never spill.
    /// </summary>
    public static int Registers => Avx512F.IsSupported || AdvSimd.Arm64.IsSupported ? 32 : 16;
}
