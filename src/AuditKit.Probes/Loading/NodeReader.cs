using AuditKit.Core.Suites;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Probes.Loading;

/// <summary>Typed access to a YAML tree with errors that name file, line and the probe being read.</summary>
internal sealed class NodeReader(string fileName)
{
    public string? CurrentProbe { get; set; }

    public SourceLine Line(YamlNode node) => new(fileName, node.Start.Line);

    public SuiteFormatException Error(YamlNode node, string problem) =>
        new($"{fileName}:{node.Start.Line}: {(CurrentProbe is null ? "" : $"probe '{CurrentProbe}': ")}{problem}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of fields");

    public YamlNode RequiredChild(YamlMappingNode map, string key) =>
        Child(map, key) ?? throw Error(map, $"missing field '{key}'");

    public string RequiredString(YamlMappingNode map, string key)
    {
        var value = OptionalString(map, key);
        if (string.IsNullOrWhiteSpace(value)) throw Error(map, $"field '{key}' is missing or empty");
        // An id is printed and stored as a key: a bidi override in it would show another id than the one stored.
        if (key == "id" && Core.Text.UnsafeCharacters.FirstIn(value) is { } unsafeCharacter)
            throw Error(map, $"field 'id' contains a control or bidirectional character ({unsafeCharacter}); ids must be plain text");
        return value;
    }

    public string? OptionalString(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        return node is YamlScalarNode scalar ? scalar.Value : throw Error(node, $"field '{key}' must be a single value");
    }

    public IEnumerable<YamlNode> RequiredSequence(YamlMappingNode map, string key) =>
        Child(map, key) is { } node ? Sequence(node, key) : throw Error(map, $"missing field '{key}'");

    public IEnumerable<YamlNode> OptionalSequence(YamlMappingNode map, string key) =>
        Child(map, key) is { } node ? Sequence(node, key) : [];

    /// <summary>A mapping of language code to text, e.g. a probe's <c>text</c>.</summary>
    public IReadOnlyDictionary<string, string> StringMap(YamlNode node, string key)
    {
        var map = Mapping(node, $"'{key}'");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var language = Scalar(k, $"a key of '{key}'");
            if (!result.TryAdd(language, Scalar(v, $"'{key}.{language}'")))
                throw Error(k, $"'{key}' lists language '{language}' twice");
        }
        return result;
    }

    /// <summary>Language code to one pattern or a list of patterns.</summary>
    public LocalizedPatterns Patterns(YamlNode node)
    {
        var map = Mapping(node, "'patterns'");
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var language = Scalar(k, "a language key of 'patterns'");
            IReadOnlyList<string> patterns = v switch
            {
                YamlScalarNode s => [s.Value ?? ""],
                YamlSequenceNode seq => seq.Children.Select(c => Scalar(c, $"a pattern for '{language}'")).ToList(),
                _ => throw Error(v, $"patterns for '{language}' must be a string or a list of strings"),
            };
            if (!result.TryAdd(language, patterns))
                throw Error(k, $"'patterns' lists language '{language}' twice");
        }
        return new LocalizedPatterns(result);
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string key) =>
        node is YamlSequenceNode seq ? seq.Children : throw Error(node, $"field '{key}' must be a list");

    private string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}
