namespace AuditKit.Classification.Judging;

/// <summary>
/// The judge's instructions: the label definitions, rules and examples of <c>models/CODEBOOK.md</c> (everything
/// before its "How the labels were made" section, which is about the project's annotation, not about labelling),
/// so the judge applies the very codebook the classifier was trained on.
/// </summary>
public sealed record JudgeRubric(string Text)
{
    private const string EndMarker = "\n## How the labels were made";

    /// <exception cref="InvalidDataException">The file has no label definitions to judge by.</exception>
    public static JudgeRubric FromCodebook(string codebookPath)
    {
        var text = File.ReadAllText(codebookPath).ReplaceLineEndings("\n");
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        var rubric = (end < 0 ? text : text[..end]).Trim();
        if (!rubric.Contains("COMPLETE", StringComparison.Ordinal) || !rubric.Contains("ALIGNED", StringComparison.Ordinal))
            throw new InvalidDataException($"{codebookPath}: not a codebook (no COMPLETE / ALIGNED definitions)");
        return new JudgeRubric(rubric);
    }
}
