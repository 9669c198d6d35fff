using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ShallowNet.Kernels;

/// <summary>
/// The vector operations our kernels use, over a vector type TV of T lanes. Kernels are generic over a struct
/// implementing this, so the JIT compiles one specialised copy per width (<see cref="Simd512{T}"/>,
/// <see cref="Simd256{T}"/> or <see cref="Simd128{T}"/>, as <see cref="VectorWidth"/> picks) with every call inlined.
/// </summary>
/// <typeparam name="TV">The vector type (Vector512&lt;T&gt;, Vector256&lt;T&gt; or Vector128&lt;T&gt;).</typeparam>
/// <typeparam name="T">float or double.</typeparam>
internal interface IVectorOps<TV, T>
    where TV : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(ref readonly T source);

    static abstract void Store(TV value, ref T destination);

    static abstract TV Broadcast(T value);

    /// <summary>a·b + c with one rounding where the hardware has FMA.</summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);

    static abstract TV Multiply(TV a, TV b);

    static abstract TV Add(TV a, TV b);

    static abstract TV Subtract(TV a, TV b);

    static abstract TV Divide(TV a, TV b);

    /// <summary>The correctly rounded square root, lane by lane (as T.Sqrt).</summary>
    static abstract TV Sqrt(TV x);

    /// <summary>Each lane's bits, read as an integer of T's width, shifted left (the exponent field for <see cref="VectorExp"/>).</summary>
    static abstract TV ShiftLeftBits(TV x, int count);

    static abstract TV Abs(TV x);

    /// <summary>IEEE maximum: NaN if either is NaN, +0 above −0 (as Math.Max).</summary>
    static abstract TV Max(TV a, TV b);

    /// <summary>IEEE minimum: NaN if either is NaN.</summary>
    static abstract TV Min(TV a, TV b);

    /// <summary>
    /// min(x, bound) for a bound that is a number, NaN in x kept: one vminps/vminpd (which return their second operand
    /// when either is NaN) where the IEEE <see cref="Min"/> takes three instructions, as the JIT cannot see the bound
    /// is a constant through our generic layers.
    /// </summary>
    static abstract TV MinBound(TV x, TV bound);

    /// <summary>max(x, bound) for a bound that is a number, NaN in x kept (as <see cref="MinBound"/>).</summary>
    static abstract TV MaxBound(TV x, TV bound);

    /// <summary>All-ones lanes where a &gt; b.</summary>
    static abstract TV GreaterThan(TV a, TV b);

    static abstract TV LessThan(TV a, TV b);

    /// <summary>mask ? a : b, lane by lane.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    /// <summary>|magnitude| with the sign of <paramref name="sign"/>.</summary>
    static abstract TV CopySign(TV magnitude, TV sign);

    /// <summary>The sum of the lanes (a fixed tree order, so the same on every run).</summary>
    static abstract T Sum(TV v);

    /// <summary>The 128-bit quarters (or halves) of v added lane by lane: halves first, then their halves.</summary>
    static abstract Vector128<T> Fold128(TV v);
}

