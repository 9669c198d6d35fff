using ShallowNet.Data;
using ShallowNet.Model;
using DataType = Onnx.TensorProto.Types.DataType;

namespace ShallowNet.Export;

/// <summary>
/// The column part of an exported graph, which does in ONNX what <see cref="ColumnEncoding.Encode"/> does to a table:
/// <code>
/// numeric column      float32 [N, 1]   Where(IsNaN(x), fill, x)                         NaN = missing
/// categorical column  string  [N, 1]   LabelEncoder(category → index; missing token → the fill's index; else −1)
///                                      Cast(Equal(index, [0..k−1]))                     one-hot; −1 (unseen) = all zeros
/// indicator           float32 [N, 1]   Cast(IsNaN(x)), or LabelEncoder(missing token → 1, else 0) for text
/// </code>
/// then Concat in feature order: float32 [N, n_x], the raw X that preprocessing takes.
/// </summary>
internal static class OnnxColumns
{
    /// <summary>
    /// Whether <paramref name="model"/> is exported with one input per table column: it has a categorical column or a
    /// missing indicator. A model of numbers alone keeps the single float input of its features.
    /// </summary>
    public static bool PerColumn(TrainedModel model) =>
        model.Columns is { } encoding && encoding.Columns.Any(c => c.Kind == ColumnKind.Categorical || c.Indicator);

    /// <summary>The element type of the column's input: float32 for a number, string for a category.</summary>
    public static DataType InputType(InputColumn column) => column.Kind == ColumnKind.Numeric ? DataType.Float : DataType.String;

    /// <summary>Declares one input per column, named as the column, and returns the encoded features, float32 [N, n_x].</summary>
    public static string Encode(OnnxGraph graph, ColumnEncoding encoding)
    {
        var features = new List<string>();
        for (int k = 0; k < encoding.Columns.Count; k++)
        {
            var column = encoding.Columns[k];
            graph.Input(column.Name, InputType(column), null, 1);
            string prefix = $"column{k}";
            if (column.Kind == ColumnKind.Numeric)
            {
                features.Add(Impute(graph, column.Name, [column.Fill], $"{prefix}_imputed"));
                if (column.Indicator)
                {
                    string nan = graph.Node("IsNaN", $"{prefix}_is_nan", [column.Name]);
                    features.Add(graph.Node("Cast", $"{prefix}_missing", [nan], OnnxGraph.Int("to", (long)DataType.Float)));
                }
            }
            else
            {
                features.Add(OneHot(graph, column, prefix, encoding.MissingTokensOrDefault));
                if (column.Indicator)
                {
                    features.Add(TextIndicator(graph, column, prefix, encoding.MissingTokensOrDefault));
                }
            }
        }

        return features.Count == 1 ? features[0] : graph.Node("Concat", "features", features, OnnxGraph.Int("axis", 1));
    }

    /// <summary>
    /// NaN → the fill value, per feature, for the single input of a model of numbers; the input itself when no column
    /// has a fill (a version-1 model, where a missing value was never allowed).
    /// </summary>
    public static string Impute(OnnxGraph graph, string x, IReadOnlyList<double?> fills, string output)
    {
        if (fills.All(f => f is null))
        {
            return x;
        }

        // A column without a fill keeps its NaN, as it would have no value in predict either.
        string values = graph.Floats($"{output}_fill", [fills.Count], fills.Select(f => f ?? double.NaN));
        string nan = graph.Node("IsNaN", $"{output}_is_nan", [x]);
        return graph.Node("Where", output, [nan, values, x]);
    }

    // [N, 1] string → [N, k] float: the category's index by LabelEncoder, then compared with 0..k−1.
    private static string OneHot(OnnxGraph graph, InputColumn column, string prefix, IReadOnlyList<string> missing)
    {
        var categories = column.Categories!;
        int fill = column.FillCategory is { } f ? IndexOf(categories, f) : -1;
        var keys = new List<string>(categories);
        var values = Enumerable.Range(0, categories.Count).Select(i => (long)i).ToList();
        if (fill >= 0)
        {
            foreach (string token in MissingTokens(column, missing))
            {
                keys.Add(token);
                values.Add(fill);
            }
        }

        string index = graph.MlNode("LabelEncoder", $"{prefix}_index", [column.Name],
            OnnxGraph.StringList("keys_strings", keys), OnnxGraph.IntList("values_int64s", values), OnnxGraph.Int("default_int64", -1));
        string range = graph.Int64s($"{prefix}_categories", [categories.Count], Enumerable.Range(0, categories.Count).Select(i => (long)i));
        string equal = graph.Node("Equal", $"{prefix}_is_category", [index, range]);      // [N, 1] against [k]: [N, k]
        return graph.Node("Cast", $"{prefix}_onehot", [equal], OnnxGraph.Int("to", (long)DataType.Float));
    }

    // [N, 1] string → [N, 1] float: 1 where the cell is one of the missing tokens.
    private static string TextIndicator(OnnxGraph graph, InputColumn column, string prefix, IReadOnlyList<string> words)
    {
        var tokens = MissingTokens(column, words);
        string missing = graph.MlNode("LabelEncoder", $"{prefix}_is_missing", [column.Name],
            OnnxGraph.StringList("keys_strings", tokens), OnnxGraph.IntList("values_int64s", tokens.Select(_ => 1L)), OnnxGraph.Int("default_int64", 0));
        return graph.Node("Cast", $"{prefix}_missing", [missing], OnnxGraph.Int("to", (long)DataType.Float));
    }

    // The cells read as missing; a token that is one of the column's categories (read with other --na tokens) stays a category.
    private static List<string> MissingTokens(InputColumn column, IReadOnlyList<string> missing) =>
        [.. missing.Where(t => IndexOf(column.Categories!, t) < 0)];

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
