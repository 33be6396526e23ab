using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Core.Backends;

namespace AuditKit.Backends.LlamaSharp.Templates;

/// <summary>
/// Renders a conversation the way the model's own GGUF chat template does, for the template families audit targets
/// use. Like llama.cpp's built-in templates it recognises a family by its markers rather than executing Jinja;
/// family-specific details the template carries (Qwen2.5's default system prompt, R1's opened <c>&lt;think&gt;</c>)
/// are read from the template text. A model with no template, or one not recognised, gets an explicit plain
/// fallback whose name (<c>fallback:plain</c>) is recorded in the run manifest.
/// </summary>
public sealed partial class ChatTemplateFormatter
{
    public const string FallbackFamily = "fallback:plain";

    private readonly string? _defaultSystem;
    private readonly bool _opensThink;

    private ChatTemplateFormatter(string family, string? defaultSystem, bool opensThink)
    {
        Family = family;
        _defaultSystem = defaultSystem;
        _opensThink = opensThink;
    }

    /// <summary><c>chatml</c>, <c>deepseek-r1</c>, <c>deepseek</c>, <c>llama3</c>, <c>llama2</c>, <c>gemma</c>, <c>phi3</c>, or <see cref="FallbackFamily"/>.</summary>
    public string Family { get; }

    public bool IsFallback => Family == FallbackFamily;

    public static ChatTemplateFormatter ForTemplate(string? template)
    {
        if (string.IsNullOrWhiteSpace(template)) return new(FallbackFamily, null, false);
        if (template.Contains("<|im_start|>", StringComparison.Ordinal))
            return new("chatml", ChatMlDefaultSystem().Match(template) is { Success: true } m ? m.Groups["system"].Value : null, false);
        if (template.Contains("<｜Assistant｜>", StringComparison.Ordinal))
        {
            bool opens = template.Contains("<｜Assistant｜><think>", StringComparison.Ordinal);
            return new(opens ? "deepseek-r1" : "deepseek", null, opens);
        }
        if (template.Contains("<|start_header_id|>", StringComparison.Ordinal)) return new("llama3", null, false);
        if (template.Contains("<start_of_turn>", StringComparison.Ordinal)) return new("gemma", null, false);
        if (template.Contains("<|user|>", StringComparison.Ordinal) && template.Contains("<|end|>", StringComparison.Ordinal)) return new("phi3", null, false);
        if (template.Contains("[INST]", StringComparison.Ordinal)) return new("llama2", null, false);
        return new(FallbackFamily, null, false);
    }

    /// <summary>Renders the conversation and the generation prompt for the assistant's next turn.</summary>
    public FormattedPrompt Format(IReadOnlyList<ChatMessage> messages)
    {
        var system = messages.Where(m => m.Role == "system").Select(m => m.Content).FirstOrDefault();
        var turns = messages.Where(m => m.Role != "system").ToList();
        var sb = new StringBuilder();
        switch (Family)
        {
            case "chatml":
                if ((system ?? _defaultSystem) is { } s) sb.Append("<|im_start|>system\n").Append(s).Append("<|im_end|>\n");
                foreach (var t in turns) sb.Append("<|im_start|>").Append(t.Role).Append('\n').Append(t.Content).Append("<|im_end|>\n");
                sb.Append("<|im_start|>assistant\n");
                break;
            case "deepseek" or "deepseek-r1":
                sb.Append(system);
                foreach (var t in turns)
                    sb.Append(t.Role == "user" ? "<｜User｜>" + t.Content : "<｜Assistant｜>" + t.Content + "<｜end▁of▁sentence｜>");
                sb.Append("<｜Assistant｜>");
                if (_opensThink) sb.Append("<think>\n");
                break;
            case "llama3":
                if (system is not null) Llama3Turn(sb, "system", system);
                foreach (var t in turns) Llama3Turn(sb, t.Role, t.Content);
                sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                break;
            case "gemma":
                // Gemma has no system role; its templates prepend the system text to the first user turn.
                for (int i = 0; i < turns.Count; i++)
                {
                    var content = i == 0 && system is not null ? system + "\n\n" + turns[i].Content : turns[i].Content;
                    sb.Append("<start_of_turn>").Append(turns[i].Role == "assistant" ? "model" : "user").Append('\n').Append(content).Append("<end_of_turn>\n");
                }
                sb.Append("<start_of_turn>model\n");
                break;
            case "phi3":
                if (system is not null) sb.Append("<|system|>\n").Append(system).Append("<|end|>\n");
                foreach (var t in turns) sb.Append("<|").Append(t.Role).Append("|>\n").Append(t.Content).Append("<|end|>\n");
                sb.Append("<|assistant|>\n");
                break;
            case "llama2":
                for (int i = 0; i < turns.Count; i++)
                {
                    var t = turns[i];
                    if (t.Role == "user")
                        sb.Append("[INST] ").Append(i == 0 && system is not null ? $"<<SYS>>\n{system}\n<</SYS>>\n\n" : "").Append(t.Content).Append(" [/INST]");
                    else sb.Append(' ').Append(t.Content).Append(' ');
                }
                break;
            default:
                if (system is not null) sb.Append(system).Append("\n\n");
                foreach (var t in turns) sb.Append(t.Role == "user" ? "User: " : "Assistant: ").Append(t.Content).Append('\n');
                sb.Append("Assistant:");
                break;
        }
        return new FormattedPrompt(sb.ToString(), _opensThink);
    }

    private static void Llama3Turn(StringBuilder sb, string role, string content) =>
        sb.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n").Append(content.Trim()).Append("<|eot_id|>");

    // Qwen2.5 templates inject a default system turn as a Jinja string literal, with "\n" written as backslash-n.
    [GeneratedRegex(@"<\|im_start\|>system\\n(?<system>[^'""{}<]+)<\|im_end\|>")]
    private static partial Regex ChatMlDefaultSystem();
}
