using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Numerics;

/// <summary>
/// Matrix.GatherColumns and Matrix.GatherRows (the mini-batch gathers) against the plain definitions
/// dst[i, j] = src[i, columns[j]] and dst[j, :] = src[rows[j], :].
/// </summary>
public class GatherTests
{
    [Theory]
    [InlineData(1, 50, 20)]       // one row: the in-order path
    [InlineData(784, 2000, 128)]  // a mini-batch of wide data: the sorted, prefetched path
    [InlineData(199, 700, 100)]   // the sorted path, rows not a multiple of the prefetch distance
    [InlineData(9, 300, 7)]       // few columns
    [InlineData(5, 100, 100)]     // a whole permutation
    [InlineData(3, 10, 40)]       // repeated columns
    public void MatchesDefinition(int rows, int cols, int count)
    {
        var r = new NumpyRandom(7);
        var x = new Matrix<float>(rows, cols);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = (float)r.NextDouble();
        }

        int[] columns = count <= cols ? r.Permutation(cols)[..count] : [.. Enumerable.Range(0, count).Select(j => (j * 7) % cols)];
        var dst = new Matrix<float>(rows, count);
        x.GatherColumns(columns, dst);
        AssertGathered(x, columns, dst);
    }

    private static void AssertGathered(Matrix<float> x, int[] columns, Matrix<float> dst)
    {
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                Assert.Equal(x[i, columns[j]], dst[i, j]);
            }
        }
    }

    [Fact]
    public void Out_of_range_column_throws()
    {
        var x = new Matrix<double>(20, 30);
        var dst = new Matrix<double>(20, 10);
        int[] columns = [0, 1, 2, 3, 4, 5, 6, 7, 8, 30];
        Assert.Throws<ArgumentOutOfRangeException>(() => x.GatherColumns(columns, dst));
    }

    [Theory]
    [InlineData(2000, 784, 128)]  // a mini-batch of wide data, examples-major: rows prefetched ahead
    [InlineData(50, 3, 3)]        // fewer rows than the prefetch distance
    [InlineData(10, 5, 40)]       // repeated rows
    [InlineData(7, 1, 7)]         // one column
    public void GatherRows_MatchesDefinition(int rows, int cols, int count)
    {
        var r = new NumpyRandom(9);
        var x = new Matrix<double>(rows, cols);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = r.NextDouble();
        }

        int[] picked = count <= rows ? r.Permutation(rows)[..count] : [.. Enumerable.Range(0, count).Select(j => (j * 3) % rows)];
        var dst = new Matrix<double>(count, cols);
        x.GatherRows(picked, dst);
        for (int j = 0; j < count; j++)
        {
            Assert.Equal(x.Row(picked[j]).ToArray(), dst.Row(j).ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Gather_rows_on_threads_matches_one_thread(int threads)
    {
        // the trainer's overload: a slice of the epoch's order, rows shared between threads above the threshold
        var r = new NumpyRandom(11);
        var x = new Matrix<float>(3000, 784);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = (float)r.NextDouble();
        }

        int[] order = r.Permutation(3000);
        foreach (var (start, count) in new[] { (0, 128), (1000, 127), (2990, 10), (5, 1) })
        {
            var serial = new Matrix<float>(count, 784);
            var shared = new Matrix<float>(count, 784);
            x.GatherRows(order.AsSpan(start, count), serial);
            x.GatherRows(order, start, count, shared, threads);
            Assert.Equal(serial.Data, shared.Data);
        }

        Assert.True(128 * 784 >= Matrix<float>.ParallelGatherValues);      // the first slice is shared
        order[1001] = 3000;
        Assert.Throws<ArgumentOutOfRangeException>(() => x.GatherRows(order, 1000, 127, new Matrix<float>(127, 784), threads));
    }

    [Fact]
    public void Gather_rows_bad_index_or_shape_throws()
    {
        var x = new Matrix<float>(20, 30);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.GatherRows([0, 1, 20], new Matrix<float>(3, 30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.GatherRows([0, -1, 2], new Matrix<float>(3, 30)));
        Assert.Throws<ArgumentException>(() => x.GatherRows([0, 1, 2], new Matrix<float>(3, 29)));
    }

    [Fact]
    public void Gather_rows_no_columns_gathers_nothing()
    {
        var x = new Matrix<float>(9, 0);
        var dst = new Matrix<float>(6, 0);
        x.GatherRows([0, 8, 1, 2, 3, 4], dst);
        Assert.Equal(0, dst.Length);
    }
}
