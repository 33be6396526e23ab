namespace AuditKit.Store;

/// <summary>
/// One instance per distinct value of the repeated columns a read returns (model, probe id, language, topic, kind,
/// prompt, fact ids): a million attempts name a few hundred probes, and one copy each keeps a large run's labels in
/// memory where a copy per row would not fit. Not thread-safe; one per read.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Of(string value)
    {
        if (_strings.TryGetValue(value, out var pooled)) return pooled;
        _strings.Add(value, value);
        return value;
    }

    public string? OfNullable(string? value) => value is null ? null : Of(value);
}
