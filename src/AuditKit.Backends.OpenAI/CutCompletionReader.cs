using System.Text;
using System.Text.Json;

namespace AuditKit.Backends.OpenAI;

/// <summary>
/// Reads what it can from the first part of a chat-completions body that was cut at the size cap: the answer and the
/// reasoning (each possibly unfinished), the model and the finish reason if they came before the cut.
/// </summary>
internal static class CutCompletionReader
{
    public static RawCompletion Read(string body, int maxChars)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
        var containers = new List<string?>();
        string? property = null, content = null, reasoning = null, model = null, finish = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Add(property);
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (containers.Count > 0) containers.RemoveAt(containers.Count - 1);
                        property = null;
                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.String:
                        var parent = containers.Count > 0 ? containers[^1] : null;
                        var value = reader.GetString();
                        if (parent == "message" && property == "content") content ??= value;
                        else if (parent == "message" && property is "reasoning_content" or "reasoning") reasoning ??= value;
                        else if (containers.Count == 1 && property == "model") model ??= value;
                        else if (property == "finish_reason") finish ??= value;
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken before the cut: keep what was read.
        }

        // The reader stops before a token it cannot finish: the string the cut went through.
        if (containers.Count > 0 && containers[^1] == "message" && property is "content" or "reasoning_content" or "reasoning")
        {
            var partial = UnfinishedString(bytes.AsSpan((int)reader.BytesConsumed), maxChars);
            if (property == "content") content ??= partial;
            else reasoning ??= partial;
        }
        return new RawCompletion(content, reasoning, finish, 0, 0, model);
    }

    /// <summary>Decodes the start of a JSON string (from the spaces and colon before its quote) up to where it was cut.</summary>
    private static string? UnfinishedString(ReadOnlySpan<byte> rest, int maxChars)
    {
        int i = 0;
        while (i < rest.Length && rest[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)':') i++;
        if (i >= rest.Length || rest[i] != '"') return null;
        i++;
        var text = new StringBuilder();
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var chars = new char[4096];
        int run = i;
        void Flush(ReadOnlySpan<byte> bytes)
        {
            for (int at = 0; at < bytes.Length; at += 1024)
            {
                var slice = bytes.Slice(at, Math.Min(1024, bytes.Length - at));
                int n = decoder.GetChars(slice, chars, flush: false);
                text.Append(chars, 0, n);
            }
        }
        while (i < rest.Length && text.Length <= maxChars)
        {
            if (rest[i] == '"') break;
            if (rest[i] != '\\') { i++; if (i - run >= 65536) { Flush(rest[run..i]); run = i; } continue; }
            Flush(rest[run..i]);
            if (i + 1 >= rest.Length) { run = rest.Length; break; }
            int width = rest[i + 1] == 'u' ? 6 : 2;
            if (i + width > rest.Length) { run = rest.Length; break; } // an escape cut in half
            // Each \uXXXX is one UTF-16 unit, appended as it is: an emoji sent as two escapes stays one pair.
            text.Append(width == 6
                ? ushort.TryParse(rest.Slice(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit) ? (char)unit : '\uFFFD'
                : (char)rest[i + 1] switch
                {
                    'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', '"' => '"', '\\' => '\\', '/' => '/',
                    _ => '\uFFFD',
                });
            i += width;
            run = i;
        }
        if (run < i) Flush(rest[run..i]);
        // A high surrogate left without its pair by the cut has no UTF-8 form; the store would make it U+FFFD anyway.
        return text.ToString();
    }
}
