using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ShallowNet.Numerics;

namespace ShallowNet.Export.Tests;

/// <summary>Runs an exported graph in ONNX Runtime on X (n_x, m) or on a table's columns, giving its outputs by name.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRunner(byte[] model) => _session = new InferenceSession(model);

    public InferenceSession Session => _session;

    public void Dispose() => _session.Dispose();

    /// <summary>Feeds X transposed (one example per row, float32) and returns every output.</summary>
    public Outputs Run(Matrix<double> x)
    {
        var rows = new float[x.Length];
        for (int j = 0; j < x.Cols; j++)
        {
            for (int i = 0; i < x.Rows; i++)
            {
                rows[(j * x.Rows) + i] = (float)x[i, j];
            }
        }

        using var input = OrtValue.CreateTensorValueFromMemory(rows, [x.Cols, x.Rows]);
        return Run([OnnxExport.InputName], [input]);
    }

    /// <summary>Feeds one [m, 1] tensor per table column: a float[] (NaN = missing) or a string[] (the cells as written).</summary>
    public Outputs RunColumns(IReadOnlyDictionary<string, object> columns)
    {
        var values = new List<OrtValue>();
        try
        {
            foreach (var cells in columns.Values)
            {
                values.Add(cells switch
                {
                    float[] numbers => OrtValue.CreateTensorValueFromMemory(numbers, [numbers.Length, 1]),
                    string[] texts => OrtValue.CreateFromStringTensor(new DenseTensor<string>(texts, [texts.Length, 1])),
                    _ => throw new ArgumentException($"a column is float[] or string[], not {cells.GetType()}", nameof(columns)),
                });
            }

            return Run([.. columns.Keys], values);
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private Outputs Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs)
    {
        var names = _session.OutputNames;
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, inputNames, inputs, names);
        var outputs = new Outputs();
        for (int k = 0; k < names.Count; k++)
        {
            var value = results[k];
            var info = value.GetTensorTypeAndShape();
            long[] shape = info.Shape;
            switch (info.ElementDataType)
            {
                case TensorElementType.Float:
                    outputs.Floats[names[k]] = (shape, value.GetTensorDataAsSpan<float>().ToArray());
                    break;
                case TensorElementType.Int64:
                    outputs.Int64s[names[k]] = (shape, value.GetTensorDataAsSpan<long>().ToArray());
                    break;
                case TensorElementType.String:
                    outputs.Strings[names[k]] = (shape, value.GetStringTensorAsArray());
                    break;
                default:
                    throw new InvalidOperationException($"unexpected output type {info.ElementDataType}");
            }
        }

        return outputs;
    }

    public sealed class Outputs
    {
        public Dictionary<string, (long[] Shape, float[] Values)> Floats { get; } = [];

        public Dictionary<string, (long[] Shape, long[] Values)> Int64s { get; } = [];

        public Dictionary<string, (long[] Shape, string[] Values)> Strings { get; } = [];
    }
}
