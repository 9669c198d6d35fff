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

    /// <summary>
    /// Gives the column named <paramref name="placeholder"/> an empty name, as pyarrow writes a column named "" (in the
    /// schema and in each column chunk's path): Parquet.Net's own writer leaves such a chunk's path empty, which its
    /// reader then cannot place. The footer's strings are Thrift length-prefixed, so each becomes a zero length.
    /// </summary>
    public static void EmptyName(string path, string placeholder)
    {
        byte[] file = File.ReadAllBytes(path);
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        int footerStart = file.Length - 8 - footerLength;
        byte[] name = [(byte)placeholder.Length, .. System.Text.Encoding.UTF8.GetBytes(placeholder)];
        var footer = new List<byte>(file[footerStart..(file.Length - 8)]);
        int renamed = 0;
        for (int i = footer.IndexOf(name[0]); i >= 0; i = footer.IndexOf(name[0], i + 1))
        {
            if (footer.Skip(i).Take(name.Length).SequenceEqual(name))
            {
                footer.RemoveRange(i + 1, name.Length - 1);
                footer[i] = 0;
                renamed++;
            }
        }

        if (renamed < 2)
        {
            throw new InvalidOperationException($"'{placeholder}' found {renamed} times in the footer; expected the schema and each chunk's path");
        }

        File.WriteAllBytes(path, [.. file[..footerStart], .. footer, .. BitConverter.GetBytes(footer.Count), .. "PAR1"u8.ToArray()]);
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
