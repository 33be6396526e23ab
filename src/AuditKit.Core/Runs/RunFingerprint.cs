using System.Globalization;

namespace AuditKit.Core.Runs;

/// <summary>
/// The manifest fields that decide what a run's answers are. Resuming into a run folder is allowed only when they
/// all match, so one store never mixes answers from two models or two sampler settings.
/// </summary>
public static class RunFingerprint
{
    public static IReadOnlyDictionary<string, string> Of(RunManifest manifest)
    {
        var m = manifest.Model;
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["backend"] = m.Backend,
            // A served model is the model id it answers to, wherever it is reached: a server restarted on another port
            // or a second replica of it is the same model. What it reports serving is checked once it answers.
            ["model"] = m.Sha256 ?? m.Name,
            ["temperature"] = manifest.Sampler.Temperature.ToString("R", CultureInfo.InvariantCulture),
            ["top_p"] = manifest.Sampler.TopP.ToString("R", CultureInfo.InvariantCulture),
            ["max_tokens"] = manifest.Sampler.MaxTokens.ToString(CultureInfo.InvariantCulture),
            ["seed"] = manifest.Sampler.Seed.ToString(CultureInfo.InvariantCulture),
            ["suites"] = string.Join(",", manifest.Suites.Select(s => $"{s.Id}@{s.Version}#{s.ContentHash[..Math.Min(12, s.ContentHash.Length)]}")),
            ["languages"] = string.Join(",", manifest.Languages),
            ["samples"] = manifest.Samples.ToString(CultureInfo.InvariantCulture),
        };
        if (m.Runtime.TryGetValue("context", out var context)) fields["context"] = context;
        if (m.ChatTemplateFamily is { } family) fields["chat_template"] = family;
        return fields;
    }

    /// <summary>Human-readable differences, empty when the two manifests describe the same run.</summary>
    public static IReadOnlyList<string> Differences(RunManifest stored, RunManifest requested)
    {
        var a = Of(stored);
        var b = Of(requested);
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: stored '{a.GetValueOrDefault(k) ?? "-"}', requested '{b.GetValueOrDefault(k) ?? "-"}'")
            .ToList();
    }
}
