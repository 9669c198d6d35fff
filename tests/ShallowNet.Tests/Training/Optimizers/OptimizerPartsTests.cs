using System.Numerics;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Training.Optimizers;

namespace ShallowNet.Tests.Training.Optimizers;

/// <summary>
/// The trainer splits a large parameter's update into parts on several threads: every rule must give the same bits as
/// the whole-parameter update, step after step (Adam's bias corrections, the momentum and RMS state included).
/// </summary>
public class OptimizerPartsTests
{
    public static TheoryData<string> Rules => [.. Optimizer.Names];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Updating_in_parts_on_threads_gives_the_whole_updates_bits_in_double(string rule)
        => AssertSame<double>(Optimizer.FromName(rule));

    [Theory]
    [MemberData(nameof(Rules))]
    public void Updating_in_parts_on_threads_gives_the_whole_updates_bits_in_float(string rule)
        => AssertSame<float>(Optimizer.FromName(rule));

    private static void AssertSame<T>(Optimizer rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(rule.IsElementwise);

        // W[1] is 300 × 131 = 39300 values: two whole parts and a short third
        var whole = Initializer.Create<T>([131, 300, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Lecun);
        Assert.True(whole.Parameters[0].Length > 2 * Optimizer.PartElements);
        var parts = whole.Clone();
        var wholeState = rule.Init(whole);
        var partsState = rule.Init(parts);
        var gradients = new Gradients<T>(whole, 1);
        var random = new NumpyRandom(3);
        for (int step = 0; step < 4; step++)
        {
            foreach (var g in gradients.Parameters)
            {
                for (int i = 0; i < g.Length; i++)
                {
                    g.Data[i] = T.CreateChecked(random.NextGaussian());
                }
            }

            rule.Apply(whole, gradients, wholeState, 0.01);
            rule.ApplyExcept(parts, gradients, partsState, 0.01, except: -1, threads: 3);
        }

        Assert.Equal(wholeState.Steps, partsState.Steps);
        for (int p = 0; p < whole.Parameters.Count; p++)
        {
            Assert.Equal(whole.Parameters[p].Data, parts.Parameters[p].Data);
        }

        Assert.NotEqual(Initializer.Create<T>([131, 300, 1], [Tanh.Instance, Sigmoid.Instance], new NumpyRandom(2), InitScheme.Lecun).Parameters[0].Data, parts.Parameters[0].Data);
    }
}
