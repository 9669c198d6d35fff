using System.Globalization;
using ShallowNet.Data;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// A <c>--folds-file</c>: a CSV with a column <c>fold</c> holding one fold number (0..K-1) per data row of the data, in
/// the data's row order. Checked whole before any training: one number per row, whole numbers in range, every fold used.
/// </summary>
internal static class FoldsFile
{
    /// <summary>The fold of each of the <paramref name="rows"/> data rows; <paramref name="k"/> is --folds when given (else one more than the largest fold).</summary>
    /// <exception cref="InvalidInputException">The file does not give one valid fold per row; the message names the file and line.</exception>
    public static int[] Read(string path, int rows, int? k, string dataPath)
    {
        var table = TableFile.Read(path, new TableReadOptions { Columns = ["fold"] });
        var column = table.Column("fold");
        var numbers = table.RequireNumbers("fold", "fold column");
        var folds = new int[numbers.Length];
        for (int r = 0; r < numbers.Length; r++)
        {
            double v = numbers[r];
            if (v < 0 || v != Math.Floor(v) || v > int.MaxValue)
            {
                throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"{table.Where(column, r)}: '{v}' is not a fold number (a whole number from 0)"));
            }

            folds[r] = (int)v;
            if (k is { } given && folds[r] >= given)
            {
                throw new InvalidInputException($"{table.Where(column, r)}: fold {folds[r]} is outside 0..{given - 1} (--folds {given})");
            }
        }

        if (folds.Length != rows)
        {
            throw new InvalidInputException($"{path}: {folds.Length} fold numbers for the {rows} data rows of {dataPath}; give one per row, in the data's order");
        }

        int count = k ?? (folds.Max() + 1);
        if (count < 2)
        {
            throw new InvalidInputException($"{path}: every row is in fold 0; cross-validation needs at least 2 folds");
        }

        var used = new bool[count];
        foreach (int f in folds)
        {
            used[f] = true;
        }

        int empty = Array.IndexOf(used, false);
        if (empty >= 0)
        {
            throw new InvalidInputException($"{path}: fold {empty} has no rows; every fold from 0 to {count - 1} needs at least one");
        }

        return folds;
    }
}
