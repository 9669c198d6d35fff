using System.CommandLine;
using System.Globalization;
using ShallowNet.Data;
using ShallowNet.Reproducibility;
using ShallowNet.Selection;

namespace ShallowNet.Cli.Commands;

/// <summary>
/// <c>shallownet split</c>: a training and a test file from one CSV, the rows copied exactly as written (header first,
/// data order kept). The test rows are drawn by <see cref="TrainTestSplit"/>: stratified by the label for classes,
/// a plain shuffle for a numeric target, whole groups with <c>--group</c>.
/// </summary>
internal static class SplitCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "The table to split: CSV with a header (.csv or .csv.gz); rows are copied as written", Required = true, HelpName = "FILE" };
        var test = new Option<double>("--test") { Description = "Fraction of the rows for the test file, in (0, 1)", DefaultValueFactory = _ => 0.25, HelpName = "FRACTION" };
        var seed = new Option<uint>("--seed") { Description = "Seed of the NumPy-compatible generator that draws the test rows", DefaultValueFactory = _ => 0 };
        var trainOut = new Option<string>("--train-out") { Description = "Where to write the training rows (.gz: compressed)", Required = true, HelpName = "FILE" };
        var testOut = new Option<string>("--test-out") { Description = "Where to write the test rows (.gz: compressed)", Required = true, HelpName = "FILE" };
        var label = new Option<string?>("--label") { Description = "Label column to stratify by (default: the last)", HelpName = "NAME" };
        var stratify = new Option<bool>("--stratify") { Description = "Keep each class's share in both files (the default when the label holds classes)" };
        var noStratify = new Option<bool>("--no-stratify") { Description = "Draw the test rows without regard to the label" };
        var group = new Option<string?>("--group") { Description = "Keep the rows of each value of this column together, all in training or all in test", HelpName = "COL" };
        var na = new Option<string?>("--na") { Description = "Cells that mean missing in the label and group columns (default: empty, NA, N/A, NaN, nan, ?, null, NULL)", HelpName = "TOKENS" };
        var command = new Command("split", "Split a CSV into training and test files, rows copied as written") { data, test, seed, trainOut, testOut, label, stratify, noStratify, group, na };

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(data)!, trainPath = parsed.GetValue(trainOut)!, testPath = parsed.GetValue(testOut)!;
            double fraction = parsed.GetValue(test);
            OptionParsing.Require(fraction is > 0 and < 1, "--test", "must be a fraction in (0, 1)");
            bool askedStratify = parsed.GetValue(stratify), askedPlain = parsed.GetValue(noStratify);
            OptionParsing.Require(!(askedStratify && askedPlain), "--no-stratify", "conflicts with --stratify");
            string? groupColumn = parsed.GetValue(group);
            OptionParsing.Require(groupColumn is null || !askedStratify, "--stratify", "--group keeps whole groups together; it cannot also stratify");
            OptionParsing.Require(!ParquetTable.IsParquetPath(path), "--data", $"{path}: split copies CSV rows as written; write the Parquet table as CSV first");
            OutputPaths.CheckFile("--train-out", trainPath);
            OutputPaths.CheckFile("--test-out", testPath);
            Output.CsvOutput.CheckName("split", "--train-out", trainPath);
            Output.CsvOutput.CheckName("split", "--test-out", testPath);
            OutputPaths.RefuseOverlaps([new("--data", path)], [new("--train-out", trainPath), new("--test-out", testPath)]);

            string? labelName = parsed.GetValue(label);
            var missing = parsed.GetValue(na) is { } tokens ? tokens.Split(',', StringSplitOptions.TrimEntries) : TableReadOptions.DefaultMissingTokens;
            var table = TableFile.Read(path, new TableReadOptions
            {
                Columns = labelName is null ? null : [.. new[] { labelName, groupColumn }.OfType<string>().Distinct()],
                TextColumns = [.. new[] { labelName, groupColumn }.OfType<string>()],
                LastColumnIsText = labelName is null,
                MissingTokens = missing,
            });
            labelName ??= table.DefaultLabel;
            var random = new NumpyRandom(parsed.GetValue(seed));
            int[] testRows;
            string how;
            if (groupColumn is not null)
            {
                var groups = Cells(table, groupColumn, "group column");
                testRows = TrainTestSplit.Grouped(groups, fraction, random);
                how = $"whole groups of '{groupColumn}'";
                double share = (double)testRows.Length / table.Rows;
                if (Math.Abs(share - fraction) > 0.1)
                {
                    // few or large groups: whole ones cannot come near the fraction asked for
                    int count = groups.Distinct(StringComparer.Ordinal).Count();
                    console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shallownet: warning: --group {groupColumn}: whole groups put {share * 100:F0}% of the rows in the test file, not the {fraction * 100:F0}% asked for ({count} groups); a column with more, smaller groups splits closer"));
                }
            }
            else
            {
                var labels = Cells(table, labelName, "label column");
                bool classes = Targets.Infer(labels, out _) != OutputKind.Regression;
                OptionParsing.Require(!askedStratify || classes, "--stratify", $"the label '{labelName}' is a numeric target, not classes");
                bool stratified = classes && !askedPlain;
                testRows = stratified ? TrainTestSplit.Stratified(labels, fraction, random) : TrainTestSplit.Plain(table.Rows, fraction, random);
                how = stratified ? $"stratified by '{labelName}'" : "shuffled";
            }

            var records = CsvRecords.Read(path);
            int Record(int row) => records.RecordAt(table.LineOf(row));   // the row's first line is its record's
            if (Enumerable.Range(0, table.Rows).Any(r => Record(r) < 1))
            {
                throw new InvalidInputException($"{path}: the rows read do not match the file's lines; was it changed while being read?");
            }

            var isTest = new bool[table.Rows];
            foreach (int r in testRows)
            {
                isTest[r] = true;
            }

            using var interrupts = Interrupts.Listen();
            records.Write(trainPath, Enumerable.Range(0, table.Rows).Where(r => !isTest[r]).Select(Record), interrupts.Token);
            records.Write(testPath, testRows.Select(Record), interrupts.Token);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Plural.Of(table.Rows - testRows.Length, "row")} written to {trainPath}, {testRows.Length} to {testPath} ({how}, seed {parsed.GetValue(seed)})"));
            return ExitCodes.Ok;
        });

        return command;
    }

    /// <summary>The column's cells as text (a missing cell is an error naming its line).</summary>
    private static List<string> Cells(Table table, string name, string what)
    {
        var column = table.Column(name, what);
        var cells = new List<string>(table.Rows);
        for (int r = 0; r < table.Rows; r++)
        {
            cells.Add(column.TextAt(r) ?? column.Category(r) ?? throw new InvalidInputException($"{table.Where(column, r)}: empty cell in the {what}"));
        }

        return cells;
    }
}
