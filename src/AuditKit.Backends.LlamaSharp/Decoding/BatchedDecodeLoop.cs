using System.Text;
using System.Threading.Channels;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using LLama;
using LLama.Native;

namespace AuditKit.Backends.LlamaSharp.Decoding;

/// <summary>
/// Decodes up to <c>parallel</c> generations together. Each generation owns one sequence of the shared KV cache;
/// every step puts the pending tokens of all of them (a whole prompt for a new one, one sampled token for the others)
/// into one <see cref="LLamaBatch"/> and calls llama.cpp's decode once, so the weights are read once per step for
/// all of them.
/// </summary>
/// <remarks>
/// All native calls happen on one dedicated thread. LLamaSharp's <c>BatchedExecutor</c> decodes through
/// <c>Task.Run</c>, on whichever thread-pool thread comes next; the CPU build of llama.cpp uses OpenMP, which keeps
/// one team of worker threads per calling thread, and a team left behind keeps spinning for a while after each step.
/// On a 2-core machine that cost the run path several percent against a plain decode loop (the process gained an
/// OpenMP thread for each new calling thread). One calling thread keeps one team.
/// </remarks>
internal sealed class BatchedDecodeLoop : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly int _contextSize;
    private readonly Stack<LLamaSeqId> _freeSequences = new();
    private readonly Channel<PendingGeneration> _queue = Channel.CreateUnbounded<PendingGeneration>();
    private readonly List<ActiveGeneration> _active = [];
    private readonly LLamaBatch _batch = new();
    private readonly Thread _thread;
    private PendingGeneration? _waitingForRoom;

    /// <param name="contextSize">Tokens per generation (prompt plus answer); the context holds <paramref name="parallel"/> of them.</param>
    public BatchedDecodeLoop(LLamaWeights weights, LLamaContext context, int parallel, int contextSize)
    {
        _weights = weights;
        _context = context;
        _contextSize = contextSize;
        for (var i = parallel - 1; i >= 0; i--) _freeSequences.Push((LLamaSeqId)i);
        _thread = new Thread(Run) { IsBackground = true, Name = "llama.cpp decode" };
        _thread.Start();
    }

    /// <summary>Queues a generation; the task completes with its result (failures included) or is cancelled.</summary>
    public Task<Generation> Enqueue(GenerationRequest request, Templates.FormattedPrompt prompt, CancellationToken cancellationToken)
    {
        var pending = new PendingGeneration(request, prompt, cancellationToken);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(BatchedDecodeLoop));
        return pending.Completion.Task;
    }

    private void Run()
    {
        while (true)
        {
            // The batch holds the tokens the last step sampled; new prompts join them.
            StartWaitingGenerations();
            if (_active.Count == 0)
            {
                // Nothing to decode: block this dedicated thread until work arrives or the loop is completed.
                if (!_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) return;
                continue;
            }
            string? failure;
            try
            {
                var result = _context.NativeHandle.Decode(_batch);
                failure = result == DecodeResult.Ok ? null : result.ToString();
            }
            catch (Exception e) { failure = e.Message; }
            _batch.Clear();
            if (failure is not null)
            {
                FailAll($"llama.cpp decode failed: {failure}");
                continue;
            }
            foreach (var generation in _active.ToList()) Advance(generation);
        }
    }

    /// <summary>Starts queued generations while a sequence is free and their prompt fits into this step's batch.</summary>
    private void StartWaitingGenerations()
    {
        while (_freeSequences.Count > 0 && (_waitingForRoom ?? (_queue.Reader.TryRead(out var next) ? next : null)) is { } pending)
        {
            _waitingForRoom = null;
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Completion.TrySetCanceled(pending.CancellationToken);
                continue;
            }
            LLamaToken[] tokens;
            try { tokens = _context.Tokenize(pending.Prompt.Text, addBos: _weights.Vocab.ShouldAddBOS, special: true); }
            catch (Exception e)
            {
                pending.Completion.TrySetResult(Generation.Failed($"llama.cpp could not tokenize the prompt: {e.Message}", pending.Prompt.Text));
                continue;
            }
            if (tokens.Length + 1 > _contextSize)
            {
                pending.Completion.TrySetResult(Generation.Failed(
                    $"prompt has {tokens.Length} tokens, more than the context of {_contextSize} allows (raise --context)",
                    pending.Prompt.Text, tokens.Length));
                continue;
            }
            if (_batch.TokenCount + tokens.Length > _context.BatchSize)
            {
                // Long prompts of several new generations can overflow one batch: this one starts next step.
                _waitingForRoom = pending;
                return;
            }
            var sequence = _freeSequences.Pop();
            _context.NativeHandle.MemorySequenceRemove(sequence, -1, -1);
            _batch.AddRange(tokens, 0, sequence, logitsLast: true);
            var sampler = new AttemptSampler((float)pending.Request.Sampler.Temperature, (float)pending.Request.Sampler.TopP, (uint)pending.Request.Seed);
            var decoder = new StreamingTokenDecoder(Encoding.UTF8, _weights) { DecodeSpecialTokens = true };
            _active.Add(new ActiveGeneration(pending, sequence, sampler, decoder, tokens.Length) { SampleIndex = _batch.TokenCount - 1 });
        }
    }

    /// <summary>Samples the next token of one generation and queues it for the next step, or finishes it.</summary>
    private void Advance(ActiveGeneration g)
    {
        if (g.Pending.CancellationToken.IsCancellationRequested)
        {
            Release(g);
            g.Pending.Completion.TrySetCanceled(g.Pending.CancellationToken);
            return;
        }
        FinishReason? finish;
        try { finish = Step(g); }
        catch (Exception e)
        {
            // One failing generation must not stop the loop: every other caller would wait forever.
            Release(g);
            g.Pending.Completion.TrySetResult(Generation.Failed($"llama.cpp sampling failed: {e.Message}", g.Pending.Prompt.Text, g.PromptTokens));
            return;
        }
        if (finish is { } reason)
        {
            Release(g);
            g.Pending.Completion.TrySetResult(g.Finish(reason));
        }
    }

    /// <summary>Samples one token; returns why generation stopped, or null to continue.</summary>
    private FinishReason? Step(ActiveGeneration g)
    {
        var token = g.Sampler.Sample(_context.NativeHandle, g.SampleIndex);
        if (token.IsEndOfGeneration(_weights.Vocab)) return FinishReason.Stop;
        g.Decoder.Add(token);
        g.CompletionTokens++;
        if (g.CompletionTokens >= g.Pending.Request.Sampler.MaxTokens) return FinishReason.Length;
        if (g.PromptTokens + g.CompletionTokens >= _contextSize) return FinishReason.ContextFull;
        // The token's position is the count of tokens before it in this sequence: prompt plus earlier answer tokens.
        g.SampleIndex = _batch.Add(token, g.PromptTokens + g.CompletionTokens - 1, g.Sequence, logits: true);
        return null;
    }

    private void Release(ActiveGeneration g)
    {
        _active.Remove(g);
        g.Sampler.Dispose();
        _context.NativeHandle.MemorySequenceRemove(g.Sequence, -1, -1);
        _freeSequences.Push(g.Sequence);
    }

    private void FailAll(string error)
    {
        foreach (var g in _active.ToList())
        {
            Release(g);
            g.Pending.Completion.TrySetResult(Generation.Failed(error, g.Pending.Prompt.Text, g.PromptTokens));
        }
    }

    /// <summary>Lets queued generations finish, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }
}
