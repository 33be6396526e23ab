namespace AuditKit.Gguf.SmokeModels;

/// <summary>
/// The Jinja chat templates the smoke models carry, written in the style of the real models' templates so that
/// template detection and rendering are tested against realistic text.
/// </summary>
public static class SmokeChatTemplates
{
    /// <summary>
    /// ChatML as Qwen2.5 Instruct uses it: a default system turn when none is given, every turn wrapped in
    /// <c>&lt;|im_start|&gt;role\n ... &lt;|im_end|&gt;\n</c>, generation prompt <c>&lt;|im_start|&gt;assistant\n</c>.
    /// </summary>
    public const string ChatMl =
        "{%- if messages[0]['role'] == 'system' %}" +
        "{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}" +
        "{%- else %}" +
        "{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}" +
        "{%- endif %}\n" +
        "{%- for message in messages %}" +
        "{%- if not (message['role'] == 'system' and loop.first) %}" +
        "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}" +
        "{%- endif %}" +
        "{%- endfor %}\n" +
        "{%- if add_generation_prompt %}" +
        "{{- '<|im_start|>assistant\\n' }}" +
        "{%- endif %}\n";

    /// <summary>
    /// DeepSeek-R1-Distill style: BOS, system text bare, <c>&lt;｜User｜&gt;</c> and <c>&lt;｜Assistant｜&gt;</c> turns,
    /// earlier reasoning stripped from assistant turns, and a generation prompt that already opens the trace:
    /// <c>&lt;｜Assistant｜&gt;&lt;think&gt;\n</c> (so the output starts mid-trace and only emits <c>&lt;/think&gt;</c>).
    /// </summary>
    public const string DeepSeekR1 =
        "{%- set ns = namespace(system='') %}" +
        "{%- for message in messages %}{%- if message['role'] == 'system' %}{%- set ns.system = message['content'] %}{%- endif %}{%- endfor %}" +
        "{{- bos_token }}{{- ns.system }}\n" +
        "{%- for message in messages %}" +
        "{%- if message['role'] == 'user' %}" +
        "{{- '<｜User｜>' + message['content'] }}" +
        "{%- elif message['role'] == 'assistant' %}" +
        "{%- set content = message['content'] %}" +
        "{%- if '</think>' in content %}{%- set content = content.split('</think>')[-1] %}{%- endif %}" +
        "{{- '<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>' }}" +
        "{%- endif %}" +
        "{%- endfor %}\n" +
        "{%- if add_generation_prompt %}" +
        "{{- '<｜Assistant｜><think>\\n' }}" +
        "{%- endif %}\n";
}
