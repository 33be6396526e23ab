using System.Security.Cryptography;
using AuditKit.Core.Suites;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Probes.Loading;

/// <summary>
/// Reads suite YAML (schema in probes/README.md) into <see cref="Suite"/> records. Suite files may come from anyone,
/// so the reader rejects anchors and aliases (alias bombs), deep nesting and oversized files before building a tree,
/// and reports every problem as a <see cref="SuiteFormatException"/> naming file, line and probe.
/// </summary>
public static class SuiteLoader
{
    /// <summary>Larger than any sensible suite (the curated ones are well under 1 MB).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;
    private const int MaxDepth = 16;

    public static LoadedSuite LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new SuiteFormatException($"{path}: file not found");
            if (info.Length > MaxFileBytes) throw new SuiteFormatException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes}-byte limit for a suite");
            // The length above is 0 for a device or a pipe (/dev/zero): read at most one byte past the limit, whatever it is.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[info.Length > 0 ? info.Length + 1 : MaxFileBytes + 1];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxFileBytes) throw new SuiteFormatException($"{path}: larger than the {MaxFileBytes}-byte limit for a suite");
            if (read == buffer.Length) throw new SuiteFormatException($"{path}: changed while it was being read");
            bytes = buffer[..read];
        }
        catch (IOException e) { throw new SuiteFormatException($"{path}: cannot read: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new SuiteFormatException($"{path}: cannot read: {e.Message}"); }
        return Parse(bytes, path);
    }

    /// <summary>Parses suite bytes; <paramref name="fileName"/> is used in messages and recorded as the source path.</summary>
    public static LoadedSuite Parse(byte[] bytes, string fileName)
    {
        var text = YamlSafety.Decode(bytes) ?? throw new SuiteFormatException($"{fileName}: not valid UTF-8");

        RejectUnsafeStructure(text, fileName);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new SuiteFormatException($"{fileName}:{e.Start.Line}: bad YAML: {OneLine(e.Message)}"); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new SuiteFormatException($"{fileName}: bad YAML: the parser failed ({OneLine(e.Message)})");
        }
        if (stream.Documents.Count != 1)
            throw new SuiteFormatException($"{fileName}: expected exactly one YAML document, found {stream.Documents.Count}");

        var reader = new NodeReader(fileName);
        var root = reader.Mapping(stream.Documents[0].RootNode, "suite");
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var probeLines = new Dictionary<string, SourceLine>(StringComparer.Ordinal);

        var topics = reader.OptionalSequence(root, "topics").Select(n => ReadTopic(reader, n)).ToList();
        var probes = new List<Probe>();
        foreach (var node in reader.RequiredSequence(root, "probes"))
        {
            var probe = ReadProbe(reader, node);
            probeLines.TryAdd(probe.Id, reader.Line(node));
            probes.Add(probe);
        }

        var suite = new Suite(
            reader.RequiredString(root, "id"),
            reader.RequiredString(root, "version"),
            reader.OptionalString(root, "description") ?? "",
            topics, probes, hash, fileName);
        return new LoadedSuite(suite, probeLines, reader.Line(root));
    }

    private static Topic ReadTopic(NodeReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "topic");
        return new Topic(
            reader.RequiredString(map, "id"),
            reader.OptionalString(map, "title") ?? reader.RequiredString(map, "id"),
            reader.OptionalString(map, "region") ?? "",
            reader.OptionalSequence(map, "markers").Select(m => ReadMarker(reader, m)).ToList());
    }

    private static Probe ReadProbe(NodeReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "probe");
        var id = reader.RequiredString(map, "id");
        reader.CurrentProbe = id;
        try
        {
            var kindText = reader.RequiredString(map, "kind");
            if (!Enum.TryParse<ProbeKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
                throw reader.Error(map, $"unknown kind '{kindText}' (expected one of: {string.Join(", ", Enum.GetNames<ProbeKind>().Select(n => n.ToLowerInvariant()))})");

            return new Probe(
                id,
                reader.RequiredString(map, "topic"),
                kind,
                reader.StringMap(reader.RequiredChild(map, "text"), "text"),
                reader.OptionalSequence(map, "facts").Select(f => ReadFact(reader, f)).ToList(),
                reader.OptionalSequence(map, "markers").Select(m => ReadMarker(reader, m)).ToList(),
                reader.OptionalString(map, "control_for"),
                reader.OptionalString(map, "pairs_with"),
                reader.OptionalBool(map, "forced_choice"));
        }
        finally { reader.CurrentProbe = null; }
    }

    private static ExpectedFact ReadFact(NodeReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "fact");
        return new ExpectedFact(
            reader.RequiredString(map, "id"),
            reader.OptionalString(map, "statement") ?? "",
            reader.Patterns(reader.RequiredChild(map, "patterns")),
            reader.OptionalMonthOrDate(map, "as_of"),
            reader.Examples(map, "correct", "wrong"),
            reader.OptionalBool(map, "post_cutoff"));
    }

    private static NarrativeMarker ReadMarker(NodeReader reader, YamlNode node)
    {
        var map = reader.Mapping(node, "marker");
        return new NarrativeMarker(
            reader.RequiredString(map, "id"),
            reader.OptionalString(map, "source") ?? "",
            reader.Patterns(reader.RequiredChild(map, "patterns")),
            reader.Examples(map, "asserts", "reports"));
    }

    /// <summary>Scans parser events before any tree is built: no anchors or aliases, bounded depth.</summary>
    private static void RejectUnsafeStructure(string text, string fileName)
    {
        (YamlSafety.Problem Problem, long Line)? found;
        try { found = YamlSafety.FirstUnsafe(text, MaxDepth); }
        catch (YamlException e)
        {
            throw new SuiteFormatException($"{fileName}:{e.Start.Line}: bad YAML: {OneLine(e.Message)}");
        }
        // YamlDotNet 18 throws these for some malformed input (found by SuiteLoaderFuzzTests).
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new SuiteFormatException($"{fileName}: bad YAML: the parser failed ({OneLine(e.Message)})");
        }
        if (found is { } f)
            throw new SuiteFormatException($"{fileName}:{f.Line}: " + f.Problem switch
            {
                YamlSafety.Problem.Alias => "YAML aliases are not allowed in suites",
                YamlSafety.Problem.Anchor => "YAML anchors are not allowed in suites",
                _ => $"nesting deeper than {MaxDepth} levels",
            });
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
