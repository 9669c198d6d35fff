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
    // (name, M, N, K, op(A), op(B), route at 512, 256 and 128 bits (the CPU's widest vectors, never its register count:
    // ARM64 and x86 without AVX take the same routes); routes by name, the enum being internal), for double (planar,
    // cat) and float (wide).
    public static TheoryData<string, int, int, int, Op, Op, string, string, string> DoubleShapes => new()
    {
        { "planar Z1 = W1·X (4×2 · 2×400)", 4, 400, 2, Op.None, Op.None, "Rows", "Rows", "Rows" },
        { "planar Z2 = W2·A1 (1×4 · 4×400)", 1, 400, 4, Op.None, Op.None, "Rows", "Rows", "Rows" },
        { "planar dW2 = dZ2·A1ᵀ", 1, 4, 400, Op.None, Op.Transpose, "Dots", "Dots", "Dots" },
        { "planar dW1 = dZ1·Xᵀ", 4, 2, 400, Op.None, Op.Transpose, "Dots", "Dots", "Dots" },
        { "planar dA1 = W2ᵀ·dZ2", 4, 400, 1, Op.Transpose, Op.None, "Rows", "Rows", "Rows" },
        { "cat Z1 = W1·X (20×12288 · 12288×209)", 20, 209, 12288, Op.None, Op.None, "ShortWide", "ShortWide", "ShortWide" },
        { "cat dW1 = dZ1·Xᵀ (20×209 · 209×12288)", 20, 12288, 209, Op.None, Op.Transpose, "ShortOuter", "ShortOuter", "Dots" },
        { "cat Z2 = W2·A1 (7×20 · 20×209)", 7, 209, 20, Op.None, Op.None, "Rows", "Rows", "Rows" },
        { "cat dA1 = W2ᵀ·dZ2 (20×7 · 7×209)", 20, 209, 7, Op.Transpose, Op.None, "Rows", "Rows", "Rows" },
    };

    public static TheoryData<string, int, int, int, Op, Op, string, string, string> FloatShapes => new()
    {
        { "wide Z1 = W1·X (256×784 · 784×20000)", 256, 20000, 784, Op.None, Op.None, "Packed", "Packed", "Packed" },
        { "wide dW1 = dZ1·Xᵀ (256×20000 · 20000×784)", 256, 784, 20000, Op.None, Op.Transpose, "Packed", "Packed", "Packed" },
        { "wide Z2 = W2·A1 (1×256 · 256×20000)", 1, 20000, 256, Op.None, Op.None, "Rows", "Rows", "Rows" },
        { "wide dA1 = W2ᵀ·dZ2 (256×1 · 1×20000)", 256, 20000, 1, Op.Transpose, Op.None, "Rows", "Rows", "Rows" },
        { "mini-batch Z1 = W1·Xbᵀ (256×784 · 784×128)", 256, 128, 784, Op.None, Op.Transpose, "Packed", "Packed", "Packed" },
        { "mini-batch dW1 = dZ1·Xb (256×128 · 128×784)", 256, 784, 128, Op.None, Op.None, "Packed", "Packed", "Packed" },
        { "cat dW1 in float (20×209 · 209×12288)", 20, 12288, 209, Op.None, Op.Transpose, "ShortOuter", "ShortOuter", "ShortOuter" },
    };

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Double_workload_products_take_the_documented_route(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256, string at128)
        => AssertRoute<double>(name, m, n, k, opA, opB, at512, at256, at128);

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Float_workload_products_take_the_documented_route(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256, string at128)
        => AssertRoute<float>(name, m, n, k, opA, opB, at512, at256, at128);

    private static void AssertRoute<T>(string name, int m, int n, int k, Op opA, Op opB, string at512, string at256, string at128)
        where T : unmanaged
    {
        int lanes = VectorWidth.Lanes<T>();
        var expected = Enum.Parse<Route>(VectorWidth.Bits switch { 512 => at512, 256 => at256, _ => at128 });
        Assert.True(
            GemmBlocked.Choose(m, n, k, opA, opB, lanes) == expected,
            $"{name} ({typeof(T).Name}, {lanes} lanes): route {GemmBlocked.Choose(m, n, k, opA, opB, lanes)}, expected {expected}");
    }
}
