using System.Text;
using CsCheck;
using ShallowNet.Activations;
using ShallowNet.Data;
using ShallowNet.Model;
using ShallowNet.Reproducibility;
using ShallowNet.Serialization;

namespace ShallowNet.Tests.Properties;

/// <summary>
/// Random and mutated inputs for the two readers of user files: whatever the bytes, they either succeed or throw
/// <see cref="InvalidInputException"/> (one line, naming the source) — never another exception.
/// </summary>
public class InputPropertyTests
{
    private const string CsvAlphabet = "0123456789.,;-+eE \t\"\r\nxyNaIfinty";

    [Fact]
    public void Csv_reader_never_fails_with_anything_but_a_clear_error()
    {
        Gen.Char[CsvAlphabet].Array[0, 300].Select(chars => new string(chars)).Sample(text =>
        {
            try
            {
                var data = CsvDataset.Read(new StringReader(text), "random.csv");
                Assert.True(data.Examples > 0);
                Assert.All(data.X.Data, v => Assert.True(double.IsFinite(v)));
            }
            catch (InvalidInputException e)
            {
                Assert.StartsWith("random.csv: ", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
            }
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Csv_reader_reads_well_formed_random_tables_exactly()
    {
        var table = Gen.Int[1, 5].SelectMany(cols => Gen.Double[-1e6, 1e6].Array[cols * 2, cols * 12].Select(values => (cols, values)));
        table.Sample(t =>
        {
            int rows = t.values.Length / t.cols;
            var sb = new StringBuilder(string.Join(',', Enumerable.Range(0, t.cols).Select(i => $"c{i}")) + ",label\r\n");
            for (int r = 0; r < rows; r++)
            {
                sb.Append(string.Join(',', Enumerable.Range(0, t.cols).Select(c => CsvText.Number(t.values[(r * t.cols) + c])))).Append(r % 2 == 0 ? ",a\r\n" : ",\"b\"\r\n");
            }

            var data = CsvDataset.Read(new StringReader(sb.ToString()), "table.csv");
            Assert.Equal(rows, data.Examples);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < t.cols; c++)
                {
                    Assert.Equal(t.values[(r * t.cols) + c], data.X[c, r]);
                }

                Assert.Equal(r % 2 == 0 ? "a" : "b", data.Labels![r]);
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Model_reader_survives_random_bytes()
    {
        Gen.Byte.Array[0, 400].Sample(bytes => ReadsOrRefuses(bytes), iter: 3000, threads: 1);
    }

    [Fact]
    public void Model_reader_survives_every_truncation_and_random_mutations_of_a_valid_file()
    {
        byte[] valid = ValidModelBytes();
        for (int length = 0; length < valid.Length; length++)
        {
            ReadsOrRefuses(valid.AsSpan(0, length).ToArray());
        }

        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[1, 4]).Array[1, 6].Sample(mutations =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (at, value, kind) in mutations)
            {
                bytes[at] = kind switch
                {
                    1 => value,
                    2 => (byte)"0123456789-.eE,[]{}\""[value % 20],
                    _ => (byte)(bytes[at] ^ (1 << (value % 8))),
                };
            }

            ReadsOrRefuses(bytes);
        }, iter: 3000, threads: 1);
    }

    private static void ReadsOrRefuses(byte[] bytes)
    {
        try
        {
            var model = ModelFile.Read(bytes, "model.json");
            Assert.NotNull(model.Network);
        }
        catch (InvalidInputException e)
        {
            Assert.StartsWith("model.json: ", e.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] ValidModelBytes()
    {
        var network = Initializer.Create<double>([3, 4, 2, 1], [Tanh.Instance, new LeakyRelu(0.2), Sigmoid.Instance], new NumpyRandom(3), InitScheme.Lecun);
        var model = new TrainedModel(network, ["a", "b", "c"], "y", new ClassLabels(["0", "1"], numeric: true), new Preprocessing(2, [0.1, 0.2, 0.3], [1, 2, 3]));
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return stream.ToArray();
    }
}
