using System.Collections.Concurrent;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;

namespace AuditKit.Runner.Tests;

/// <summary>
/// Test fake: answers deterministically from the prompt, fails prompts it is told to fail, and counts calls.
/// The real backends (llama.cpp, HTTP) have their own tests; this one isolates the runner's bookkeeping.
/// </summary>
/// <param name="reply">Replaces the default reply for a prompt (a server's own shapes: separate reasoning, moderation).</param>
internal sealed class ScriptedBackend(Func<string, bool>? fails = null, Func<string, Generation>? reply = null) : IModelBackend
{
    public ConcurrentBag<string> Prompts { get; } = [];

    public ModelDescription Model { get; } = new() { Name = "scripted", Backend = "test", Sha256 = new string('a', 64) };

    public async Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var prompt = request.Messages[^1].Content;
        Prompts.Add(prompt);
        if (fails?.Invoke(prompt) == true) return Generation.Failed("scripted failure");
        if (reply is not null) return reply(prompt);
        return new Generation
        {
            Text = $"<think>considering {request.Seed}</think>answer to {prompt}",
            PromptTokens = prompt.Length,
            CompletionTokens = 5,
            FinishReason = FinishReason.Stop,
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
