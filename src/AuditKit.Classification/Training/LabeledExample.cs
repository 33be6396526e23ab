namespace AuditKit.Classification.Training;

/// <summary>One labelled answer. Either label may be null when that head was not annotated for this answer.</summary>
/// <param name="Id">Unique within its source, e.g. <c>question_id|model|language</c> for SpeechMap.</param>
/// <param name="QuestionId">Rows sharing it (translations, other models) always land on the same side of a split.</param>
/// <param name="Language">BCP-47 code as used by suites (<c>en</c>, <c>zh-Hans</c>, <c>zh-Hant</c>, <c>hi</c>, <c>fi</c>).</param>
/// <param name="Compliance">COMPLETE, EVASIVE, DENIAL or ERROR (ERROR rows are never trained on nor scored).</param>
/// <param name="Narrative">ALIGNED, CRITICAL, BALANCED or NONE.</param>
public sealed record LabeledExample(
    string Id,
    string QuestionId,
    string Prompt,
    string Response,
    string Language,
    string? Compliance,
    string? Narrative)
{
    /// <summary>The model that wrote the answer, where the source says (per-family figures); else null.</summary>
    public string? Model { get; init; }

    /// <summary>The source's response carried a reasoning trace that was split off (per-trace figures).</summary>
    public bool TraceInResponse { get; init; }
}
