using System.Text;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// The page frame shared by report.html and compare.html: strict CSP, inline CSS with print rules, nothing external.
/// Laid out so the page body never scrolls sideways, from a 420 px phone to a 1,400 px desktop: wide tables and heat
/// maps scroll inside their own box, charts shrink to the column.
/// </summary>
internal static class HtmlPage
{
    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Noto Sans CJK TC","Noto Sans Devanagari",sans-serif;margin:2rem auto;max-width:1240px;padding:0 1rem;color:#111;line-height:1.45;overflow-wrap:break-word}
        h1{font-size:1.7rem;overflow-wrap:anywhere}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;overflow-wrap:anywhere}
        .scroll{max-width:100%;overflow:auto;max-height:80vh}.scroll thead th{position:sticky;top:0;z-index:1}td:first-child{white-space:nowrap;position:sticky;left:0;background:#fff}th:first-child{position:sticky;left:0;z-index:2}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.88rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
        th{background:#f2f2f2}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        .smoke{background:#fff3cd;border:2px solid #b8860b;padding:.8rem;font-weight:bold}
        .warning{background:#fdecea;border-left:4px solid #b3261e;padding:.6rem .8rem}
        .meta{color:#444}.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:1rem}.side{border:1px solid #ddd;padding:.5rem;min-width:0}
        .prompt{color:#444;font-style:italic}blockquote{margin:.3rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
        dl.method{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.1rem 1rem;font-size:.88rem}dd{margin:0;overflow-wrap:anywhere}dt{overflow-wrap:anywhere}
        figure{margin:.5rem 0;max-width:100%;overflow-x:auto}figcaption{font-size:.85rem;color:#555}.verdict{font-size:1.15rem;font-weight:bold}
        svg.chart{display:block;max-width:100%;height:auto}svg.chart.heatmap{max-width:none}
        .facets{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:flex-start}.facets figure{flex:0 1 auto;min-width:0}
        .findings li{margin:.3rem 0}.files a,.findings a{white-space:nowrap}
        .filters{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end;background:#f7f7f7;border:1px solid #ddd;padding:.5rem;margin:.8rem 0}
        .filters label{display:flex;flex-direction:column;font-size:.8rem;color:#333;min-width:0}.filters input,.filters select{font:inherit;font-size:.9rem;max-width:100%}
        th.sort{cursor:pointer;white-space:nowrap}th.sort::after{content:" \2195";color:#999}th[aria-sort=ascending]::after{content:" \2191"}th[aria-sort=descending]::after{content:" \2193"}
        table.grid{font-size:.75rem}table.grid th.m{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal;max-height:16rem}
        table.grid td{padding:0;text-align:center;min-width:1.4rem}table.grid td a{display:block;color:inherit;text-decoration:none;padding:.1rem}table.grid th.p{white-space:nowrap;font-weight:normal;position:sticky;left:0;z-index:1}table.grid thead th:first-child{left:0;z-index:2}
        .l-D{background:#b2182b;color:#fff}.l-E{background:#ef8a62}.l-C{background:#d1e5f0}.l-X{background:#ddd}
        #answer-view{border:2px solid #2166ac;padding:.5rem .8rem;margin:.8rem 0}#answer-view .text{white-space:pre-wrap;overflow-wrap:anywhere}
        #search-results li{margin:.4rem 0}#search-results button{font:inherit;text-align:left;background:none;border:0;padding:0;color:#1a4f8b;cursor:pointer;text-decoration:underline}
        @media (max-width:700px){td:first-child{white-space:normal;min-width:7rem;max-width:10rem;overflow-wrap:anywhere}table{font-size:.8rem}}
        @media print{body{margin:0;max-width:none;font-size:10pt}.scroll,figure{overflow:visible;max-height:none}section,figure,table,article{break-inside:avoid}details{display:block}details>*{display:block}a{color:inherit;text-decoration:none}.filters,#explorer{display:none}}
        """;

    /// <summary>Opens a page that runs no script at all.</summary>
    public static void Open(StringBuilder h, string title) => Open(h, title, scriptSha256: null);

    /// <param name="scriptSha256">Base64 SHA-256 of the page's one inline script, the only script the policy lets run; null for none.</param>
    public static void Open(StringBuilder h, string title, string? scriptSha256)
    {
        // Without a script-src nothing runs; with one, only the script whose hash is named, so an answer that escaped
        // its escaping still could not run.
        string script = scriptSha256 is null ? "" : $" script-src 'sha256-{scriptSha256}';";
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';{script} style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<meta name=\"referrer\" content=\"no-referrer\">");
        h.Append($"<title>{HtmlText.Encode(title)}</title><style>{Css}</style></head><body>");
    }

    public static void Close(StringBuilder h) => h.Append("</body></html>");
}
