using AuditKit.Reporting.Rendering;

namespace AuditKit.Reporting.Tests.Rendering;

public class AnswerTextTests
{
    [Theory]
    [InlineData("### **Key facts**", "Key facts")]
    [InlineData("This is **very** important and __so__ is this.", "This is very important and so is this.")]
    [InlineData("- first\n* second", "• first\n• second")]
    [InlineData("See [the report](https://example.org/x) now", "See the report (https://example.org/x) now")]
    [InlineData("```python\nprint(1)\n```", "print(1)")]
    [InlineData("an *emphasised* word, 2 * 3 * 4", "an emphasised word, 2 * 3 * 4")]
    [InlineData("---\n> quoted line", "quoted line")]
    [InlineData("天安门 **事件**", "天安门 事件")]
    public void Plain_MarkdownAnswer_ReadsAsPlainText(string markdown, string expected) =>
        Assert.Equal(expected, AnswerText.Plain(markdown));

    [Fact]
    public void Plain_HtmlInAnswer_KeptAsTextForTheFormatToEscape() =>
        Assert.Equal("<script>x</script>", AnswerText.Plain("<script>x</script>"));
}
