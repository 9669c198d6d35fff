using ShallowNet.Activations;

namespace ShallowNet.Tests.Activations;

/// <summary>Each activation's g against its formula written with Math, and g' against a numerical derivative of g.</summary>
public class ActivationTests
{
    // 41 points (more than any SIMD width, with a remainder): both signs, tiny, moderate and saturating values, and 0.
    private static readonly double[] s_points =
    [
        -745, -50, -20, -10, -5, -3.3, -2, -1.5, -1, -0.75, -0.5, -0.3, -0.1, -0.01, -1e-5, -1e-10, -1e-300,
        0,
        1e-300, 1e-10, 1e-5, 0.01, 0.1, 0.3, 0.5, 0.75, 1, 1.5, 2, 3.3, 5, 10, 20, 50, 745,
        0.123456789, -0.987654321, 7.5, -7.5, 2.718281828459045, -3.141592653589793,
    ];

    public static TheoryData<string> AllNames => [.. Activation.HiddenNames];

    [Fact]
    public void Sigmoid_matches_its_formula()
    {
        // TensorPrimitives' vectorised exp may differ from Math.Exp by an ulp or two: allow 4 ulps relative.
        AssertForwardMatches(Sigmoid.Instance, z => 1 / (1 + Math.Exp(-z)), ulps: 4);
    }

    [Fact]
    public void Tanh_matches_its_formula()
    {
        // Our tanh keeps full relative accuracy near 0 (TensorPrimitives.Tanh was 365 ulps off at 1e-3): 4 ulps everywhere.
        AssertForwardMatches(Tanh.Instance, Math.Tanh, ulps: 4);
    }

    [Fact]
    public void Tanh_keeps_its_relative_accuracy_across_magnitudes_in_double()
    {
        // ±m·10^e for e = −310..2 and a few mantissas m: subnormals, tiny (tanh z = z), 0.625 (where an earlier
        // version switched forms), saturation. At most 4 ulps from Math.Tanh; bitwise odd.
        var z = new List<double>();
        for (int e = -310; e <= 2; e++)
        {
            foreach (double m in new[] { 1.0, 1.7, 3.3, 6.1, 9.9 })
            {
                z.Add(m * Math.Pow(10, e));
                z.Add(-m * Math.Pow(10, e));
            }
        }

        z.AddRange([0.6249999999999999, 0.625, 0.6250000000000001, -0.625, 19.06, 22, 710, 1e300, double.Epsilon]);
        var a = new double[z.Count];
        Tanh.Instance.Forward<double>([.. z], a);
        for (int i = 0; i < z.Count; i++)
        {
            double expected = Math.Tanh(z[i]);
            long distance = NumericAssert.Ulps(expected, a[i]);
            Assert.True(distance <= 4, $"tanh({z[i]:R}): expected {expected:R}, got {a[i]:R} ({distance} ulps apart)");
        }
    }

    [Fact]
    public void Tanh_keeps_its_relative_accuracy_across_magnitudes_in_float()
    {
        // The same sweep in float32 against Math.Tanh rounded to float: at most 4 float ulps, 1e-8 and 1e-40 included.
        var z = new List<float>();
        for (int e = -45; e <= 2; e++)
        {
            foreach (double m in new[] { 1.0, 1.7, 3.3, 6.1, 9.9 })
            {
                z.Add((float)(m * Math.Pow(10, e)));
                z.Add((float)(-m * Math.Pow(10, e)));
            }
        }

        z.AddRange([0.62499994f, 0.625f, 0.62500006f, 9.1f, 100f, float.Epsilon]);
        var a = new float[z.Count];
        Tanh.Instance.Forward<float>([.. z], a);
        for (int i = 0; i < z.Count; i++)
        {
            float expected = (float)Math.Tanh(z[i]);
            long distance = NumericAssert.Ulps(expected, a[i]);
            Assert.True(distance <= 4, $"tanh({z[i]:R}f): expected {expected:R}, got {a[i]:R} ({distance} float ulps apart)");
        }
    }

    [Fact]
    public void Tanh_maps_special_values_as_Math_Tanh()
    {
        var a = new double[5];
        Tanh.Instance.Forward<double>([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0], a);
        Assert.True(double.IsNaN(a[0]));
        Assert.Equal([1.0, -1.0], a[1..3]);
        Assert.True(a[3] == 0 && !double.IsNegative(a[3]) && double.IsNegative(a[4]), "tanh(±0) = ±0");
    }

