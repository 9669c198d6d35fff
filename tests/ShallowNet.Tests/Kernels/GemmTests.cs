using System.Numerics;
using ShallowNet.Kernels;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Kernels;

/// <summary>The blocked GEMM against the naive reference kernel, on shapes that exercise every edge of the blocking.</summary>
public class GemmTests
{
    // (M, K, N). The packed blocking is MR × NR = 6 × 4 vectors (512-bit) or 4 × 3 (256-bit), KC ≤ 1024 / 256, MC = 192:
    // sizes below, at and above each block, and not multiples of any.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 3, 5, 7 },
        { 4, 8, 16 },
        { 17, 33, 65 },
        { 130, 260, 300 },    // M > MC, K > KC, N > 2·NR, none a multiple
        { 129, 513, 37 },     // two K panels plus a remainder
        { 5, 7, 2100 },       // N > NC
    };

    public static TheoryData<Op, Op> Ops => new()
    {
        { Op.None, Op.None },
        { Op.None, Op.Transpose },
        { Op.Transpose, Op.None },
        { Op.Transpose, Op.Transpose },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_matches_reference(int m, int k, int n)
    {
        foreach (var (opA, opB) in AllOps())
        {
            foreach (var (alpha, beta) in Scalars())
            {
                Check<double>(m, k, n, opA, opB, alpha, beta, seed: 11);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_matches_reference(int m, int k, int n)
    {
        foreach (var (opA, opB) in AllOps())
        {
            foreach (var (alpha, beta) in Scalars())
            {
                Check<float>(m, k, n, opA, opB, alpha, beta, seed: 12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void Beta_zero_ignores_NaN_in_c(Op opA, Op opB)
    {
        var random = new NumpyRandom(13);
        var a = Random<double>(random, opA == Op.None ? 9 : 6, opA == Op.None ? 6 : 9);
        var b = Random<double>(random, opB == Op.None ? 6 : 40, opB == Op.None ? 40 : 6);
        var c = new Matrix<double>(9, 40);
        c.AsSpan().Fill(double.NaN);
        Gemm.Multiply(1.0, a, opA, b, opB, 0.0, c);
        Assert.DoesNotContain(c.Data, double.IsNaN);

        var expected = new Matrix<double>(9, 40);
        GemmReference.Multiply(1.0, a, opA, b, opB, 0.0, expected);
        AssertWithinBound(expected, c, a, opA, b, opB, 1.0, 0.0, new Matrix<double>(9, 40), 6);
    }

    [Fact]
    public void Allocating_overload_computes_the_product()
    {
        var random = new NumpyRandom(14);
        var a = Random<double>(random, 7, 5);
        var b = Random<double>(random, 7, 3);
        var c = Gemm.Multiply(a, Op.Transpose, b, Op.None);   // (5, 7)·(7, 3)
        Assert.Equal(5, c.Rows);
        Assert.Equal(3, c.Cols);
        var expected = new Matrix<double>(5, 3);
        GemmReference.Multiply(1.0, a, Op.Transpose, b, Op.None, 0.0, expected);
        AssertWithinBound(expected, c, a, Op.Transpose, b, Op.None, 1.0, 0.0, new Matrix<double>(5, 3), 7);
    }

    [Theory]
    [InlineData(2, 3, Op.None, 4, 5, Op.None, 2, 5)]        // K: 3 vs 4
    [InlineData(2, 3, Op.Transpose, 2, 5, Op.None, 2, 5)]   // C should be 3×5
    [InlineData(2, 3, Op.None, 5, 3, Op.Transpose, 2, 3)]   // C should be 2×5
    [InlineData(2, 3, Op.None, 3, 5, Op.Transpose, 2, 3)]   // op(B) is 5×3: K 3 vs 5
    public void ShapeMismatch_Throws(int ar, int ac, Op opA, int br, int bc, Op opB, int cr, int cc)
    {
        var a = new Matrix<double>(ar, ac);
        var b = new Matrix<double>(br, bc);
        var c = new Matrix<double>(cr, cc);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(1.0, a, opA, b, opB, 0.0, c));
        Assert.Throws<ArgumentException>(() => GemmReference.Multiply(1.0, a, opA, b, opB, 0.0, c));
    }

    // Vector512 edges (16 floats / 8 doubles a vector; packed tiles: see TileShapes), the planar and cat
    // layer shapes, and 1, 7, 33, 257: every path (rows, dots, packed) and every remainder.
    public static TheoryData<int, int, int> EdgeShapes => new()
    {
        { 1, 7, 33 },
        { 7, 33, 257 },
        { 33, 257, 7 },
        { 257, 1, 33 },
        { 4, 2, 400 },
        { 1, 4, 400 },
        { 1, 400, 4 },
        { 4, 400, 2 },
        { 4, 1, 400 },
        { 20, 300, 209 },
        { 5, 15, 17 },
        { 8, 255, 47 },
        { 9, 256, 48 },
        { 12, 257, 49 },
        { 3, 31, 95 },
        { 16, 64, 97 },
        { 40, 513, 25 },
        { 20, 700, 209 },     // B read in place (few rows of C, several KC slices, a partial last panel)
        { 200, 300, 100 },    // B read in place across two MC blocks (the KC slice fits in L2)
        { 24, 130, 64 },      // rows 256 / 512 B apart: B packed (L1 aliasing) although it would fit
    };

    // The 512-bit packed tile (6 rows × 4 vectors: 64 floats / 32 doubles, K slices of up to 1024 cut into equal
    // depths) and the 256-bit one (4 × 3 vectors): row counts one under, at and over multiples of 6 and of MC = 192,
    // columns around 64, K one over a slice limit (two slices of 513 / 512) and over two.
    public static TheoryData<int, int, int> TileShapes => new()
    {
        { 36, 1025, 64 },
        { 35, 64, 65 },
        { 37, 2049, 63 },
        { 198, 100, 129 },
        { 197, 300, 31 },
        { 40, 784, 128 },     // the wide mini-batch's W1·X and dW1 shapes, fewer rows
    };

    [Theory]
    [MemberData(nameof(TileShapes))]
    public void Tile_shapes_both_vector_widths_match_reference(int m, int k, int n)
    {
        foreach (int bits in VectorWidths())
        {
            foreach (var (opA, opB) in AllOps())
            {
                CheckWidth<float>(m, k, n, opA, opB, bits, seed: 25);
                CheckWidth<double>(m, k, n, opA, opB, bits, seed: 26);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EdgeShapes))]
    public void Edge_shapes_both_vector_widths_match_reference(int m, int k, int n)
    {
        foreach (int bits in VectorWidths())
        {
            foreach (var (opA, opB) in AllOps())
            {
                CheckWidth<float>(m, k, n, opA, opB, bits, seed: 21);
                CheckWidth<double>(m, k, n, opA, opB, bits, seed: 22);
            }
        }
    }

    // The short-A paths (AVX-512 machines): A·B with 5..32 rows of A over K ≥ 2048 (GemmShortWide: fixed K chunks of
    // 1024, tiles of 5 rows × 4 vectors, a last row or column tile moved back to end at M or N) and A·Bᵀ with 5 to
    // three vectors of rows of A filling at least 5/8 of their lanes, over N ≥ 256 rows of B (GemmShortOuter).
    public static TheoryData<int, int, int> ShortAShapes => new()
    {
        { 20, 2100, 209 },    // the cat network's Z1 (a partial last chunk, a partial last column tile)
        { 7, 2048, 70 },      // a moved-back row tile; one column tile plus a partial one (double) or one (float)
        { 32, 3000, 64 },     // 32 rows (a moved-back row tile), columns exactly one float or two double tiles
        { 5, 2049, 33 },      // one row tile; a chunk of one row of B
        { 5, 130, 530 },      // outer, 5 of 8 doubles (the least fill taken); in float, 5 of 16 lanes: not taken
        { 23, 209, 301 },     // outer (float: 23 of 32 lanes): the cat network's dW1 with three rows more
        { 32, 257, 300 },     // outer, two full vectors of floats; in double, 32 rows: more than three vectors
        { 20, 209, 300 },     // outer (double: 20 of 24 lanes, float: 20 of 32): the cat network's dW1, a partial last chunk
        { 24, 16, 257 },      // outer, three full vectors (double, 512-bit); a last chunk of one row, its tile moved back
        { 7, 40, 270 },       // outer, one vector of 8 doubles (7 of 8 lanes), two at 256 bits
        { 12, 17, 1000 },     // outer: three vectors of 4 doubles at 256 bits, two of 8 at 512
        { 6, 25, 263 },       // outer, one vector and a shared half (6 doubles at 256 bits): next-tile prefetch ends
        { 10, 211, 264 },     // outer, two vectors of 4 doubles and a shared half (256 bits)
        { 18, 33, 300 },      // outer, two vectors of 8 doubles and two rows in the shared half (512 bits)
    };

    [SkippableTheory]
    [MemberData(nameof(ShortAShapes))]
    public void Short_a_shapes_both_vector_widths_match_reference(int m, int k, int n)
    {
        // at this CPU's widest vectors (and its register count: 8-column tiles with 32, 2-column with 16)
        var routes = new[] { Op.None, Op.Transpose }.SelectMany(opB => new[]
        {
            GemmBlocked.Choose(m, n, k, Op.None, opB, VectorWidth.Lanes<float>()),
            GemmBlocked.Choose(m, n, k, Op.None, opB, VectorWidth.Lanes<double>()),
        });
        Skip.IfNot(routes.Any(r => r is GemmBlocked.Route.ShortWide or GemmBlocked.Route.ShortOuter), $"no short route takes {m}×{k}×{n} at {VectorWidth.Bits} bits");
        foreach (int bits in VectorWidths())
        {
            foreach (var (opA, opB) in new[] { (Op.None, Op.None), (Op.None, Op.Transpose) })
            {
                CheckWidth<float>(m, k, n, opA, opB, bits, seed: 23);
                CheckWidth<double>(m, k, n, opA, opB, bits, seed: 24);
            }
        }
    }

    // Shapes over the parallel threshold, one per path: packed split by columns, packed split by rows, rows, dots.
    public static TheoryData<int, int, int> ParallelShapes => new()
    {
        { 130, 260, 300 },
        { 1000, 300, 10 },
        { 1, 1100, 2100 },
        { 2, 1100, 1000 },
        { 33, 257, 260 },
        { 21, 209, 3001 },    // dots with a block of rows of A (the cat network's dW1 = dZ1·Xᵀ)
        { 20, 1300, 209 },    // B read in place, split by columns (the cat network's Z1 = W1·X)
        { 256, 784, 128 },    // the wide mini-batch's W1·X: split by rows, B packed (rows 512 / 1024 B apart)
        { 20, 2100, 209 },    // A·B: fixed K chunks, any thread takes any chunk (the cat network's Z1)
        { 7, 300, 1001 },     // A·Bᵀ: 5 × 4 dots, chunks of 64 rows of B (the cat network's dW1 shape)
        { 20, 209, 1300 },    // A·Bᵀ: outer products over K, chunks of 64 rows of B (the cat network's dW1, double)
        { 6, 400, 1001 },     // A·Bᵀ: outer products, one vector and a shared half (double, 256 bits)
        { 40, 1100, 200 },    // packed 6 × 4 tiles over two K slices, split by columns with a partial last panel
        { 100, 130, 784 },    // the wide network's dW1 shape, fewer rows: 13 panels of 64 floats split 6 / 7
        { 200, 1500, 100 },   // split by rows with op(B) packed once for all threads: two K slices, a partial panel
        { 130, 300, 200 },    // by columns: A packed on one thread (200 columns), read in place on two and three (≤ 128)
    };

    [Theory]
    [MemberData(nameof(ParallelShapes))]
    public void More_threads_give_bit_identical_results(int m, int k, int n)
    {
        foreach (int bits in VectorWidths())
        {
            foreach (var (opA, opB) in AllOps())
            {
                foreach (var (alpha, beta) in new[] { (1.0, 0.0), (0.37, 0.5) })
                {
                    AssertThreadsAgree<double>(m, k, n, opA, opB, alpha, beta, bits);
                    AssertThreadsAgree<float>(m, k, n, opA, opB, alpha, beta, bits);
                }
            }
        }
    }

    [Fact]
    public void Public_entry_with_two_threads_equals_one_thread()
    {
        var random = new NumpyRandom(31);
        var a = Random<double>(random, 64, 300);
        var b = Random<double>(random, 300, 500);
        var one = new Matrix<double>(64, 500);
        var two = new Matrix<double>(64, 500);
        Gemm.Multiply(1.0, a, Op.None, b, Op.None, 0.0, one, Compute.Default);
        Gemm.Multiply(1.0, a, Op.None, b, Op.None, 0.0, two, new Compute { Threads = 2 });
        Assert.Equal(one.Data, two.Data);
    }

    // every width this CPU runs in hardware (128 bits always: the width without acceleration too), none it would emulate
    private static IEnumerable<int> VectorWidths() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? [128, 256, 512]
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? [128, 256] : [128];

    private static void CheckWidth<T>(int m, int k, int n, Op opA, Op opB, int bits, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (alpha, beta) in Scalars())
        {
            var random = new NumpyRandom(seed);
            var a = opA == Op.None ? Random<T>(random, m, k) : Random<T>(random, k, m);
            var b = opB == Op.None ? Random<T>(random, k, n) : Random<T>(random, n, k);
            var c0 = Random<T>(random, m, n);
            if (beta == 0)
            {
                c0.AsSpan().Fill(T.NaN);
            }

            var fast = c0.Clone();
            var reference = c0.Clone();
            GemmBlocked.Multiply(m, n, k, T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), fast, 1, bits);
            GemmReference.Multiply(T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), reference);
            AssertWithinBound(reference, fast, a, opA, b, opB, alpha, beta, c0, k);
        }
    }

    private static void AssertThreadsAgree<T>(int m, int k, int n, Op opA, Op opB, double alpha, double beta, int bits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(41);
        var a = opA == Op.None ? Random<T>(random, m, k) : Random<T>(random, k, m);
        var b = opB == Op.None ? Random<T>(random, k, n) : Random<T>(random, n, k);
        var c0 = Random<T>(random, m, n);
        var one = c0.Clone();
        GemmBlocked.Multiply(m, n, k, T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), one, 1, bits);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = c0.Clone();
            GemmBlocked.Multiply(m, n, k, T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), many, threads, bits);
            Assert.True(
                one.Data.AsSpan().SequenceEqual(many.Data),
                $"{typeof(T).Name} {m}×{k}×{n} {opA}/{opB} {bits}-bit: {threads} threads differ from 1");
        }

        if (m * n <= 64 * 64)
        {
            var reference = c0.Clone();
            GemmReference.Multiply(T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), reference);
            AssertWithinBound(reference, one, a, opA, b, opB, alpha, beta, c0, k);
        }
    }

    private static IEnumerable<(Op, Op)> AllOps() =>
        [(Op.None, Op.None), (Op.None, Op.Transpose), (Op.Transpose, Op.None), (Op.Transpose, Op.Transpose)];

    // (α, β): β = 0 with NaN in C (must be ignored), β = 1, β = 0.5, a negative α, and α = 0 (C := β·C).
    private static IEnumerable<(double Alpha, double Beta)> Scalars() =>
        [(1.0, 0.0), (1.0, 1.0), (0.37, 0.5), (-2.5, 1.0), (0.0, 0.5)];

    private static void Check<T>(int m, int k, int n, Op opA, Op opB, double alpha, double beta, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new NumpyRandom(seed);
        var a = opA == Op.None ? Random<T>(random, m, k) : Random<T>(random, k, m);
        var b = opB == Op.None ? Random<T>(random, k, n) : Random<T>(random, n, k);
        var c0 = Random<T>(random, m, n);
        if (beta == 0)
        {
            c0.AsSpan().Fill(T.NaN);   // BLAS semantics: with β = 0 the old C is not read
        }

        var fast = c0.Clone();
        var reference = c0.Clone();
        Gemm.Multiply(T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), fast);
        GemmReference.Multiply(T.CreateChecked(alpha), a, opA, b, opB, T.CreateChecked(beta), reference);
        AssertWithinBound(reference, fast, a, opA, b, opB, alpha, beta, c0, k);
    }

    /// <summary>
    /// The standard forward error bound of a dot product, |fl(Σ a·b) − Σ a·b| ≤ γ_K Σ|a||b| with γ_K ≈ K·u, applied
    /// to both kernels (the reference sums in double, the fast one in T), plus a few roundings for α and β·C:
    /// |fast − reference| ≤ (K + 3)·ε·(|α| Σ_p |op(A)_ip||op(B)_pj| + |β c_ij|) with ε = T's machine epsilon (2u):
    /// about 6.7e-14 relative to Σ|a||b| for double at K = 300, 3.6e-5 for float.
    /// </summary>
    private static void AssertWithinBound<T>(Matrix<T> reference, Matrix<T> fast, Matrix<T> a, Op opA, Matrix<T> b, Op opB, double alpha, double beta, Matrix<T> c0, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        for (int i = 0; i < reference.Rows; i++)
        {
            for (int j = 0; j < reference.Cols; j++)
            {
                double magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double aip = double.CreateChecked(opA == Op.None ? a[i, p] : a[p, i]);
                    double bpj = double.CreateChecked(opB == Op.None ? b[p, j] : b[j, p]);
                    magnitude += Math.Abs(aip * bpj);
                }

                double cij = beta == 0 ? 0 : Math.Abs(beta * double.CreateChecked(c0[i, j]));
                double bound = (k + 3) * epsilon * ((Math.Abs(alpha) * magnitude) + cij);
                double r = double.CreateChecked(reference[i, j]);
                double f = double.CreateChecked(fast[i, j]);
                Assert.True(
                    Math.Abs(f - r) <= bound,
                    $"{typeof(T).Name} GEMM {reference.Shape} (K {k}, {opA}/{opB}, α {alpha}, β {beta}) at [{i}, {j}]: fast {f:R}, reference {r:R}, |diff| {Math.Abs(f - r):E3} > bound {bound:E3}");
            }
        }
    }

    private static Matrix<T> Random<T>(NumpyRandom random, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows, cols);
        for (int i = 0; i < m.Length; i++)
        {
            m.Data[i] = T.CreateChecked(random.NextGaussian());
        }

        return m;
    }
}
