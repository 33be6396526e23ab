using AuditKit.Cli.Output;

namespace AuditKit.Cli.Tests;

public class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[2J\u001b[31mred", "\\u001b[2J\\u001b[31mred")]
    [InlineData("bell\u0007 nul\u0000", "bell\\u0007 nul\\u0000")]
    [InlineData("line\nbreak\r", "line\\nbreak\\r")]
    [InlineData("rtl\u202Eevil", "rtl\\u202eevil")]
    public void Safe_ControlAndBidiCharacters_AreShownAsVisibleEscapes(string hostile, string expected) =>
        Assert.Equal(expected, TerminalText.Safe(hostile));

    [Fact]
    public void Safe_LongText_IsCut() => Assert.Equal(11, TerminalText.Safe(new string('x', 100), 10).Length);

    [Fact]
    public void Safe_ChineseAndHindi_PassUnchanged() => Assert.Equal("台灣 भारत", TerminalText.Safe("台灣 भारत"));

    [Fact]
    public void SafeJson_BidiAndSeparatorsInsideStrings_AreEscapedAndReadBackTheSame()
    {
        var json = "{\n  \"label\": \"evil\u202e\u2028txt\u0085\"\n}";
        var safe = TerminalText.SafeJson(json);
        Assert.DoesNotContain('\u202e', safe);
        Assert.DoesNotContain('\u2028', safe);
        Assert.Equal("evil\u202e\u2028txt\u0085", System.Text.Json.JsonDocument.Parse(safe).RootElement.GetProperty("label").GetString());
    }

    [Fact]
    public void TerminalSafeJsonStream_BidiSplitBetweenTwoWrites_IsStillEscaped()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("[\"a\u202eb 台\"]\n");
        using var sink = new MemoryStream();
        using (var stream = new TerminalSafeJsonStream(sink))
        {
            for (int i = 0; i < bytes.Length; i++) stream.Write(bytes, i, 1); // one byte at a time: every character split
            stream.Flush();
        }
        Assert.Equal("[\"a\\u202eb 台\"]\n", System.Text.Encoding.UTF8.GetString(sink.ToArray()));
    }
}
