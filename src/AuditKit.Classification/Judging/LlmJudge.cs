using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Judging;

/// <summary>
/// A second opinion: asks a language model (any <see cref="IModelBackend"/>: normally an OpenAI-compatible server,
/// but a local GGUF works too) to label answers with the codebook as its rubric. Greedy decoding, one request per
/// answer, at most <c>parallel</c> in flight; a failed request becomes a verdict with an error, never an exception.
/// </summary>
public sealed class LlmJudge(IModelBackend backend, JudgeRubric rubric)
{
    /// <summary>Room for a reasoning judge's trace before its two lines, when the server does not return it apart.</summary>
    public const int MaxReplyTokens = 2048;

    /// <summary>The error of the verdict for an empty answer, which is not sent to the judge.</summary>
    public const string EmptyAnswer = "empty answer";

    private static readonly SamplerSettings Sampler = new(Temperature: 0, TopP: 1, MaxTokens: MaxReplyTokens, Seed: 0);

    /// <summary>The judge's model, as the backend describes it.</summary>
    public ModelDescription Model => backend.Model;

    /// <returns>One verdict per input, in order. Empty answers are not sent: they get no labels and the error <see cref="EmptyAnswer"/>.</returns>
    /// <param name="judged">Told the number judged so far after each reply.</param>
    /// <param name="arrived">Called with each input's index and verdict as soon as it arrives (from several threads at
    /// once), so a caller can store it before the next one: a crash then loses only the requests in flight.</param>
    public async Task<IReadOnlyList<JudgeVerdict>> JudgeAsync(IReadOnlyList<ClassifierInput> inputs, int parallel,
        IProgress<int> judged, Action<int, JudgeVerdict> arrived, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var verdicts = new JudgeVerdict[inputs.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                verdicts[i] = await JudgeOneAsync(inputs[i], ct).ConfigureAwait(false);
                arrived(i, verdicts[i]);
                judged.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        return verdicts;
    }

    private async Task<JudgeVerdict> JudgeOneAsync(ClassifierInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Response))
            return new JudgeVerdict(null, null, "", EmptyAnswer);
        Generation reply;
        try
        {
            reply = await backend.GenerateAsync(new GenerationRequest(JudgePrompt.For(rubric, input), Sampler, Seed: 0), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new JudgeVerdict(null, null, "", $"judge backend error: {e.GetType().Name}: {e.Message}");
        }
        if (reply.Error is not null)
            return new JudgeVerdict(null, null, reply.Text, reply.Error);
        var (compliance, narrative) = JudgeReplyParser.Parse(reply.Text);
        return new JudgeVerdict(compliance, narrative, reply.Text, null);
    }
}
