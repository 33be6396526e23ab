using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AuditKit.Probes.Loading;

/// <summary>
/// What suites and audit plans, both YAML anyone may write, check before they are parsed: the text is UTF-8 (a
/// byte-order mark, which Windows editors write, dropped rather than read as part of the first key), and it uses no
/// anchors or aliases (a few lines of aliases expand to gigabytes) and nests no deeper than the format needs.
/// </summary>
internal static class YamlSafety
{
    /// <summary>Which structure a document may not have.</summary>
    public enum Problem { Alias, Anchor, TooDeep }

    /// <summary>The text of <paramref name="bytes"/>, without a leading byte-order mark; null when it is not UTF-8.</summary>
    public static string? Decode(byte[] bytes)
    {
        var body = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes;
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>The first alias, anchor or nesting deeper than <paramref name="maxDepth"/>, with its line; null when there is none.</summary>
    /// <exception cref="YamlException">The text is not YAML (the caller says so with its line).</exception>
    public static (Problem Problem, long Line)? FirstUnsafe(string text, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            if (ev is AnchorAlias) return (Problem.Alias, ev.Start.Line);
            if (ev is NodeEvent { Anchor.IsEmpty: false }) return (Problem.Anchor, ev.Start.Line);
            if (ev is MappingStart or SequenceStart && ++depth > maxDepth) return (Problem.TooDeep, ev.Start.Line);
            if (ev is MappingEnd or SequenceEnd) depth--;
        }
        return null;
    }
}
