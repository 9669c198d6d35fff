using System.Runtime.Intrinsics;
using ShallowNet.Kernels;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// The kernels' one vector width never exceeds what the CPU accelerates: on ARM64 and on x86 without AVX
/// (<c>DOTNET_EnableAVX=0</c>) they run Vector128, not a software Vector256 several times slower; and the kernels that
/// reproduce each other's bits (GEMM's direct routes, the fused tiny epoch, the activations' rows) agree on it.
/// </summary>
public class VectorWidthTests
{
    [Fact]
    public void The_width_is_the_widest_the_cpu_accelerates()
    {
        int expected = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
        Assert.Equal(expected, VectorWidth.Bits);
        Assert.Equal(expected, GemmBlocked.VectorBits);
        Assert.Equal(expected / 32, VectorWidth.Lanes<float>());
        Assert.Equal(expected / 64, VectorWidth.Lanes<double>());
    }

    [Fact]
    public void No_emulated_256_bit_vectors()
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            Assert.Equal(128, VectorWidth.Bits);
            Assert.False(FirstLayerSweep.Applies<double>(units: 20, inputs: 12288, m: 209));
        }
    }

    [Fact]
    public void The_tiny_epoch_runs_at_every_width()
        => Assert.True(TinyNetworkEpoch<double>.Applies([2, 4, 1], 400));
}
