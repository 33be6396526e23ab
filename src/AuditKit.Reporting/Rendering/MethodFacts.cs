using System.Globalization;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Rendering;

/// <summary>The method section of one run as label/value lines, shared by the HTML and Markdown reports. Values are raw (unescaped).</summary>
internal static class MethodFacts
{
    public static IEnumerable<(string Label, string Value)> For(RunMethod run)
    {
        var m = run.Manifest;
        var model = m.Model;
        yield return ("Smoke test", m.IsSmokeTest ? "yes: a pipeline check, not an audit of a real model" : "no");
        yield return ("Model", model.Name);
        yield return ("Backend", model.Backend);
        if (model.Sha256 is not null) yield return ("Model file SHA-256", model.Sha256);
        if (model.SizeBytes is long size) yield return ("Model file size", size.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        if (model.Architecture is not null) yield return ("Architecture", model.Architecture);
        if (model.FileType is not null) yield return ("Quantisation", model.FileType);
        if (model.ParameterCount is long parameters) yield return ("Parameters", parameters.ToString("N0", CultureInfo.InvariantCulture));
        yield return ("Chat template", $"{model.ChatTemplateFamily ?? "unknown"} (SHA-256 {model.ChatTemplateSha256 ?? "none"})");
        if (model.Endpoint is not null) yield return ("Endpoint", model.Endpoint);
        if (model.ServedModel is not null) yield return ("Served model", model.ServedModel);
        foreach (var (k, v) in model.Runtime.OrderBy(p => p.Key, StringComparer.Ordinal)) yield return ($"Runtime {k}", v);
        var sp = m.Sampler;
        yield return ("Sampler", string.Create(CultureInfo.InvariantCulture,
            $"temperature {sp.Temperature}, top-p {sp.TopP}, max tokens {sp.MaxTokens}, run seed {sp.Seed} (each attempt derives its seed from it)"));
        yield return ("Samples per probe", m.Samples.ToString(CultureInfo.InvariantCulture));
        yield return ("Languages", string.Join(", ", m.Languages));
        foreach (var suite in m.Suites) yield return ("Suite", $"{suite.Id} {suite.Version} (SHA-256 {suite.ContentHash})");
        if (run.Classifier is { } c)
        {
            yield return ("Classifier", $"{c.Id} (SHA-256 {c.Sha256}), classified {c.ClassifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
            foreach (var (k, v) in c.Evaluation.OrderBy(p => p.Key, StringComparer.Ordinal))
                yield return ($"Classifier {k}", v.ToString("0.###", CultureInfo.InvariantCulture));
            if (c.Judge is { } j)
                yield return ("LLM judge (second opinion)", string.Create(CultureInfo.InvariantCulture,
                    $"{j.JudgeModel} at {j.Endpoint}, with models/CODEBOOK.md as rubric, on {j.Judged} answers: compliance agreement with the classifier {j.ComplianceAgreement:P0} (Cohen's kappa {j.ComplianceKappa:0.00}, n {j.ComplianceN}), narrative {j.NarrativeAgreement:P0} (kappa {j.NarrativeKappa:0.00}, n {j.NarrativeN}); {j.Unreadable} replies without readable labels"));
        }
        else yield return ("Classifier", "none: this run has not been classified");
        yield return ("Tool version", m.ToolVersion + (m.GitCommit is null ? "" : $" (commit {m.GitCommit})"));
        if (m.ImportedFileSha256 is not null) yield return ("Imported transcript SHA-256", m.ImportedFileSha256);
        yield return ("Started", m.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        if (m.FinishedAt is { } f) yield return ("Finished", f.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        yield return ("Attempts", run.Attempts.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in m.Host.OrderBy(p => p.Key, StringComparer.Ordinal)) yield return ($"Host {k}", v);
    }
}