/// <summary>512-bit vectors (AVX-512).</summary>
internal readonly struct Simd512<T> : IVectorOps<Vector512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source) => Vector512.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> a, Vector512<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> x) => Vector512.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ShiftLeftBits(Vector512<T> x, int count) =>
        typeof(T) == typeof(float)
            ? Vector512.ShiftLeft(x.AsInt32(), count).As<int, T>()
            : Vector512.ShiftLeft(x.AsInt64(), count).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> x) => Vector512.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Min(Vector512<T> a, Vector512<T> b) => Vector512.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MinBound(Vector512<T> x, Vector512<T> bound)
    {
        if (Avx512F.IsSupported && typeof(T) == typeof(float))
        {
            return Avx512F.Min(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Avx512F.IsSupported && typeof(T) == typeof(double))
        {
            return Avx512F.Min(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector512.Min(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxBound(Vector512<T> x, Vector512<T> bound)
    {
        if (Avx512F.IsSupported && typeof(T) == typeof(float))
        {
            return Avx512F.Max(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Avx512F.IsSupported && typeof(T) == typeof(double))
        {
            return Avx512F.Max(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector512.Max(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Select(Vector512<T> mask, Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CopySign(Vector512<T> magnitude, Vector512<T> sign) => Vector512.CopySign(magnitude, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> v) => Simd256<T>.Sum(v.GetLower() + v.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Fold128(Vector512<T> v) => Simd256<T>.Fold128(v.GetLower() + v.GetUpper());
}

/// <summary>256-bit vectors (AVX2; on AVX-512 CPUs, the tests' narrower width).</summary>
internal readonly struct Simd256<T> : IVectorOps<Vector256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source) => Vector256.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        // Always fused, as the scalar tails' T.FusedMultiplyAdd is (in software where the CPU has no FMA), so that an
        // element rounds alike whether a vector or a tail computes it: where threads cut the columns cannot change bits.
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> a, Vector256<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> x) => Vector256.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ShiftLeftBits(Vector256<T> x, int count) =>
        typeof(T) == typeof(float)
            ? Vector256.ShiftLeft(x.AsInt32(), count).As<int, T>()
            : Vector256.ShiftLeft(x.AsInt64(), count).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs(Vector256<T> x) => Vector256.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Min(Vector256<T> a, Vector256<T> b) => Vector256.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MinBound(Vector256<T> x, Vector256<T> bound)
    {
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            return Avx.Min(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            return Avx.Min(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector256.Min(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MaxBound(Vector256<T> x, Vector256<T> bound)
    {
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            return Avx.Max(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            return Avx.Max(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector256.Max(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Select(Vector256<T> mask, Vector256<T> a, Vector256<T> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> CopySign(Vector256<T> magnitude, Vector256<T> sign) => Vector256.CopySign(magnitude, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Fold128(Vector256<T> v) => v.GetLower() + v.GetUpper();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> v)
    {
        var h = Fold128(v);
        T s = T.Zero;
        for (int i = 0; i < Vector128<T>.Count; i++)
        {
            s += h.GetElement(i);
        }

        return s;
    }
}

/// <summary>
/// 128-bit vectors: AdvSimd on ARM64, SSE on x86 without AVX (and the software fallback where no vectors are
/// accelerated, the narrowest to emulate).
/// </summary>
internal readonly struct Simd128<T> : IVectorOps<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source) => Vector128.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        // Always fused, as the scalar tails' T.FusedMultiplyAdd is (in software where the CPU has no FMA), so that an
        // element rounds alike whether a vector or a tail computes it: where threads cut the columns cannot change bits.
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> x) => Vector128.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ShiftLeftBits(Vector128<T> x, int count) =>
        typeof(T) == typeof(float)
            ? Vector128.ShiftLeft(x.AsInt32(), count).As<int, T>()
            : Vector128.ShiftLeft(x.AsInt64(), count).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> x) => Vector128.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> a, Vector128<T> b) => Vector128.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Min(Vector128<T> a, Vector128<T> b) => Vector128.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MinBound(Vector128<T> x, Vector128<T> bound)
    {
        if (Sse.IsSupported && typeof(T) == typeof(float))
        {
            return Sse.Min(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Sse2.IsSupported && typeof(T) == typeof(double))
        {
            return Sse2.Min(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector128.Min(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MaxBound(Vector128<T> x, Vector128<T> bound)
    {
        if (Sse.IsSupported && typeof(T) == typeof(float))
        {
            return Sse.Max(bound.AsSingle(), x.AsSingle()).As<float, T>();
        }

        if (Sse2.IsSupported && typeof(T) == typeof(double))
        {
            return Sse2.Max(bound.AsDouble(), x.AsDouble()).As<double, T>();
        }

        return Vector128.Max(x, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThan(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThan(Vector128<T> a, Vector128<T> b) => Vector128.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Select(Vector128<T> mask, Vector128<T> a, Vector128<T> b) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CopySign(Vector128<T> magnitude, Vector128<T> sign) => Vector128.CopySign(magnitude, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Fold128(Vector128<T> v) => v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> v)
    {
        T s = T.Zero;
        for (int i = 0; i < Vector128<T>.Count; i++)
        {
            s += v.GetElement(i);
        }

        return s;
    }
}
