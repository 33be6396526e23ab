namespace AuditKit.Benchmarks.Measurement;

/// <summary>One pass of the stored-run pipeline.</summary>
/// <param name="Elapsed">Wall time of the runner, from the first request to the last stored attempt.</param>
/// <param name="CompletionTokens">Tokens the store holds afterwards.</param>
/// <param name="GenerationTime">Sum of the attempts' own generation times, as the backend measured them.</param>
public sealed record PipelineTiming(TimeSpan Elapsed, long CompletionTokens, TimeSpan GenerationTime);
