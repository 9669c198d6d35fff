using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

using ShallowNet.Kernels;

namespace ShallowNet.Numerics;

/// <summary>
/// A dense row-major matrix of <typeparamref name="T"/> (float or double), in the lesson's layout:
/// X is (n_x, m) with one example per column, W[l] is (n[l], n[l-1]), b[l] is (n[l], 1).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero matrix of shape (rows, cols).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or rows·cols is more than an array holds.</exception>
    public Matrix(int rows, int cols)
        : this(rows, cols, new T[CheckedLength(rows, cols)])
    {
    }

    // rows·cols, checked before the array is made (a negative or overflowing product was an OverflowException)
    private static int CheckedLength(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long length = (long)rows * cols;
        return length <= Array.MaxLength ? (int)length
            : throw new ArgumentOutOfRangeException(nameof(cols), $"a {rows}×{cols} matrix has {length} values, more than an array holds ({Array.MaxLength})");
    }

    /// <summary>Wraps row-major <paramref name="data"/> of length rows·cols as a (rows, cols) matrix.</summary>
    public Matrix(int rows, int cols, T[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)rows * cols)
        {
            throw new ArgumentException($"A {rows}×{cols} matrix needs {(long)rows * cols} values, got {data.Length}.", nameof(data));
        }

        Rows = rows;
        Cols = cols;
        Data = data;
    }

    /// <summary>Number of rows (for activations: units n[l]).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (for activations: examples m).</summary>
    public int Cols { get; }

    /// <summary>The values, row-major: element (i, j) is at i·Cols + j.</summary>
    public T[] Data { get; }

    /// <summary>Rows·Cols.</summary>
    public int Length => Data.Length;

    /// <summary>The shape as people write it, e.g. "4×400".</summary>
    public string Shape => $"{Rows}×{Cols}";

    /// <summary>Element (i, j).</summary>
    public T this[int i, int j]
    {
        get => Data[(i * Cols) + j];
        set => Data[(i * Cols) + j] = value;
    }

    /// <summary>Row i as a span of length Cols.</summary>
    public Span<T> Row(int i) => Data.AsSpan(i * Cols, Cols);

    /// <summary>All values, row-major.</summary>
    public Span<T> AsSpan() => Data;

    /// <summary>Builds a matrix from a list of rows (all the same length).</summary>
    public static Matrix<T> FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int r = rows.Count;
        int c = r == 0 ? 0 : rows[0].Count;
        var m = new Matrix<T>(r, c);
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Count != c)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Count} values; row 0 has {c}.", nameof(rows));
            }

            for (int j = 0; j < c; j++)
            {
                m[i, j] = T.CreateChecked(rows[i][j]);
            }
        }

        return m;
    }

    /// <summary>The rows as arrays of double (for serialization and tests).</summary>
    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (int i = 0; i < Rows; i++)
        {
            rows[i] = new double[Cols];
            for (int j = 0; j < Cols; j++)
            {
                rows[i][j] = double.CreateChecked(this[i, j]);
            }
        }

        return rows;
    }

    /// <summary>A deep copy.</summary>
    public Matrix<T> Clone() => new(Rows, Cols, (T[])Data.Clone());

    /// <summary>The transpose, as a new matrix.</summary>
    public Matrix<T> Transpose()
    {
        var t = new Matrix<T>(Cols, Rows);
        Transpose(Data, Cols, Rows, Cols, t.Data, Rows);
        return t;
    }

    /// <summary>
    /// target[j·<paramref name="ldt"/> + i] = source[i·<paramref name="lds"/> + j] for the <paramref name="rows"/> ×
    /// <paramref name="cols"/> of source: row-major arrays with their row strides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Transpose(T[] source, int lds, int rows, int cols, T[] target, int ldt)
    {
        // 32 × 32 tiles: both the rows read and the rows written stay in cache within a tile (the trainer transposes
        // the whole training set once for mini-batches). Optimised on first use: it is called once, on 60 MB.
        const int tile = 32;
        ref T from = ref MemoryMarshal.GetArrayDataReference(source);
        ref T to = ref MemoryMarshal.GetArrayDataReference(target);
        for (int i0 = 0; i0 < rows; i0 += tile)
        {
            int i1 = Math.Min(rows, i0 + tile);
            for (int j0 = 0; j0 < cols; j0 += tile)
            {
                int j1 = Math.Min(cols, j0 + tile);
                for (int j = j0; j < j1; j++)
                {
                    ref T column = ref Unsafe.Add(ref from, j);
                    ref T row = ref Unsafe.Add(ref to, (nint)j * ldt);
                    for (int i = i0; i < i1; i++)
                    {
                        Unsafe.Add(ref row, i) = Unsafe.Add(ref column, (nint)i * lds);
                    }
                }
            }
        }
    }

    /// <summary>Converts to another precision (float ↔ double); exact from float to double.</summary>
    public Matrix<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var m = new Matrix<TOther>(Rows, Cols);
        for (int i = 0; i < Data.Length; i++)
        {
            m.Data[i] = TOther.CreateChecked(Data[i]);
        }

        return m;
    }

    /// <summary>A new matrix made of the given columns (examples), in that order.</summary>
    public Matrix<T> SelectColumns(ReadOnlySpan<int> columns)
    {
        var m = new Matrix<T>(Rows, columns.Length);
        GatherColumns(columns, m);
        return m;
    }

    /// <summary>Writes the given columns, in that order, into <paramref name="destination"/> (Rows × columns.Length).</summary>
    public void GatherColumns(ReadOnlySpan<int> columns, Matrix<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Rows != Rows || destination.Cols != columns.Length)
        {
            throw new ArgumentException($"destination must be {Rows}×{columns.Length}, got {destination.Shape}", nameof(destination));
        }

        int n = columns.Length;
        foreach (int c in columns)
        {
            if ((uint)c >= (uint)Cols)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), c, $"column index out of range 0..{Cols - 1}");
            }
        }

        if (Rows <= 2 || n <= 8 || n > 4096)
        {
            GatherInOrder(columns, destination);
            return;
        }

        // Columns scattered over each long row: reading them in ascending address order (the same values written to the
        // same places) walks each row's pages once instead of at random, which is what bounds this loop (TLB and DRAM
        // misses), about 2-3× faster on wide data. (The trainer gathers its mini-batches from rows of Xᵀ instead.)
        Span<long> keys = stackalloc long[n];
        for (int j = 0; j < n; j++)
        {
            keys[j] = ((long)columns[j] << 32) | (uint)j;
        }

        keys.Sort();
        Span<int> from = stackalloc int[n];
        Span<int> to = stackalloc int[n];
        for (int t = 0; t < n; t++)
        {
            from[t] = (int)(keys[t] >> 32);
            to[t] = (int)keys[t];
        }

        GatherSorted(Data, Cols, destination.Data, n, Rows, from, to);
    }

    /// <summary>Writes the given rows, in that order, into <paramref name="destination"/> (rows.Length × Cols).</summary>
    /// <remarks>
    /// Each row is one contiguous run at a random place in memory; its cache lines are asked for
    /// <see cref="PrefetchRows"/> rows ahead, so that several rows' misses are in flight at once instead of one row's
    /// at a time (the trainer's mini-batches from Xᵀ, 784 floats a row: about twice as fast).
    /// </remarks>
    public void GatherRows(ReadOnlySpan<int> rows, Matrix<T> destination)
    {
        CheckGather(rows, destination);
        if (Cols > 0)
        {
            GatherRowsAhead(Data, Cols, destination.Data, 0, rows);
        }
    }

    /// <summary>
    /// The same for rows[start .. start + count), on up to <paramref name="threads"/> threads from
    /// <see cref="ParallelGatherValues"/> values on, each copying a contiguous share of the rows. The copy waits on
    /// memory more than it computes, so two threads keep more misses in flight (bench/README, Round 7).
    /// </summary>
    internal void GatherRows(int[] rows, int start, int count, Matrix<T> destination, int threads)
    {
        var part = rows.AsSpan(start, count);
        CheckGather(part, destination);
        if (threads > 1 && (long)count * Cols >= ParallelGatherValues)
        {
            GatherRowsParallel(rows, start, count, destination, Math.Min(threads, count));
        }
        else if (Cols > 0)
        {
            GatherRowsAhead(Data, Cols, destination.Data, 0, part);
        }
    }

    /// <summary>From this many values on, a gather is shared between threads.</summary>
    internal const int ParallelGatherValues = 1 << 15;

    // a method of its own: the lambda's captured variables are allocated where their scope begins, taken or not
    private void GatherRowsParallel(int[] rows, int start, int count, Matrix<T> destination, int threads)
        => ParallelRun.For(threads, threads, t =>
        {
            int from = count * t / threads, to = count * (t + 1) / threads;
            GatherRowsAhead(Data, Cols, destination.Data, from, rows.AsSpan(start + from, to - from));
        });

    private void CheckGather(ReadOnlySpan<int> rows, Matrix<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Rows != rows.Length || destination.Cols != Cols)
        {
            throw new ArgumentException($"destination must be {rows.Length}×{Cols}, got {destination.Shape}", nameof(destination));
        }

        foreach (int r in rows)
        {
            if ((uint)r >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"row index out of range 0..{Rows - 1}");
            }
        }
    }

    /// <summary>Copies source rows <paramref name="rows"/> into destination rows firstRow, firstRow + 1, ….</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void GatherRowsAhead(T[] source, int cols, T[] destination, int firstRow, ReadOnlySpan<int> rows)
    {
        int bytes = cols * Unsafe.SizeOf<T>();
        for (int j = 0; j < rows.Length; j++)
        {
            if (Sse.IsSupported && j + PrefetchRows < rows.Length)
            {
                ref byte ahead = ref Unsafe.As<T, byte>(ref source[rows[j + PrefetchRows] * cols]);
                for (int q = 0; q < bytes; q += 64)
                {
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, q)));
                }
            }

            source.AsSpan(rows[j] * cols, cols).CopyTo(destination.AsSpan((firstRow + j) * cols, cols));
        }
    }

    private const int PrefetchRows = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void GatherSorted(T[] source, int cols, T[] destination, int n, int rows, ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        ref T src = ref MemoryMarshal.GetArrayDataReference(source);
        ref T dst = ref MemoryMarshal.GetArrayDataReference(destination);
        ref int f = ref MemoryMarshal.GetReference(from);
        ref int d = ref MemoryMarshal.GetReference(to);
        for (int i = 0; i < rows; i++)
        {
            ref T s = ref Unsafe.Add(ref src, (nint)i * cols);
            ref T o = ref Unsafe.Add(ref dst, (nint)i * n);
            if (Sse.IsSupported && i + PrefetchRows < rows)
            {
                // Ask for the same columns PrefetchRows rows ahead: more cache-line misses in flight than the loads alone.
                ref T ahead = ref Unsafe.Add(ref s, (nint)PrefetchRows * cols);
                for (int p = 0; p < n; p++)
                {
                    Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, Unsafe.Add(ref f, p))));
                }
            }

            int t = 0;
            for (; t <= n - 4; t += 4)
            {
                T v0 = Unsafe.Add(ref s, Unsafe.Add(ref f, t));
                T v1 = Unsafe.Add(ref s, Unsafe.Add(ref f, t + 1));
                T v2 = Unsafe.Add(ref s, Unsafe.Add(ref f, t + 2));
                T v3 = Unsafe.Add(ref s, Unsafe.Add(ref f, t + 3));
                Unsafe.Add(ref o, Unsafe.Add(ref d, t)) = v0;
                Unsafe.Add(ref o, Unsafe.Add(ref d, t + 1)) = v1;
                Unsafe.Add(ref o, Unsafe.Add(ref d, t + 2)) = v2;
                Unsafe.Add(ref o, Unsafe.Add(ref d, t + 3)) = v3;
            }

            for (; t < n; t++)
            {
                Unsafe.Add(ref o, Unsafe.Add(ref d, t)) = Unsafe.Add(ref s, Unsafe.Add(ref f, t));
            }
        }
    }

    private void GatherInOrder(ReadOnlySpan<int> columns, Matrix<T> destination)
    {
        for (int i = 0; i < Rows; i++)
        {
            var src = Row(i);
            var dst = destination.Row(i);
            for (int j = 0; j < columns.Length; j++)
            {
                dst[j] = src[columns[j]];
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Matrix<{typeof(T).Name}>({Shape})";
}
