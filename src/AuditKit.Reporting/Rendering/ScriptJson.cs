using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// JSON that is safe as the text of a <c>&lt;script type="application/json"&gt;</c> element holding model output: the
/// characters that could end the element or start markup (&lt;, &gt;, &amp;) and the two line separators JavaScript once
/// refused are written as \u escapes, so no answer can close the script and run as HTML.
/// </summary>
internal static class ScriptJson
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(json);
        return new StringBuilder(Encoding.UTF8.GetString(buffer.ToArray()))
            .Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026")
            .Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029")
            .ToString();
    }
}
