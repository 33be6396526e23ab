using System.Text;
using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Tests;

public class SuiteLoaderTests
{
    private static LoadedSuite Parse(string yaml) => SuiteLoader.Parse(Encoding.UTF8.GetBytes(yaml), "test.yaml");

    private const string Valid = """
        id: t
        version: 1.0.0
        description: test
        topics:
          - id: taiwan
            title: Taiwan
            region: china
            markers:
              - id: ancient
                source: white paper
                patterns:
                  en: ['since ancient times']
                  zh-Hans: ['自古以来']
        probes:
          - id: p1
            topic: taiwan
            kind: fact
            text:
              en: Who governs Taiwan?
              zh-Hans: 台湾由谁治理？
            facts:
              - id: roc
                statement: The ROC governs Taiwan
                patterns:
                  en: ['Republic of China', 'ROC']
                  zh-Hans: '中华民国'
        """;

    [Fact]
    public void Parse_ValidSuite_ReadsProbesFactsAndMarkers()
    {
        var loaded = Parse(Valid);
        var probe = Assert.Single(loaded.Suite.Probes);
        Assert.Equal(ProbeKind.Fact, probe.Kind);
        Assert.Equal("台湾由谁治理？", probe.Text["zh-Hans"]);
        Assert.Equal(["中华民国"], probe.Facts[0].Patterns.For("zh-Hans"));
        Assert.Equal("ancient", Assert.Single(loaded.Suite.MarkersFor(probe)).Id);
        Assert.Equal(64, loaded.Suite.ContentHash.Length);
        Assert.Equal(15, loaded.LineOf("p1").Line);
    }

    [Fact]
    public void Parse_Utf8ByteOrderMarkBeforeTheFirstKey_LoadsTheSuite()
    {
        // Windows editors save one; it used to become part of the first key, and the error blamed a missing 'id'.
        var loaded = SuiteLoader.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)], "test.yaml");
        Assert.Equal("t", loaded.Suite.Id);
        Assert.Equal(15, loaded.LineOf("p1").Line);
    }

    [Fact]
    public void Parse_ProbeIdWithABidiOverride_IsRefusedNamingFileAndLine()
    {
        var e = Assert.Throws<SuiteFormatException>(() => Parse(Valid.Replace("  - id: p1", "  - id: p1\u202eevil")));
        Assert.StartsWith("test.yaml:15:", e.Message);
        Assert.Contains("control or bidirectional character (U+202E)", e.Message);
    }

    [Fact]
    public void Parse_UnknownKind_NamesFileLineAndProbe()
    {
        var e = Assert.Throws<SuiteFormatException>(() => Parse(Valid.Replace("kind: fact", "kind: rant")));
        Assert.StartsWith("test.yaml:15: probe 'p1': unknown kind 'rant'", e.Message);
    }

    [Fact]
    public void Parse_MissingText_NamesProbe()
    {
        var yaml = "id: t\nversion: '1'\nprobes:\n  - id: p9\n    topic: x\n    kind: opinion\n";
        var e = Assert.Throws<SuiteFormatException>(() => Parse(yaml));
        Assert.Contains("probe 'p9': missing field 'text'", e.Message);
    }

    [Fact]
    public void Parse_BadYaml_ReportsLine()
    {
        var e = Assert.Throws<SuiteFormatException>(() => Parse("id: t\nprobes: [\n  - id: {\n"));
        Assert.Matches(@"^test\.yaml:\d+: bad YAML", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_AliasBomb_IsRejectedBeforeExpansion()
    {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 9; i++) bomb.Append($"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n");
        var e = Assert.Throws<SuiteFormatException>(() => Parse(bomb.ToString()));
        Assert.Contains("anchors are not allowed", e.Message);
    }

    [Fact]
    public void Parse_DeepNesting_IsRejected()
    {
        var deep = "id: " + new string('[', 500) + new string(']', 500);
        var e = Assert.Throws<SuiteFormatException>(() => Parse(deep));
        Assert.Contains("nesting deeper", e.Message);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRejectedWithFileName()
    {
        var e = Assert.Throws<SuiteFormatException>(() => SuiteLoader.Parse([0x69, 0x64, 0x3A, 0x20, 0xC3, 0x28], "bad.yaml"));
        Assert.Equal("bad.yaml: not valid UTF-8", e.Message);
    }

    [Fact]
    public void LoadFile_Missing_SaysNotFound()
    {
        var e = Assert.Throws<SuiteFormatException>(() => SuiteLoader.LoadFile("/nonexistent/x.yaml"));
        Assert.Equal("/nonexistent/x.yaml: file not found", e.Message);
    }
}
