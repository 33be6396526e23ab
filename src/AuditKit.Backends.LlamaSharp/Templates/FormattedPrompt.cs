namespace AuditKit.Backends.LlamaSharp.Templates;

/// <summary>A conversation rendered for the model.</summary>
/// <param name="Text">The prompt text; BOS is not included (the tokenizer adds it when the vocabulary asks for it).</param>
/// <param name="StartsInsideReasoning">The generation prompt opened a <c>&lt;think&gt;</c> block.</param>
public sealed record FormattedPrompt(string Text, bool StartsInsideReasoning);
