namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Readable names for the classifier's evaluation figures, whose keys (<c>cv-china-compliance-binary.kappa</c>) come
/// from classifier-evaluation.json: a reader of the method section should not need to know the file.
/// </summary>
internal static class EvaluationNames
{
    /// <summary>"cv-china-compliance-binary.kappa" -> "cross-validated on China questions, refused or not: Cohen's kappa"; unknown keys are tidied, not dropped.</summary>
    public static string Of(string key)
    {
        int dot = key.LastIndexOf('.');
        string report = dot < 0 ? "" : key[..dot], metric = dot < 0 ? key : key[(dot + 1)..];
        string metricName = metric switch
        {
            "kappa" => "Cohen's kappa",
            "macro_f1" => "macro F1",
            "accuracy" => "accuracy",
            "compliance_kappa" => "Cohen's kappa on compliance",
            _ => metric.Replace('_', ' '),
        };
        if (report.Length == 0) return metricName;
        var words = new List<string>();
        string rest = report;
        if (rest.StartsWith("cv-", StringComparison.Ordinal)) { words.Add("cross-validated by question"); rest = rest[3..]; }
        if (rest.StartsWith("china-", StringComparison.Ordinal)) { words.Add("on SpeechMap's China questions"); rest = rest[6..]; }
        else if (rest.StartsWith("deccp-", StringComparison.Ordinal)) { words.Add("on the DeCCP questions"); rest = rest[6..]; }
        string head = rest switch
        {
            "compliance" => "compliance (complete, evasive, denial)",
            "compliance-binary" => "refused or not",
            "narrative" => "narrative (aligned, critical, balanced, none)",
            _ => rest.Replace('-', ' '),
        };
        return $"{head}, {string.Join(" ", words)}: {metricName}".Replace(", :", ":");
    }
}
