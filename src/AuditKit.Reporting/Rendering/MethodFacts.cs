using System.Globalization;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Rendering;

/// <summary>The method section of one run as label/value lines, shared by the HTML and Markdown reports. Values are raw (unescaped).</summary>
internal static class MethodFacts
{
    /// <summary>
    /// Facts that apply to this run's backend only: an import has no sampler, chat template or quantisation of its own,
    /// and a hosted model no file; a missing figure is left out rather than printed as NaN or 0.
    /// </summary>
    public static IEnumerable<(string Label, string Value)> For(RunMethod run)
    {
        var m = run.Manifest;
        var model = m.Model;
        bool imported = model.Backend == "import";
        bool local = model.Backend == "llama.cpp";
        if (m.IsSmokeTest) yield return ("Smoke test", "yes: a pipeline check, not an audit of a real model");
        yield return ("Model", model.Name);
        yield return ("Backend", model.Backend switch
        {
            "import" => "imported answers (the tool did not run the model)",
            "llama.cpp" => "llama.cpp, a local model file",
            "openai-compatible" => "an OpenAI-compatible server",
            var other => other,
        });
        if (model.Sha256 is not null) yield return (imported ? "Imported file SHA-256" : "Model file SHA-256", model.Sha256);
        if (model.SizeBytes is long size) yield return ("Model file size", size.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        if (model.Architecture is not null) yield return ("Architecture", model.Architecture);
        if (model.FileType is not null && model.FileType != "none") yield return ("Quantisation", model.FileType);
        if (model.ParameterCount is long parameters) yield return ("Parameters", parameters.ToString("N0", CultureInfo.InvariantCulture));
        if (local || model.ChatTemplateFamily is not null)
            yield return ("Chat template", model.ChatTemplateFamily is null ? "none recorded" : $"{model.ChatTemplateFamily}" + (model.ChatTemplateSha256 is null ? "" : $" (SHA-256 {model.ChatTemplateSha256})"));
        if (model.Endpoint is not null) yield return ("Endpoint", model.Endpoint);
        if (model.ServedModel is not null) yield return ("Served model", model.ServedModel);
        foreach (var (k, v) in model.Runtime.OrderBy(p => p.Key, StringComparer.Ordinal)) yield return ($"Runtime {k}", v);
        var sp = m.Sampler;
        if (!imported && double.IsFinite(sp.Temperature) && sp.MaxTokens > 0)
            yield return ("Sampler", string.Create(CultureInfo.InvariantCulture,
                $"temperature {sp.Temperature}, top-p {sp.TopP}, max tokens {sp.MaxTokens}, run seed {sp.Seed} (each attempt derives its seed from it)"));
        else if (imported)
            yield return ("Sampler", "not known: the answers were generated elsewhere, with whatever settings their source used");
        yield return ("Samples per probe", m.Samples.ToString(CultureInfo.InvariantCulture));
        yield return ("Languages", string.Join(", ", m.Languages));
        foreach (var suite in m.Suites) yield return ("Suite", $"{suite.Id} {suite.Version} (SHA-256 {suite.ContentHash})");
        if (run.Classifier is { } c)
        {
            yield return ("Classifier", $"{c.Id} (SHA-256 {c.Sha256}), classified {c.ClassifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            foreach (var (k, v) in c.Evaluation.OrderBy(p => p.Key, StringComparer.Ordinal))
                yield return ($"Classifier, {EvaluationNames.Of(k)}", v.ToString("0.###", CultureInfo.InvariantCulture));
            if (c.Judge is { } j)
                yield return ("LLM judge (second opinion)", string.Create(CultureInfo.InvariantCulture,
                    $"{j.JudgeModel} at {j.Endpoint}, with models/CODEBOOK.md as rubric, on {j.Judged} answers: compliance agreement with the classifier {j.ComplianceAgreement:P0} (Cohen's kappa {j.ComplianceKappa:0.00}, n {j.ComplianceN}), narrative {j.NarrativeAgreement:P0} (kappa {j.NarrativeKappa:0.00}, n {j.NarrativeN}); {j.Unreadable} replies without readable labels"));
        }
        else yield return ("Classifier", "none: this run has not been classified");
        yield return ("Tool version", m.ToolVersion + (m.GitCommit is null ? "" : $" (commit {m.GitCommit})"));
        if (m.ImportedFileSha256 is not null && m.ImportedFileSha256 != model.Sha256) yield return ("Imported transcript SHA-256", m.ImportedFileSha256);
        yield return ("Started", m.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        if (m.FinishedAt is { } f) yield return ("Finished", f.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        yield return ("Attempts", run.Attempts.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in m.Host.OrderBy(p => p.Key, StringComparer.Ordinal)) yield return ($"Host {k}", v);
    }
}
