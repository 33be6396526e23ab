using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Exporters;

/// <summary>JSON Lines export of attempts: one object per line with the fields of <see cref="AttemptFields"/>.</summary>
public static class AttemptsJsonlWriter
{
    // Relaxed escaping keeps Chinese and Hindi readable; JSON string escaping still covers quotes and control characters.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static async Task WriteAsync(IEnumerable<AttemptRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var newline = "\n"u8.ToArray();
        foreach (var row in rows)
        {
            using (var json = new Utf8JsonWriter(output, Options))
            {
                json.WriteStartObject();
                var values = AttemptFields.Values(row);
                for (int i = 0; i < values.Length; i++)
                {
                    json.WritePropertyName(AttemptFields.Columns[i]);
                    switch (values[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case int n: json.WriteNumberValue(n); break;
                        case double d: json.WriteNumberValue(d); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case IReadOnlyList<string> list:
                            json.WriteStartArray();
                            foreach (var item in list) json.WriteStringValue(item);
                            json.WriteEndArray();
                            break;
                        default: json.WriteStringValue(values[i]!.ToString()); break;
                    }
                }
                json.WriteEndObject();
            }
            await output.WriteAsync(newline, cancellationToken).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
