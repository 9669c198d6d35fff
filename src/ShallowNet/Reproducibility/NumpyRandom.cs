namespace ShallowNet.Reproducibility;

/// <summary>
/// A random generator that reproduces NumPy's legacy <c>numpy.random.RandomState</c> bit for bit:
/// MT19937 seeded with <c>init_genrand(seed)</c>, doubles from 53 bits
/// <c>((a &gt;&gt; 5)·67108864 + (b &gt;&gt; 6)) / 9007199254740992</c>, and Gaussians by Marsaglia's polar method
/// with the second value cached. <c>new NumpyRandom(2).Randn(4, 2)</c> equals <c>np.random.seed(2); np.random.randn(4, 2)</c>.
/// </summary>
public sealed class NumpyRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _mt = new uint[N];
    private int _mti;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Seeds like <c>numpy.random.seed(seed)</c>.</summary>
    public NumpyRandom(uint seed)
    {
        Seed(seed);
    }

    /// <summary>Re-seeds like <c>numpy.random.seed(seed)</c>; forgets a cached Gaussian.</summary>
    public void Seed(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
        {
            _mt[i] = (1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30))) + (uint)i;
        }

        _mti = N;
        _hasGauss = false;
        _gauss = 0;
    }

    /// <summary>
    /// The generator's whole state (as <c>np.random.get_state()</c>: the 624 words, the position, and the cached
    /// Gaussian), so that a checkpoint can resume the exact stream.
    /// </summary>
    public NumpyRandomState GetState() => new([.. _mt], _mti, _hasGauss, _gauss);

    /// <summary>Restores a state from <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state is malformed.</exception>
    public void SetState(NumpyRandomState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Key.Count != N || state.Position is < 0 or > N)
        {
            throw new ArgumentException($"an MT19937 state has {N} words and a position in 0..{N}", nameof(state));
        }

        for (int i = 0; i < N; i++)
        {
            _mt[i] = state.Key[i];
        }

        _mti = state.Position;
        _hasGauss = state.HasGauss;
        _gauss = state.CachedGaussian;
    }

    /// <summary>The next 32-bit output of MT19937 (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_mti >= N)
        {
            Twist();
        }

        uint y = _mt[_mti++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double uniform in [0, 1) with 53 random bits, as <c>np.random.random_sample()</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal value, as <c>np.random.standard_normal()</c> (legacy polar method).</summary>
    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }

        double x1, x2, r2;
        do
        {
            x1 = (2.0 * NextDouble()) - 1.0;
            x2 = (2.0 * NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal values in order (row-major for a matrix).</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextGaussian();
        }
    }

    /// <summary><c>np.random.randn(rows, cols)</c>: a (rows, cols) matrix of standard normals drawn row by row.</summary>
    public double[] Randn(int rows, int cols)
    {
        var values = new double[checked(rows * cols)];
        FillGaussian(values);
        return values;
    }

    /// <summary>
    /// A uniform integer in [0, max], as NumPy's legacy <c>rk_interval</c> (masked rejection sampling),
    /// used by <c>shuffle</c> and <c>permutation</c>.
    /// </summary>
    public ulong NextInterval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;

        ulong value;
        if (max <= 0xffffffffUL)
        {
            while ((value = NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max)
            {
            }
        }

        return value;
    }

    /// <summary>Shuffles in place like <c>np.random.shuffle</c> on a 1-D array (Fisher–Yates from the end).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)NextInterval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>np.random.permutation(n)</c>: 0..n-1 shuffled.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        Shuffle(p);
        return p;
    }

    private void Twist()
    {
        int kk;
        uint y;
        for (kk = 0; kk < N - M; kk++)
        {
            y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
            _mt[kk] = _mt[kk + M] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        }

        for (; kk < N - 1; kk++)
        {
            y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
            _mt[kk] = _mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        }

        y = (_mt[N - 1] & UpperMask) | (_mt[0] & LowerMask);
        _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        _mti = 0;
    }
}
