using System.Net;
using System.Text;
using ShallowNet.Cli.Output;
using ShallowNet.Serialization;

namespace ShallowNet.Cli.Reports;

/// <summary>
/// One self-contained HTML page for sharing a result: the run's settings, its tables (metrics, costs) and its plots
/// embedded as base64 PNG, with inline CSS and no scripts or external links, so the single file opens anywhere.
/// </summary>
internal sealed class HtmlReport(string title, string? subtitle = null)
{
    private readonly List<(string Key, string Value)> _settings = [];
    private readonly List<string> _sections = [];

    /// <summary>Adds rows to the settings table (name, value).</summary>
    public void AddSettings(IEnumerable<(string Key, string Value)> settings) => _settings.AddRange(settings);

    /// <summary>Adds a titled table.</summary>
    public void AddTable(string caption, TableData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var html = new StringBuilder();
        html.Append("<section><h2>").Append(E(caption)).Append("</h2><table><thead><tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(LooksNumeric(cell) ? "<td class=\"n\">" : "<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>");
        _sections.Add(html.ToString());
    }

    /// <summary>Embeds the PNG at <paramref name="pngPath"/> (read now) with a caption.</summary>
    public void AddImage(string caption, string pngPath)
    {
        string data = Convert.ToBase64String(File.ReadAllBytes(pngPath));
        _sections.Add($"<figure><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{data}\"><figcaption>{E(caption)}</figcaption></figure>");
    }

    /// <summary>The page as HTML text.</summary>
    public string Render()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        if (subtitle is not null)
        {
            html.Append("<p class=\"sub\">").Append(E(subtitle)).Append("</p>");
        }

        if (_settings.Count > 0)
        {
            html.Append("<section><h2>Settings</h2><table class=\"kv\"><tbody>");
            foreach (var (key, value) in _settings)
            {
                html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        foreach (var section in _sections)
        {
            html.Append(section).Append('\n');
        }

        html.Append("<footer>Written by shallownet ").Append(E(typeof(HtmlReport).Assembly.GetName().Version?.ToString(3) ?? string.Empty))
            .Append(" on ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append(".</footer>");
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>Writes <c>report.html</c> into <paramref name="folder"/> (created if needed) atomically; returns its path.</summary>
    public string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "report.html");
        byte[] bytes = new UTF8Encoding(false).GetBytes(Render());
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return path;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static bool LooksNumeric(string cell) => cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] is '-' or '+' or '.') && cell.Any(char.IsAsciiDigit);

    private const string Css = """
        body{margin:0;background:#f6f7f9;color:#1d232b;font:15px/1.5 "DejaVu Sans",system-ui,-apple-system,"Segoe UI",sans-serif}
        main{max-width:1100px;margin:0 auto;padding:24px 32px 48px;background:#fff;min-height:100vh;box-shadow:0 0 12px #0001}
        h1{font-size:26px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e3e6ea;padding-bottom:4px}
        .sub{color:#56606b;margin:0 0 12px}
        table{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}
        th,td{padding:4px 12px;border-bottom:1px solid #e3e6ea;text-align:left}thead th{background:#eef1f5}
        td.n{text-align:right;font-family:"DejaVu Sans Mono",ui-monospace,monospace}
        table.kv th{font-weight:600;color:#3b4550;background:none}
        figure{margin:18px 0}img{max-width:100%;border:1px solid #e3e6ea}figcaption{color:#56606b;font-size:13px}
        footer{margin-top:32px;color:#8a939d;font-size:12px}
        """;
}
