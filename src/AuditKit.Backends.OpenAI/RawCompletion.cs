using System.Text.Json;

namespace AuditKit.Backends.OpenAI;

/// <summary>
/// The fields AuditKit needs from a chat-completions response body, read straight from the JSON. Used for what the
/// OpenAI client does not model (<c>reasoning_content</c>) and for servers whose responses it refuses to parse.
/// </summary>
internal sealed record RawCompletion(
    string? Text,
    string? Reasoning,
    string? FinishReason,
    int PromptTokens,
    int CompletionTokens,
    string? Model)
{
    /// <summary>Parses a body; returns null with a reason when it is not JSON or has no <c>choices[0].message</c>.</summary>
    public static RawCompletion? TryParse(string? body, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = "empty response body";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices)
                || choices.ValueKind != JsonValueKind.Array
                || choices.GetArrayLength() == 0)
            {
                problem = "response JSON has no choices";
                return null;
            }
            var choice = choices[0];
            if (!choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                problem = "response JSON has no choices[0].message";
                return null;
            }

            // DeepSeek, vLLM and llama-server use reasoning_content; some newer servers name it reasoning.
            var reasoning = StringOrNull(message, "reasoning_content") ?? StringOrNull(message, "reasoning");
            int promptTokens = 0, completionTokens = 0;
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                promptTokens = IntOrZero(usage, "prompt_tokens");
                completionTokens = IntOrZero(usage, "completion_tokens");
            }
            return new RawCompletion(
                StringOrNull(message, "content"),
                reasoning,
                StringOrNull(choice, "finish_reason"),
                promptTokens,
                completionTokens,
                StringOrNull(root, "model"));
        }
        catch (JsonException e)
        {
            problem = "malformed JSON in response: " + e.Message;
            return null;
        }
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int IntOrZero(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}
