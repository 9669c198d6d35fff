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
}
