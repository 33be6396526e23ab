using System.Text;

namespace AuditKit.Reporting.Rendering;

/// <summary>The page frame shared by report.html and compare.html: strict CSP, inline CSS with print rules, nothing external.</summary>
internal static class HtmlPage
{
    // No script-src: even if escaping failed somewhere, the browser would refuse to run a script.
    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#111;line-height:1.45}
        h1{font-size:1.7rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.88rem;display:block;max-width:100%;overflow-x:auto}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
        th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        .smoke{background:#fff3cd;border:2px solid #b8860b;padding:.8rem;font-weight:bold}
        .warning{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem .8rem}
        .meta{color:#444}.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.side{border:1px solid #ddd;padding:.5rem}
        .prompt{color:#444;font-style:italic}blockquote{margin:.3rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
        dl.method{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.88rem}dd{margin:0;overflow-wrap:anywhere}
        figure{margin:.5rem 0;overflow-x:auto}figcaption{font-size:.85rem;color:#555}.verdict{font-size:1.15rem;font-weight:bold}
        @media print{body{margin:0;max-width:none;font-size:10pt}table{display:table;overflow:visible}section,figure,table,article{break-inside:avoid}details{display:block}details>*{display:block}a{color:inherit;text-decoration:none}}
        """;

    public static void Open(StringBuilder h, string title)
    {
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Csp}\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append($"<title>{HtmlText.Encode(title)}</title><style>{Css}</style></head><body>");
    }

    public static void Close(StringBuilder h) => h.Append("</body></html>");
}
