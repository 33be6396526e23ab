using AuditKit.Core.Suites;

namespace AuditKit.Core.Tests;

public class LanguageCodesTests
{
    [Theory]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData(" en-US ", "en")]
    [InlineData("fi", "fi")]
    public void Normalize_DatasetTags_BecomeTheCodesSuitesUse(string tag, string expected) =>
        Assert.Equal(expected, LanguageCodes.Normalize(tag));
}
