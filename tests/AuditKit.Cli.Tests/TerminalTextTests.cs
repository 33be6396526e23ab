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
}
