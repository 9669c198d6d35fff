using ShallowNet.Cli.Experiments;

namespace ShallowNet.Cli.Tests;

/// <summary>
/// The course's week-4 cat networks against expected.json (NumPy's costs, in the repository's data/catvnoncat, a copy
/// of the course's files). The first 500 of the 2500 epochs keep the suite short; `shallownet demo cat` runs all of them.
/// </summary>
public class CatExperimentTests
{
    [Theory]
    [InlineData("two_layer")]
    [InlineData("four_layer")]
    public void The_first_500_epochs_reproduce_NumPy_costs(string name)
    {
        var spec = name == "two_layer" ? CatExperiment.TwoLayer : CatExperiment.FourLayer;
        string folder = CatExperiment.FindData(null);
        var result = CatExperiment.Run(folder, spec, epochs: 501, threads: 2);
        var compared = result.Costs.Where(c => c.Course is not null).ToList();
        Assert.Equal(6, compared.Count); // epochs 0, 100, ..., 500
        foreach (var (epoch, cost, course) in compared)
        {
            // expected.json: costs to 1e-9 in float64.
            Assert.True(Math.Abs(cost - course!.Value) < 1e-9, $"{name} epoch {epoch}: {cost:R} vs NumPy {course:R}");
        }
    }
}
