namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Chart labels for model names: the full name when it fits, else the name without its vendor prefix, else a cut in
/// the middle that keeps the end, where versions differ ("deepseek/deepseek-r1" and "deepseek/deepseek-r1-0528").
/// Labels are always unique: where two cuts collide, the longer form (finally the full name) is used.
/// </summary>
internal static class ModelLabels
{
    public static IReadOnlyDictionary<string, string> Unique(IEnumerable<string> names, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 8);
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var labels = distinct.ToDictionary(n => n, n => Shorten(n, maxChars), StringComparer.Ordinal);
        // A label shared by two names, or equal to another model's full name, falls back to the full name.
        for (int pass = 0; pass < 3; pass++)
        {
            var clashes = labels.GroupBy(p => p.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToList();
            if (clashes.Count == 0) break;
            foreach (var name in clashes) labels[name] = name;
        }
        return labels;
    }

    private static string Shorten(string name, int maxChars)
    {
        if (name.Length <= maxChars) return name;
        int slash = name.IndexOf('/');
        string rest = slash >= 0 && slash < name.Length - 1 ? name[(slash + 1)..] : name;
        if (rest.Length <= maxChars) return rest;
        int tail = (maxChars - 1) / 2, head = maxChars - 1 - tail;
        return rest[..head] + "…" + rest[^tail..];
    }
}
