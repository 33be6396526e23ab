namespace AuditKit.Reporting.Review;

/// <summary>
/// One answer put in front of a human reviewer: a row of the review sheet and a page of the labelling page. Every
/// text field except <see cref="AttemptId"/> is untrusted (model output or suite text).
/// </summary>
/// <param name="AttemptId">The opaque <c>RUN_ID:HASH</c> key from <see cref="AuditKit.Core.Scoring.AttemptIds"/> that <c>review import</c> maps back to the attempt.</param>
/// <param name="Sample">Zero-based repeat index of the probe.</param>
/// <param name="Reasoning">The reasoning trace split off the answer, or null when there was none; it is shown but not judged.</param>
/// <param name="Answer">The final answer, the only text the codebook judges.</param>
public sealed record ReviewItem(
    string AttemptId,
    string Model,
    string ProbeId,
    string Topic,
    string Language,
    int Sample,
    string Prompt,
    string? Reasoning,
    string Answer);
