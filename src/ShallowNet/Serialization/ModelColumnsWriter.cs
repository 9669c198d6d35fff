using System.Text.Json;
using ShallowNet.Model;

namespace ShallowNet.Serialization;

/// <summary>Writes the parts of a version-2 model file: "columns", "missing", "id" and "target_scaling" (read by ModelReader.Columns).</summary>
internal static class ModelColumnsWriter
{
    public static void Write(TrainedModel model, Utf8JsonWriter json)
    {
        if (model.Columns is { } encoding)
        {
            json.WriteStartArray("columns");
            foreach (var column in encoding.Columns)
            {
                WriteColumn(column, json);
            }

            json.WriteEndArray();
            if (encoding.MissingTokens is { } missing)
            {
                json.WriteStartArray("missing");
                foreach (string token in missing)
                {
                    json.WriteStringValue(token);
                }

                json.WriteEndArray();
            }
        }

        if (model.IdColumn is { } id)
        {
            json.WriteString("id", id);
        }

        if (model.TargetScaling is { } scaling)
        {
            json.WriteStartObject("target_scaling");
            ModelFile.WriteVectorOrNull(json, "mean", scaling.Mean);
            ModelFile.WriteVectorOrNull(json, "std", scaling.Std);
            json.WriteEndObject();
        }
    }

    private static void WriteColumn(InputColumn column, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        if (column.Kind == ColumnKind.Numeric)
        {
            json.WriteString("kind", "numeric");
            if (column.Fill is { } fill)
            {
                json.WriteNumber("fill", fill);
            }
        }
        else
        {
            json.WriteString("kind", "categorical");
            json.WriteStartArray("categories");
            foreach (var category in column.Categories!)
            {
                json.WriteStringValue(category);
            }

            json.WriteEndArray();
            if (column.FillCategory is { } fill)
            {
                json.WriteString("fill", fill);
            }
        }

        if (column.Indicator)
        {
            json.WriteBoolean("indicator", true);
        }

        json.WriteEndObject();
    }
}
