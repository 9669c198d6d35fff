using Parquet;
using Parquet.Schema;

namespace ShallowNet.Tests.Data;

/// <summary>Writes small Parquet files with Parquet.Net's own writer, one column per array (a nullable element type makes a nullable column).</summary>
internal static class ParquetTestFile
{
    public static void Write(string path, params (string Name, Array Values)[] columns) => Write(path, [columns]);

    /// <summary>Writes one row group per entry of <paramref name="groups"/>, each with the same columns.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, Array Values)[]> groups)
    {
        var fields = groups[0].Select(c => new DataField(c.Name, c.Values.GetType().GetElementType()!)).ToArray();
        var schema = new ParquetSchema(fields);
        using var file = File.Create(path);
        var writer = ParquetWriter.CreateAsync(schema, file).GetAwaiter().GetResult();
        try
        {
            foreach (var columns in groups)
            {
                using var group = writer.CreateRowGroup();
                for (int i = 0; i < fields.Length; i++)
                {
                    WriteColumn(group, fields[i], columns[i].Values).GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Array values) => values switch
    {
        int?[] v => group.WriteAsync<int>(field, v),
        long?[] v => group.WriteAsync<long>(field, v),
        float?[] v => group.WriteAsync<float>(field, v),
        double?[] v => group.WriteAsync<double>(field, v),
        double[] v => group.WriteAsync<double>(field, v),
        decimal?[] v => group.WriteAsync<decimal>(field, v),
        bool?[] v => group.WriteAsync<bool>(field, v),
        DateTime?[] v => group.WriteAsync<DateTime>(field, v),
        string?[] v => group.WriteAsync(field, v),
        _ => throw new ArgumentException($"no writer for {values.GetType()}", nameof(values)),
    };
}
