using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ShallowNet.Kernels;
using ShallowNet.Numerics;
using Route = ShallowNet.Kernels.GemmBlocked.Route;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// Which GEMM route each product of the benchmark workloads takes (the table in src/ShallowNet/Kernels/Gemm/README.md).
/// The router decides from the shapes, the transposes and the vector width alone; these tests pin its decisions for
/// the lesson's planar network, the course's cat network and the wide workloads, at the width this CPU runs, so a
/// change of route is a visible change.
/// </summary>
public class GemmRouteTests
{
    private static readonly bool Wide512 = Vector512.IsHardwareAccelerated;

    // (name, M, N, K, op(A), op(B), route at 512 bits, route at 256 and at 128 bits (the same); routes by name, the enum being internal), for double (planar, cat) and float (wide).
    public static TheoryData<string, int, int, int, Op, Op, string, string> DoubleShapes => new()
    {
        { "planar Z1 = W1·X (4×2 · 2×400)", 4, 400, 2, Op.None, Op.None, "Rows", "Rows" },
        { "planar Z2 = W2·A1 (1×4 · 4×400)", 1, 400, 4, Op.None, Op.None, "Rows", "Rows" },
        { "planar dW2 = dZ2·A1ᵀ", 1, 4, 400, Op.None, Op.Transpose, "Dots", "Dots" },
        { "planar dW1 = dZ1·Xᵀ", 4, 2, 400, Op.None, Op.Transpose, "Dots", "Dots" },
        { "planar dA1 = W2ᵀ·dZ2", 4, 400, 1, Op.Transpose, Op.None, "Rows", "Rows" },
        { "cat Z1 = W1·X (20×12288 · 12288×209)", 20, 209, 12288, Op.None, Op.None, "ShortWide", "Packed" },
        { "cat dW1 = dZ1·Xᵀ (20×209 · 209×12288)", 20, 12288, 209, Op.None, Op.Transpose, "ShortOuter", "Dots" },
        { "cat Z2 = W2·A1 (7×20 · 20×209)", 7, 209, 20, Op.None, Op.None, "Rows", "Rows" },
        { "cat dA1 = W2ᵀ·dZ2 (20×7 · 7×209)", 20, 209, 7, Op.Transpose, Op.None, "Rows", "Rows" },
    };

    public static TheoryData<string, int, int, int, Op, Op, string, string> FloatShapes => new()
    {
        { "wide Z1 = W1·X (256×784 · 784×20000)", 256, 20000, 784, Op.None, Op.None, "Packed", "Packed" },
        { "wide dW1 = dZ1·Xᵀ (256×20000 · 20000×784)", 256, 784, 20000, Op.None, Op.Transpose, "Packed", "Packed" },
        { "wide Z2 = W2·A1 (1×256 · 256×20000)", 1, 20000, 256, Op.None, Op.None, "Rows", "Rows" },
        { "wide dA1 = W2ᵀ·dZ2 (256×1 · 1×20000)", 256, 20000, 1, Op.Transpose, Op.None, "Rows", "Rows" },
        { "mini-batch Z1 = W1·Xbᵀ (256×784 · 784×128)", 256, 128, 784, Op.None, Op.Transpose, "Packed", "Packed" },
        { "mini-batch dW1 = dZ1·Xb (256×128 · 128×784)", 256, 784, 128, Op.None, Op.None, "Packed", "Packed" },
        { "cat dW1 in float (20×209 · 209×12288)", 20, 12288, 209, Op.None, Op.Transpose, "ShortOuter", "Dots" },
    };

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Double_workload_products_take_the_documented_route(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256)
        => AssertRoute<double>(name, m, n, k, opA, opB, at512, at256);

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Float_workload_products_take_the_documented_route(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256)
        => AssertRoute<float>(name, m, n, k, opA, opB, at512, at256);

    [SkippableFact]
    public void The_short_routes_are_taken_only_with_AVX512()
    {
        // The short-A kernels use AVX-512 instructions (masked loads, 32 registers); without them the router must
        // send the cat network's products elsewhere, whatever width the caller asks for.
        Skip.If(Avx512F.IsSupported, "this CPU has AVX-512: the routes without it are pinned where it is absent");
        Assert.Equal(Route.Packed, GemmBlocked.Choose(20, 209, 12288, Op.None, Op.None, Vector256<double>.Count));
        Assert.Equal(Route.Dots, GemmBlocked.Choose(20, 12288, 209, Op.None, Op.Transpose, Vector256<double>.Count));
        Assert.Equal(Route.Dots, GemmBlocked.Choose(20, 12288, 209, Op.None, Op.Transpose, Vector256<float>.Count));
    }

    private static void AssertRoute<T>(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256)
        where T : unmanaged
    {
        int lanes = VectorWidth.Lanes<T>();
        var expected = Enum.Parse<Route>(Wide512 && Avx512F.IsSupported ? at512 : at256);
        Assert.True(
            GemmBlocked.Choose(m, n, k, opA, opB, lanes) == expected,
            $"{name} ({typeof(T).Name}, {lanes} lanes): route {GemmBlocked.Choose(m, n, k, opA, opB, lanes)}, expected {expected}");
    }
}
