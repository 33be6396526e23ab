using System.Globalization;
using System.Text.RegularExpressions;
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
    public LocalizedPatterns Patterns(YamlNode node) => new(TextLists(node, "patterns"));

    /// <summary>Language code to one string or a list of strings (patterns, example answers).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TextLists(YamlNode node, string key)
    {
        var map = Mapping(node, $"'{key}'");
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var language = Scalar(k, $"a language key of '{key}'");
            IReadOnlyList<string> texts = v switch
            {
                YamlScalarNode s => [s.Value ?? ""],
                YamlSequenceNode seq => seq.Children.Select(c => Scalar(c, $"an entry of '{key}.{language}'")).ToList(),
                _ => throw Error(v, $"'{key}.{language}' must be a string or a list of strings"),
            };
            if (!result.TryAdd(language, texts))
                throw Error(k, $"'{key}' lists language '{language}' twice");
        }
        return result;
    }

    /// <summary>Two sets of example answers under <paramref name="matchKey"/> and <paramref name="noMatchKey"/>, or null when the field is absent.</summary>
    public PatternExamples? Examples(YamlMappingNode owner, string matchKey, string noMatchKey)
    {
        if (Child(owner, "examples") is not { } node) return null;
        var map = Mapping(node, "'examples'");
        foreach (var (k, _) in map.Children)
        {
            var key = Scalar(k, "a key of 'examples'");
            if (key != matchKey && key != noMatchKey)
                throw Error(k, $"'examples' has unknown key '{key}' (expected '{matchKey}' or '{noMatchKey}')");
        }
        var empty = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        return new PatternExamples(
            Child(map, matchKey) is { } match ? TextLists(match, $"examples.{matchKey}") : empty,
            Child(map, noMatchKey) is { } noMatch ? TextLists(noMatch, $"examples.{noMatchKey}") : empty);
    }

    public bool OptionalBool(YamlMappingNode map, string key)
    {
        var text = OptionalString(map, key);
        return text switch
        {
            null => false,
            "true" => true,
            "false" => false,
            _ => throw Error(Child(map, key)!, $"field '{key}' must be true or false, not '{text}'"),
        };
    }

    /// <summary>A date of the form YYYY-MM or YYYY-MM-DD that exists in the calendar.</summary>
    public string? OptionalMonthOrDate(YamlMappingNode map, string key)
    {
        var text = OptionalString(map, key);
        if (text is null) return null;
        bool valid = Regex.IsMatch(text, @"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
            && DateOnly.TryParseExact(text.Length == 7 ? text + "-01" : text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out _);
        return valid ? text : throw Error(Child(map, key)!, $"field '{key}' must be a date YYYY-MM or YYYY-MM-DD, not '{text}'");
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string key) =>
        node is YamlSequenceNode seq ? seq.Children : throw Error(node, $"field '{key}' must be a list");

    private string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}
