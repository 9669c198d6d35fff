using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ShallowNet.Numerics;

namespace ShallowNet.Kernels;

/// <summary>
/// The first layer's end of a full-batch gradient-descent epoch and the start of the next one, in one pass over X:
/// <code>
/// dW1 = (1/m)·dZ1·Xᵀ (+ (λ/m)·W1)      this epoch's gradient
/// W1 := W1 − α·dW1                     its update
/// Z1 = W1·X                            the next epoch's product (before + b1)
/// </code>
/// Done one after the other, X is read from memory twice per epoch, and dW1 written and read back; for the cat network
/// (12288 × 209 doubles, 20 MB, more than this machine's caches keep) that traffic is most of the epoch. Here each
/// slice of <see cref="GemmShortWide.KC"/> rows of X (one block of columns of W1) is read once and used while it is in
/// L2: its columns of dW1, which update W1 straight from the registers' sums (dW1 itself is never stored), then its
/// share of the next W1·X.
/// <para>
/// The kernels, chunks and summation orders are those of the separate products (<see cref="GemmShortOuter"/> for
/// dW1, <see cref="GemmShortWide"/> for W1·X, the optimizer's update kernel for W1), so the results are bit-identical
/// to backward, update and forward run one after the other, and to any thread count. It applies where both product
/// paths would be taken; the update is plain gradient descent (an optimizer with state, or clipping by the global
/// norm, needs all of dW1 before any of W1 changes).
/// </para>
/// </summary>
internal static class FirstLayerSweep
{
    /// <summary>Whether the sweep takes a first layer of this shape (the same tests the product paths make).</summary>
    public static bool Applies<T>(int units, int inputs, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = GemmBlocked.VectorBits / 8 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return (long)units * inputs * m > GemmBlocked.SmallProduct
            && GemmShortWide.Applies(units, m, inputs, Op.None, Op.None, lanes)
            && GemmShortOuter.Applies(units, inputs, m, Op.None, Op.Transpose, lanes);
    }

    /// <summary>
    /// From X (n0, m), dZ1 (n1, m) and W1 (n1, n0): W1 updated in place with dW1, and, when
    /// <paramref name="nextZ"/> is given, the next epoch's W1·X into it (n1, m), before the bias.
    /// </summary>
    /// <param name="x">X.</param>
    /// <param name="dz">dZ1.</param>
    /// <param name="w">W1, updated in place.</param>
    /// <param name="lambdaOverM">λ/m for the L2 term (zero: none).</param>
    /// <param name="rate">The learning rate α.</param>
    /// <param name="nextZ">Where the next W1·X goes (null after the last epoch).</param>
    /// <param name="threads">At most this many threads.</param>
    public static void Run<T>(Matrix<T> x, Matrix<T> dz, Matrix<T> w, T lambdaOverM, T rate, Matrix<T>? nextZ, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Applies<T>(w.Rows, w.Cols, x.Cols) || x.Rows != w.Cols || dz.Rows != w.Rows || dz.Cols != x.Cols
            || (nextZ is not null && (nextZ.Rows != w.Rows || nextZ.Cols != x.Cols)))
        {
            throw new ArgumentException($"the first-layer sweep does not take W1 {w.Shape}, X {x.Shape}, dZ1 {dz.Shape}");
        }

        if (GemmBlocked.VectorBits == 512)
        {
            Run<T, Vector512<T>, Simd512<T>>(x, dz, w, lambdaOverM, rate, nextZ, threads);
        }
        else if (GemmBlocked.VectorBits == 256)
        {
            Run<T, Vector256<T>, Simd256<T>>(x, dz, w, lambdaOverM, rate, nextZ, threads);
        }
        else
        {
            Run<T, Vector128<T>, Simd128<T>>(x, dz, w, lambdaOverM, rate, nextZ, threads);
        }
    }

    private static void Run<T, TV, TOps>(Matrix<T> x, Matrix<T> dz, Matrix<T> w, T lambdaOverM, T rate, Matrix<T>? nextZ, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TOps : struct, IVectorOps<TV, T>
    {
        int units = w.Rows, inputs = w.Cols, m = x.Cols;
        T invM = T.One / T.CreateChecked(m);

        // the two products as the separate calls pose them: dW1 = (1/m)·dZ1·Xᵀ (its sums going to the update, not to
        // a C) and Z1 = W1·X (C overwritten)
        var gradient = new Problem<T>(units, inputs, m, invM, dz.Data, dz.Cols, Op.None, x.Data, x.Cols, Op.Transpose, [], inputs, true);
        var product = new Problem<T>(units, m, inputs, T.One, w.Data, w.Cols, Op.None, x.Data, x.Cols, Op.None, nextZ?.Data ?? [], m, true);
        var update = new UpdateFromSums<T>(w.Data, w.Cols, invM, lambdaOverM, rate);
        var gradientColumns = GemmShortOuter.Prepare<T, TV, TOps, UpdateFromSums<T>>(gradient, update, out T[] packed);
        int chunks = (inputs + GemmShortWide.KChunk - 1) / GemmShortWide.KChunk;
        T[] partial = ArrayPool<T>.Shared.Rent(chunks * units * m);
        try
        {
            void Chunk(int chunk)
            {
                int k0 = chunk * GemmShortWide.KChunk, k1 = Math.Min(inputs, k0 + GemmShortWide.KChunk);
                partial.AsSpan(chunk * units * m, units * m).Clear();
                for (int pc = k0; pc < k1; pc += GemmShortWide.KC)
                {
                    int kc = Math.Min(GemmShortWide.KC, k1 - pc);

                    // dW1[:, pc..pc+kc) and W1 −= α·dW1 there: whole chunks of the dW1 product (slices start on their boundaries)
                    for (int c = pc / GemmShortOuter.NChunk; c * GemmShortOuter.NChunk < pc + kc; c++)
                    {
                        gradientColumns(c);
                    }

                    if (nextZ is not null)
                    {
                        GemmShortWide.Slice<T, TV, TOps>(in product, chunk, pc, kc, partial); // P_chunk += W1[:, s]·X[s, :]
                    }
                }
            }

            threads = Math.Min(threads, chunks);
            if ((long)units * inputs * m < GemmBlocked.ParallelThreshold || threads <= 1)
            {
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    Chunk(chunk);
                }
            }
            else
            {
                ParallelRun.For(chunks, threads, Chunk);
            }

            if (nextZ is not null)
            {
                GemmShortWide.Reduce<T, TV, TOps>(in product, partial, chunks);  // Z1 = ((P_0 + P_1) + …)
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partial);
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// W1[i, j] := W1[i, j] − α·dW1[i, j] from the sums s of dW1's product, with dW1[i, j] = (1/m)·s (+ (λ/m)·W1[i, j]):
    /// each operation rounded as the separate passes round it (the product's α·s, Network.Backward's L2 term, the
    /// optimizer's θ − α·dθ with no fused multiply-add).
    /// </summary>
    private readonly struct UpdateFromSums<T>(T[] w, int ldw, T invM, T lambdaOverM, T rate) : GemmShortOuter.IColumnSink<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(int i, int j0, int count, ref T sums, int stride)
        {
            ref T wi = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w), (i * ldw) + j0);
            bool l2 = lambdaOverM != T.Zero;
            for (int t = 0; t < count; t++)
            {
                ref T wij = ref Unsafe.Add(ref wi, t);
                GradientStep.Descend(ref wij, GradientStep.Gradient(Unsafe.Add(ref sums, t * stride), invM, wij, lambdaOverM, l2), rate);
            }
        }
    }
}
