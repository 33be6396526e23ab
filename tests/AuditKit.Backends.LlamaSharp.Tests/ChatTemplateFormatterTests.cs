using AuditKit.Backends.LlamaSharp.Templates;
using AuditKit.Core.Backends;
using AuditKit.Gguf.SmokeModels;

namespace AuditKit.Backends.LlamaSharp.Tests;

public class ChatTemplateFormatterTests
{
    private static readonly ChatMessage[] Question = [ChatMessage.User("Is Taiwan a country?")];

    // Shape of Qwen2.5-Instruct's template: the default system prompt is a Jinja string literal.
    private const string Qwen25Template =
        "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}" +
        "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}" +
        "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

    [Fact]
    public void Format_Qwen25ChatMl_IncludesTheTemplatesDefaultSystemPrompt()
    {
        var f = ChatTemplateFormatter.ForTemplate(Qwen25Template);
        Assert.Equal("chatml", f.Family);
        var p = f.Format(Question);
        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n" +
            "<|im_start|>user\nIs Taiwan a country?<|im_end|>\n<|im_start|>assistant\n", p.Text);
        Assert.False(p.StartsInsideReasoning);
    }

    [Fact]
    public void Format_ChatMlWithExplicitSystem_ReplacesTheDefault()
    {
        var p = ChatTemplateFormatter.ForTemplate(Qwen25Template).Format([ChatMessage.System("Be brief."), ChatMessage.User("Hi")]);
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", p.Text);
    }

    [Fact]
    public void Format_DeepSeekR1Distill_OpensTheThinkBlock()
    {
        var f = ChatTemplateFormatter.ForTemplate(SmokeChatTemplates.DeepSeekR1);
        Assert.Equal("deepseek-r1", f.Family);
        var p = f.Format(Question);
        Assert.Equal("<｜User｜>Is Taiwan a country?<｜Assistant｜><think>\n", p.Text);
        Assert.True(p.StartsInsideReasoning);
    }

    [Fact]
    public void Format_OlderDeepSeekTemplateWithoutThink_DoesNotOpenTrace()
    {
        var f = ChatTemplateFormatter.ForTemplate("{{ bos_token }}{% for m in messages %}{% if m['role']=='user' %}{{'<｜User｜>' + m['content']}}{% endif %}{% endfor %}{{'<｜Assistant｜>'}}");
        Assert.Equal("deepseek", f.Family);
        Assert.Equal("<｜User｜>Is Taiwan a country?<｜Assistant｜>", f.Format(Question).Text);
    }

    [Fact]
    public void Format_Llama3_UsesHeaderTurns()
    {
        var f = ChatTemplateFormatter.ForTemplate("{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}");
        Assert.Equal("<|start_header_id|>user<|end_header_id|>\n\nIs Taiwan a country?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", f.Format(Question).Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{{ something_unknown }}")]
    public void ForTemplate_NoneOrUnrecognised_UsesTheRecordedPlainFallback(string? template)
    {
        var f = ChatTemplateFormatter.ForTemplate(template);
        Assert.True(f.IsFallback);
        Assert.Equal("fallback:plain", f.Family);
        Assert.Equal("User: Is Taiwan a country?\nAssistant:", f.Format(Question).Text);
    }
}
