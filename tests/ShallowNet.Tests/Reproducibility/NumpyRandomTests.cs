using ShallowNet.Reproducibility;

namespace ShallowNet.Tests.Reproducibility;

public class NumpyRandomTests
{
    [Fact]
    public void Mt19937_ten_thousandth_output_matches_cpp_standard()
    {
        // The C++ standard ([rand.predef]) requires that the 10000th invocation of a default-constructed
        // std::mt19937 (seed 5489) produce 4123659995: an independent check of init_genrand, the twist and tempering.
        var random = new NumpyRandom(5489);
        uint value = 0;
        for (int i = 0; i < 10000; i++)
        {
            value = random.NextUInt32();
        }

        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void Seed_resets_the_stream_and_the_cached_gaussian()
    {
        var random = new NumpyRandom(2);
        double[] first = random.Randn(3, 3);   // 9 draws: an odd count leaves a Gaussian cached
        random.Seed(2);
        double[] again = random.Randn(3, 3);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Next_double_is_in_unit_interval()
    {
        var random = new NumpyRandom(7);
        for (int i = 0; i < 10000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
        }
    }

    [Fact]
    public void Permutation_is_a_permutation()
    {
        var p = new NumpyRandom(3).Permutation(257);
        Assert.Equal(Enumerable.Range(0, 257), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 257), p);
    }

    [Fact]
    public void Next_interval_stays_in_range()
    {
        var random = new NumpyRandom(4);
        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(random.NextInterval(5), 0ul, 5ul);
            Assert.InRange(random.NextInterval(0x1_0000_0005ul), 0ul, 0x1_0000_0005ul);
        }
    }
}
