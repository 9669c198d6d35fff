using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace ShallowNet.Data;

/// <summary>
/// Decodes one flat Parquet column of a row group into a <see cref="ParquetColumnChunk"/>: integers, floats, doubles
/// and decimals as numbers, strings as text, booleans as the categories "true" and "false". Dates and times are
/// refused: as text every instant would be a category of its own, and as a number the unit and origin would be a
/// silent guess; the user chooses the feature (days since a date, day of week) and stores it as a number.
/// </summary>
internal static class ParquetColumnReader
{
    /// <summary>Why a column of this type cannot be read, or null when it can.</summary>
    public static string? Unsupported(Field field)
    {
        if (field is not DataField data || data.IsArray)
        {
            return "a nested or repeated column; only flat columns of numbers, strings or booleans are read";
        }

        var type = data.ClrType;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan))
        {
            return "dates and times are not read; store the feature you mean as a number (e.g. days since a date) or as text";
        }

        return IsNumber(type) || type == typeof(bool) || IsString(type)
            ? null
            : $"Parquet values of type {type.Name} are not read; store them as numbers or text";
    }

    /// <summary>Reads <paramref name="field"/> (which <see cref="Unsupported"/> accepts) from <paramref name="group"/>.</summary>
    public static ParquetColumnChunk Read(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        return type switch
        {
            _ when type == typeof(double) => Numbers<double>(group, field, rows),
            // A float's shortest form is what a CSV would hold: 0.1f reads as 0.1, not 0.100000001490116.
            _ when type == typeof(float) => Numbers<float>(group, field, rows, f => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            _ when type == typeof(Half) => Numbers<Half>(group, field, rows, h => double.Parse(h.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            _ when type == typeof(decimal) => Numbers<decimal>(group, field, rows),
            _ when type == typeof(long) => Numbers<long>(group, field, rows),
            _ when type == typeof(int) => Numbers<int>(group, field, rows),
            _ when type == typeof(short) => Numbers<short>(group, field, rows),
            _ when type == typeof(sbyte) => Numbers<sbyte>(group, field, rows),
            _ when type == typeof(ulong) => Numbers<ulong>(group, field, rows),
            _ when type == typeof(uint) => Numbers<uint>(group, field, rows),
            _ when type == typeof(ushort) => Numbers<ushort>(group, field, rows),
            _ when type == typeof(byte) => Numbers<byte>(group, field, rows),
            _ when type == typeof(bool) => Booleans(group, field, rows),
            _ => Strings(group, field, rows),
        };
    }

    private static bool IsNumber(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(Half) || type == typeof(decimal)
        || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);

    private static bool IsString(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static ParquetColumnChunk Numbers<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, double>? convert = null)
        where T : struct, INumberBase<T>
    {
        var values = new T?[rows];
        group.ReadAsync<T>(field, values).AsTask().GetAwaiter().GetResult();
        var numbers = new double[rows];
        var nulls = new bool[rows];
        for (int r = 0; r < rows; r++)
        {
            if (values[r] is { } value)
            {
                numbers[r] = convert is null ? double.CreateChecked(value) : convert(value);
            }
            else
            {
                nulls[r] = true;
            }
        }

        return new ParquetColumnChunk(numbers, null, nulls);
    }

    private static ParquetColumnChunk Booleans(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new bool?[rows];
        group.ReadAsync<bool>(field, values).AsTask().GetAwaiter().GetResult();
        return new ParquetColumnChunk(new double[rows], [.. values.Select(v => v is { } b ? (b ? "true" : "false") : null)], [.. values.Select(v => v is null)]);
    }

    private static ParquetColumnChunk Strings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        group.ReadAsync(field, values).AsTask().GetAwaiter().GetResult();
        return new ParquetColumnChunk(new double[rows], values, [.. values.Select(v => v is null)]);
    }
}
