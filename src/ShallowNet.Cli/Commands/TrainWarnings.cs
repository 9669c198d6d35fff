using System.Globalization;
using System.Numerics;
using ShallowNet.Data;
using ShallowNet.Pipeline;

namespace ShallowNet.Cli.Commands;

/// <summary>Warnings a user needs about a run that worked but is likely not what they wanted.</summary>
internal static class TrainWarnings
{
    /// <summary>Features whose spreads differ by more than this factor drown each other out without scaling.</summary>
    private const double ScaleRatio = 1000;

    /// <summary>Before training: one feature's spread dwarfs another's while the inputs are not standardised.</summary>
    public static string? Scales(TrainSettings s, FitData data)
    {
        if (s.Standardize || data.X.Cols < 2)
        {
            return null;
        }

        var spreads = new List<(string Name, double Std)>();
        var scalable = data.Encoding?.Scalable();
        for (int i = 0; i < data.X.Rows; i++)
        {
            if (scalable is null || scalable[i])
            {
                // without overflow for values past 1e154 (their squares are not finite: "spreads Infinity times wider")
                double std = Model.Preprocessing.MeanAndStd(data.X.Row(i), null, s.InputScale).Std;
                if (std > 0)
                {
                    spreads.Add((data.FeatureNames[i], std));
                }
            }
        }

        if (spreads.Count < 2)
        {
            return null;
        }

        var (wide, narrow) = (spreads.MaxBy(p => p.Std), spreads.MinBy(p => p.Std));
        double ratio = wide.Std / narrow.Std;
        string times = ratio < 1e9 ? ratio.ToString("F0", CultureInfo.InvariantCulture) : ratio.ToString("G3", CultureInfo.InvariantCulture);   // not 300 digits
        return wide.Std > ScaleRatio * narrow.Std
            ? string.Create(CultureInfo.InvariantCulture, $"feature '{wide.Name}' spreads {times} times wider than '{narrow.Name}' (standard deviations {wide.Std:G3} and {narrow.Std:G3}) and the inputs are not scaled; --standardize lets every feature count")
            : null;
    }

    /// <summary>
    /// Before training: a text label with more distinct values than half its rows (mpg.csv's last column, 'name': 305
    /// car names in 398 rows) names the rows rather than classing them; a classifier cannot learn classes it sees once.
    /// </summary>
    public static string? RowNamingLabel(FitData data)
    {
        if (data.LabelName is not { } name || data.Labels is not { Count: >= 20 } labels)
        {
            return null;
        }

        int distinct = labels.Distinct(StringComparer.Ordinal).Count();
        bool text = labels.Any(l => !double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return text && distinct > labels.Count / 2
            ? $"the label '{name}' has {distinct} distinct values in {labels.Count} rows: most classes appear once, and a classifier cannot learn a class from one example; if '{name}' names the rows, choose the label with --label"
            : null;
    }

    /// <summary>
    /// Before training: a feature whose value gives the class exactly (titanic.csv's 'alive', yes/no, beside the label
    /// 'survived') is most likely the label under another name. Every model then looks perfect, and fails on new rows,
    /// which do not have it. Only a column of few values met often counts: a column of many values can match the
    /// classes of a small table by chance, and one of more values than there are classes groups into them rather than
    /// copying them.
    /// </summary>
    public static string? LabelCopy(Table table, FitData data)
    {
        int classes = data.Labels is { } all ? all.Distinct(StringComparer.Ordinal).Count() : 0;
        if (data.Labels is not { Count: >= 20 } labels || data.Encoding is not { } encoding || classes is < 2 or > 20)
        {
            return null;
        }

        foreach (var column in encoding.Columns)
        {
            var cells = table.Column(column.Name);
            var classOf = new Dictionary<string, string>(StringComparer.Ordinal);
            int present = 0;
            bool exact = true;
            for (int r = 0; r < table.Rows && exact; r++)
            {
                if (cells.IsMissing(r))
                {
                    continue;
                }

                string value = cells.Category(r)!;                     // a number as its round-trip text
                present++;
                exact = classOf.TryAdd(value, labels[r]) || classOf[value] == labels[r];
            }

            // no more values than classes: a finer column that groups into the classes (taxis.csv's 200 drop-off zones
            // into 5 boroughs) is a feature that determines the label, not a copy of it
            if (exact && classOf.Count >= 2 && classOf.Count <= classes && present >= 10 * classOf.Count)
            {
                return $"column '{column.Name}' gives the label '{data.LabelName}' exactly ({string.Join(", ", classOf.Take(4).Select(p => $"{p.Key} → {p.Value}"))}{(classOf.Count > 4 ? ", ..." : string.Empty)}): "
                    + $"if it is the label under another name, new rows will not have it; leave it out with --ignore {column.Name}";
            }
        }

        return null;
    }

    /// <summary>After training: a classifier that gives every training example the same class has learned nothing but the majority.</summary>
    public static string? OneClass<T>(PreparedFit<T> fit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (fit.Output.Kind == OutputKind.Regression || fit.Train.Examples < 2)
        {
            return null;
        }

        int[] predicted = fit.Network.Predict(fit.Train.X);
        if (predicted.Any(c => c != predicted[0]))
        {
            return null;
        }

        string name = fit.Output.Classes?.Names[predicted[0]] ?? predicted[0].ToString(CultureInfo.InvariantCulture);
        return $"the model predicts class '{name}' for every training example: it has not learned to tell the classes apart; try --standardize, another learning rate or more epochs";
    }
}
