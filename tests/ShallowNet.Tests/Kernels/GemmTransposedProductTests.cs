using System.Numerics;
using System.Runtime.Intrinsics;
using ShallowNet.Kernels;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Kernels;

/// <summary>
/// C = A·Bᵀ computed as (B·Aᵀ)ᵀ (<see cref="GemmTransposedProduct"/>) gives the plain packed route's bits, for every
/// α and β, on 1, 2 and 3 threads; and which products take it. The plain packed route is checked against the naive
/// reference in <see cref="GemmTests"/>.
/// </summary>
public class GemmTransposedProductTests
{
    // (M, K, N) with N > M and K long, every edge of the tiles (6 × 64 floats, 6 × 32 doubles at 512 bits) partial
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 67, 1500, 301 },
        { 64, 5000, 200 },     // the wide network's dW1 in small: 256 × 20000 · (784 × 20000)ᵀ
        { 100, 3001, 250 },    // K in three slices of 1024 at 512 bits, the last one short
    };

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public void Transposed_product_gives_the_packed_routes_bits(int m, int k, int n)
    {
        Skip.IfNot(Vector512.IsHardwareAccelerated, "the transposed product is taken with 512-bit vectors only, which this CPU lacks");
        Check<float>(m, k, n);
        Check<double>(m, k, n);
    }

    [Fact]
    public void The_wide_networks_dW1_takes_it_at_512_bits_only()
    {
        // dW1 = dZ1·Xᵀ, 256 × 20000 · (784 × 20000)ᵀ: X packed transposed (15.7 M values) or dZ1 (5.1 M)
        Assert.True(GemmTransposedProduct.Pays<Vector512<float>>(256, 784, 20000, Op.None, Op.Transpose));
        Assert.True(GemmTransposedProduct.Pays<Vector512<double>>(256, 784, 20000, Op.None, Op.Transpose));
        Assert.False(GemmTransposedProduct.Pays<Vector256<float>>(256, 784, 20000, Op.None, Op.Transpose));
        Assert.False(GemmTransposedProduct.Pays<Vector128<float>>(256, 784, 20000, Op.None, Op.Transpose));

        // not the forward products, not the mini-batch's (N < M), not where the scratch costs more than it saves
        Assert.False(GemmTransposedProduct.Pays<Vector512<float>>(256, 20000, 784, Op.None, Op.None));
        Assert.False(GemmTransposedProduct.Pays<Vector512<float>>(256, 128, 784, Op.None, Op.Transpose));
        Assert.False(GemmTransposedProduct.Pays<Vector512<float>>(200, 2000, 40, Op.None, Op.Transpose));
    }

    private static void Check<T>(int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(GemmTransposedProduct.Pays<Vector512<T>>(m, n, k, Op.None, Op.Transpose), $"{m}×{k}×{n} would not take the transposed product");
        Assert.Equal(GemmBlocked.Route.Packed, GemmBlocked.Choose(m, n, k, Op.None, Op.Transpose, Vector512<T>.Count));
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (1.0, 1.0), (0.37, 0.5), (-2.5, 1.0) })
        {
            var random = new NumpyRandom(17);
            var a = TestData.RandomMatrix(random, m, k).Convert<T>();
            var b = TestData.RandomMatrix(random, n, k).Convert<T>();
            var c0 = TestData.RandomMatrix(random, m, n).Convert<T>();
            if (beta == 0)
            {
                c0.AsSpan().Fill(T.NaN);   // β = 0: the old C is not read, in the scratch either
            }

            var packed = c0.Clone();
            GemmBlocked.Multiply(m, n, k, T.CreateChecked(alpha), a, Op.None, b, Op.Transpose, T.CreateChecked(beta), packed, 1, 512, transposedProducts: false);
            foreach (int threads in new[] { 1, 2, 3 })
            {
                var transposed = c0.Clone();
                GemmBlocked.Multiply(m, n, k, T.CreateChecked(alpha), a, Op.None, b, Op.Transpose, T.CreateChecked(beta), transposed, threads, 512);
                int differing = Enumerable.Range(0, packed.Length).Count(i => !packed.Data[i].Equals(transposed.Data[i]));
                Assert.True(differing == 0, $"{typeof(T).Name} {m}×{k}×{n}, α {alpha}, β {beta}, {threads} threads: {differing} elements differ from the packed route");
            }
        }
    }
}
