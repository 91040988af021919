using System.Net;
using System.Text;

namespace DermLens.Reporting;

/// <summary>
/// Builds a self-contained HTML page: every text HTML-escaped, images embedded as data URIs, inline CSS, no script,
/// and a content security policy that forbids loading anything from outside the file.
/// </summary>
public sealed class HtmlPage
{
    const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1500px; padding: 16px 28px; color: #222; background: #fff; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid #2b6cb0; padding-bottom: 4px; margin-top: 36px; }
        p.meta, p.note { color: #555; } nav a { margin-right: 14px; color: #2b6cb0; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
        th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; } th { background: #edf2f7; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figure { margin: 12px 0 22px; } figcaption { color: #444; font-size: 14px; margin-top: 4px; }
        """;

    readonly StringBuilder body = new();
    readonly List<(string Id, string Title)> sections = [];

    /// <summary>The titles of the sections added so far, in order.</summary>
    public IReadOnlyList<string> SectionTitles => sections.Select(s => s.Title).ToArray();

    /// <summary>Text made safe for HTML element content and attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A PNG as a data URI, so the page needs no other file.</summary>
    public static string PngDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>Starts a section with a heading; it is listed in the page's navigation bar.</summary>
    public void Section(string id, string title)
    {
        sections.Add((id, title));
        body.Append($"<section id=\"{Escape(id)}\"><h2>{Escape(title)}</h2>\n");
    }

    public void EndSection() => body.Append("</section>\n");

    public void Heading(string text) => body.Append($"<h3>{Escape(text)}</h3>\n");

    public void Paragraph(string text, string cssClass = "") =>
        body.Append(cssClass.Length == 0 ? $"<p>{Escape(text)}</p>\n" : $"<p class=\"{Escape(cssClass)}\">{Escape(text)}</p>\n");

    /// <summary>A table; with alignNumbers, cells that parse as numbers (or percentages) are right-aligned.</summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, bool alignNumbers = true)
    {
        body.Append("<table><thead><tr>");
        foreach (var h in header) body.Append($"<th>{Escape(h)}</th>");
        body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var cell in row)
                body.Append(alignNumbers && double.TryParse(cell.TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? $"<td class=\"num\">{Escape(cell)}</td>" : $"<td>{Escape(cell)}</td>");
            body.Append("</tr>\n");
        }
        body.Append("</tbody></table>\n");
    }

    /// <summary>An embedded PNG with alternative text and an optional caption.</summary>
    public void Figure(byte[] png, string alt, string? caption = null)
    {
        body.Append($"<figure><img src=\"{PngDataUri(png)}\" alt=\"{Escape(alt)}\">");
        if (caption != null) body.Append($"<figcaption>{Escape(caption)}</figcaption>");
        body.Append("</figure>\n");
    }

    /// <summary>The whole document: title, one-line summary, navigation, then the sections in order.</summary>
    public string Render(string title, string summary)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append($"<title>{Escape(title)}</title>\n<style>\n{Style}</style></head>\n<body>\n");
        page.Append($"<h1>{Escape(title)}</h1>\n<p class=\"meta\">{Escape(summary)}</p>\n<nav>");
        foreach (var (id, sectionTitle) in sections) page.Append($"<a href=\"#{Escape(id)}\">{Escape(sectionTitle)}</a>");
        page.Append("</nav>\n").Append(body).Append("</body></html>\n");
        return page.ToString();
    }
}
