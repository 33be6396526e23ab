using AuditKit.Backends.LlamaSharp.Templates;
using AuditKit.Core.Backends;

namespace AuditKit.Backends.LlamaSharp.Decoding;

/// <summary>A generation waiting for a free sequence, with the task its caller awaits.</summary>
internal sealed record PendingGeneration(GenerationRequest Request, FormattedPrompt Prompt, CancellationToken CancellationToken)
{
    // Callers' continuations must never run on the decode thread.
    public TaskCompletionSource<Generation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
