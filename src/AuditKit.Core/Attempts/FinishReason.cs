namespace AuditKit.Core.Attempts;

/// <summary>Why generation stopped.</summary>
public enum FinishReason
{
    /// <summary>The model emitted an end-of-generation token or the server reported "stop".</summary>
    Stop,
    /// <summary>The max-tokens limit was reached.</summary>
    Length,
    /// <summary>The context window filled before the answer ended.</summary>
    ContextFull,
    /// <summary>The provider's content filter stopped or replaced the answer (<see cref="Attempt.Moderation"/> says how).</summary>
    ContentFilter,
    /// <summary>Nothing usable was generated; <see cref="Attempt.Error"/> says why.</summary>
    Error,
    /// <summary>
    /// AuditKit's size cap (<see cref="AnswerLimits"/>) cut the answer or its reasoning: the stored text is the first
    /// part of what the model or server sent, the rest was never read. Not an error: the attempt is not retried.
    /// </summary>
    Capped,
}
