using System.Globalization;
using System.Text.Json;
using ShallowNet.Activations;
using ShallowNet.Model;
using ShallowNet.Numerics;
using ShallowNet.Reproducibility;

namespace ShallowNet.Tests;

/// <summary>
/// Access to the golden fixtures (verbatim NumPy outputs, see Fixtures/README.md) and small builders shared by the
/// tests. Nothing here computes an expected value: expected numbers only ever come out of the fixture files.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<JsonDocument> s_courseCases = new(() => JsonDocument.Parse(File.ReadAllBytes(FixturePath("course_cases.json"))));
    private static readonly Lazy<JsonDocument> s_planarExpected = new(() => JsonDocument.Parse(File.ReadAllBytes(FixturePath("planar_expected.json"))));

    /// <summary>The full path of a file in Fixtures/ (copied next to the test assembly).</summary>
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>One named case of course_cases.json ("initialize", "forward", "cost", ...).</summary>
    public static JsonElement CourseCase(string name) => s_courseCases.Value.RootElement.GetProperty(name);

    /// <summary>planar_expected.json.</summary>
    public static JsonElement PlanarExpected => s_planarExpected.Value.RootElement;

    /// <summary>A matrix from a JSON list of rows, e.g. W1 or an (n, 1) column b1.</summary>
    public static Matrix<double> Mat(JsonElement rows) =>
        Matrix<double>.FromRows([.. rows.EnumerateArray().Select(r => (IReadOnlyList<double>)[.. r.EnumerateArray().Select(v => v.GetDouble())])]);

    /// <summary>A matrix named <paramref name="name"/> in a case.</summary>
    public static Matrix<double> Mat(JsonElement testCase, string name) => Mat(testCase.GetProperty(name));

    /// <summary>A flat JSON array of numbers.</summary>
    public static double[] Doubles(JsonElement values) => [.. values.EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>The 2-layer (tanh, sigmoid) network with the case's W1, b1, W2, b2.</summary>
    public static Network<double> ShallowNetwork(JsonElement testCase) => new(
    [
        new DenseLayer<double>(Mat(testCase, "W1"), Mat(testCase, "b1"), Tanh.Instance),
        new DenseLayer<double>(Mat(testCase, "W2"), Mat(testCase, "b2"), Sigmoid.Instance),
    ]);

    /// <summary>The (x0, x1, y) rows of planar_flower.csv parsed independently of the library (invariant culture).</summary>
    public static (double[] X0, double[] X1, string[] Y) PlanarCsvColumns()
    {
        var lines = File.ReadAllLines(FixturePath("planar_flower.csv"));
        Assert.Equal("x0,x1,y", lines[0]);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (
            [.. rows.Select(r => double.Parse(r[0], NumberStyles.Float, CultureInfo.InvariantCulture))],
            [.. rows.Select(r => double.Parse(r[1], NumberStyles.Float, CultureInfo.InvariantCulture))],
            [.. rows.Select(r => r[2])]);
    }

    /// <summary>A (rows, cols) matrix of standard normals times <paramref name="scale"/>, from NumPy's generator.</summary>
    public static Matrix<double> RandomMatrix(NumpyRandom random, int rows, int cols, double scale = 1)
    {
        var m = new Matrix<double>(rows, cols);
        for (int i = 0; i < m.Length; i++)
        {
            m.Data[i] = random.NextGaussian() * scale;
        }

        return m;
    }

    /// <summary>A (rows, cols) matrix of 0/1 labels drawn uniformly.</summary>
    public static Matrix<double> RandomLabels(NumpyRandom random, int rows, int cols)
    {
        var m = new Matrix<double>(rows, cols);
        for (int i = 0; i < m.Length; i++)
        {
            m.Data[i] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        return m;
    }

    /// <summary>A fresh empty folder under the system temp folder; delete it with <see cref="DeleteFolder"/>.</summary>
    public static string NewTempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "shallownet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a folder made by <see cref="NewTempFolder"/>.</summary>
    public static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