    [Fact]
    public void Relu_matches_its_formula_exactly() => AssertForwardMatches(Relu.Instance, z => Math.Max(0, z), ulps: 0);

    [Fact]
    public void Leaky_relu_matches_its_formula_exactly() =>
        AssertForwardMatches(new LeakyRelu(0.01), z => z > 0 ? z : 0.01 * z, ulps: 0);

    [Fact]
    public void Leaky_relu_with_another_slope_matches_its_formula_exactly() =>
        AssertForwardMatches(new LeakyRelu(0.2), z => z > 0 ? z : 0.2 * z, ulps: 0);

    [Fact]
    public void Identity_is_exact() => AssertForwardMatches(Identity.Instance, z => z, ulps: 0);

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void Float_forward_matches_the_double_formula(string name)
    {
        // float32 against the double formula rounded to float: 4 float ulps relative.
        var g = Activation.FromName(name);
        Func<double, double> formula = name == "sigmoid" ? z => 1 / (1 + Math.Exp(-z)) : Math.Tanh;
        float[] z = [.. s_points.Where(p => Math.Abs(p) < 80).Select(p => (float)p)];
        var a = new float[z.Length];
        g.Forward<float>(z, a);
        for (int i = 0; i < z.Length; i++)
        {
            float expected = (float)formula(z[i]);
            long distance = NumericAssert.Ulps(expected, a[i]);
            bool ok = distance <= 4;
            Assert.True(ok, $"{name}({z[i]}): expected {expected}, got {a[i]} ({distance} float ulps apart)");
        }
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Backward_matches_central_differences_of_forward(string name)
    {
        // g'(z) against (g(z + h) − g(z − h)) / 2h with h = 1e-6: truncation error h²·|g'''|/6 ≲ 1e-13, rounding
        // about 1e-16/h = 1e-10, so 1e-8 leaves room and still fails for any wrong formula.
        // Points closer than 1e-3 to 0 are skipped: ReLU and leaky ReLU have their kink there (checked exactly below).
        var g = Activation.FromName(name);
        double[] z = [.. s_points.Where(p => Math.Abs(p) >= 1e-3 && Math.Abs(p) <= 20)];
        var a = new double[z.Length];
        g.Forward<double>(z, a);
        var dz = new double[z.Length];
        g.Backward<double>(z, a, Ones(z.Length), dz);

        const double h = 1e-6;
        var plus = new double[1];
        var minus = new double[1];
        for (int i = 0; i < z.Length; i++)
        {
            g.Forward<double>([z[i] + h], plus);
            g.Forward<double>([z[i] - h], minus);
            double numerical = (plus[0] - minus[0]) / (2 * h);
            Assert.True(Math.Abs(dz[i] - numerical) <= 1e-8, $"{name}'({z[i]}): backward {dz[i]:R}, numerical {numerical:R}");
        }
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Backward_scales_by_the_upstream_gradient(string name)
    {
        // dZ = dA ∗ g'(Z): with dA ≠ 1 the result is dA_i times the dA = 1 result, up to the rounding of one product.
        var g = Activation.FromName(name);
        double[] z = s_points;
        var a = new double[z.Length];
        g.Forward<double>(z, a);
        var slope = new double[z.Length];
        g.Backward<double>(z, a, Ones(z.Length), slope);
        double[] da = [.. z.Select((_, i) => (i % 7) - 3.25)];
        var dz = new double[z.Length];
        g.Backward<double>(z, a, da, dz);
        for (int i = 0; i < z.Length; i++)
        {
            NumericAssert.Close(da[i] * slope[i], dz[i], 1e-15, $"{name} dz[{i}]", floor: 1e-300);
        }
    }

    [Fact]
    public void Relu_derivative_at_zero_is_zero()
    {
        // docs/DESIGN.md: ReLU'(0) = 0 (PyTorch and the course's code).
        var dz = new double[2];
        Relu.Instance.Backward<double>([0.0, -0.0], [0.0, 0.0], [1.0, 1.0], dz);
        Assert.Equal([0.0, 0.0], dz);
    }

    [Fact]
    public void Leaky_relu_derivative_at_zero_is_the_slope()
    {
        // docs/DESIGN.md: leaky ReLU'(0) = slope.
        var dz = new double[2];
        new LeakyRelu(0.01).Backward<double>([0.0, -0.0], [0.0, 0.0], [1.0, 1.0], dz);
        Assert.Equal([0.01, 0.01], dz);
        new LeakyRelu(0.3).Backward<double>([0.0, 0.0], [0.0, 0.0], [2.0, 1.0], dz);
        Assert.Equal([0.6, 0.3], dz);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Backward_with_dz_aliasing_da_gives_the_same_result(string name)
    {
        var g = Activation.FromName(name);
        double[] z = s_points;
        var a = new double[z.Length];
        g.Forward<double>(z, a);
        double[] da = [.. z.Select((_, i) => (i % 5) - 1.5)];
        var separate = new double[z.Length];
        g.Backward<double>(z, a, da, separate);
        var inPlace = (double[])da.Clone();
        g.Backward<double>(z, a, inPlace, inPlace);
        Assert.Equal(separate, inPlace);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Forward_in_place_gives_the_same_result(string name)
    {
        var g = Activation.FromName(name);
        var separate = new double[s_points.Length];
        g.Forward<double>(s_points, separate);
        var inPlace = (double[])s_points.Clone();
        g.Forward<double>(inPlace, inPlace);
        Assert.Equal(separate, inPlace);
    }

    [Theory]
    [InlineData("sigmoid", typeof(Sigmoid))]
    [InlineData("logistic", typeof(Sigmoid))]
    [InlineData("tanh", typeof(Tanh))]
    [InlineData("TANH", typeof(Tanh))]
    [InlineData(" relu ", typeof(Relu))]
    [InlineData("relu", typeof(Relu))]
    [InlineData("leaky_relu", typeof(LeakyRelu))]
    [InlineData("leakyrelu", typeof(LeakyRelu))]
    [InlineData("leaky-relu", typeof(LeakyRelu))]
    [InlineData("identity", typeof(Identity))]
    [InlineData("linear", typeof(Identity))]
    public void FromName_knows_every_name_and_alias(string name, Type expected)
    {
        var g = Activation.FromName(name);
        Assert.IsType(expected, g);
        Assert.Contains(g.Name, Activation.Names);
        Assert.Same(g.GetType(), Activation.FromName(g.Name).GetType());
    }

    [Fact]
    public void FromName_gives_leaky_relu_its_slope()
    {
        Assert.Equal(LeakyRelu.DefaultSlope, Assert.IsType<LeakyRelu>(Activation.FromName("leaky_relu")).Slope);
        Assert.Equal(0.2, Assert.IsType<LeakyRelu>(Activation.FromName("leaky_relu", 0.2)).Slope);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyRelu(double.NaN));
    }

    [Theory]
    [InlineData("softplus")]
    [InlineData("")]
    [InlineData("sigmoid2")]
    public void FromName_refuses_an_unknown_name(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Activation.FromName(name));
        Assert.Contains("unknown activation", e.Message, StringComparison.Ordinal);
    }

    private static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];

    /// <summary>
    /// g(z) within <paramref name="ulps"/> of the formula for |z| ≥ <paramref name="relativeFrom"/>, and within
    /// <paramref name="absolute"/> (when given) for every z.
    /// </summary>
    private static void AssertForwardMatches(Activation g, Func<double, double> formula, int ulps, double relativeFrom = 0, double? absolute = null)
    {
        var a = new double[s_points.Length];
        g.Forward<double>(s_points, a);
        for (int i = 0; i < s_points.Length; i++)
        {
            double z = s_points[i];
            double expected = formula(z);
            long distance = NumericAssert.Ulps(expected, a[i]);
            if (Math.Abs(z) >= relativeFrom)
            {
                Assert.True(distance <= ulps, $"{g.Name}({z:R}): expected {expected:R}, got {a[i]:R} ({distance} ulps apart, at most {ulps})");
            }

            if (absolute is { } bound)
            {
                Assert.True(Math.Abs(a[i] - expected) <= bound, $"{g.Name}({z:R}): expected {expected:R}, got {a[i]:R} (|error| {Math.Abs(a[i] - expected):E2} > {bound:E2})");
            }
        }
    }
}
