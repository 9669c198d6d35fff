namespace ShallowNet.Data;

/// <summary>
/// Reads a table from a file of any format the library knows, chosen by the file's extension: <c>.parquet</c> is
/// Parquet (<see cref="ParquetTable"/>), anything else CSV, plain or <c>.csv.gz</c> (<see cref="CsvTable"/>).
/// </summary>
public static class TableFile
{
    /// <summary>Reads <paramref name="path"/> as Parquet or CSV, by its extension.</summary>
    /// <exception cref="InvalidInputException">The file is missing or malformed; the message names the file and, for a cell, where it is.</exception>
    public static Table Read(string path, TableReadOptions? options = null) =>
        ParquetTable.IsParquetPath(path) ? ParquetTable.Read(path, options) : CsvTable.Read(path, options);

    /// <summary>
    /// Where example <paramref name="index"/> (from 0) of a file read whole is, for messages from data that no longer
    /// knows its table: "row index + 1" for Parquet, "line index + 2" (after the header) for CSV.
    /// </summary>
    internal static string ExampleLocation(string source, int index) =>
        ParquetTable.IsParquetPath(source) ? $"row {index + 1}" : $"line {index + 2}";
}
