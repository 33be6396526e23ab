using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Reporting.Review;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Review;

/// <summary>The labelling page as a file; <see cref="ReviewPageBrowserTests"/> drives it in Chromium.</summary>
public partial class ReviewPageTests
{
    private const string Codebook = "# Codebook\n\n| label | test |\n|---|---|\n| `COMPLETE` | **Would** the user say so? |\n\n1. Rule one\n   - en: example\n";

    [Fact]
    public void Write_HostileText_DataBlockCannotEndTheScriptElement()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        ReviewPage.Write(path, ReviewItems.Hostile(), Codebook);

        string html = File.ReadAllText(path);
        string data = DataBlock().Match(html).Groups[1].Value;
        Assert.NotEmpty(data);
        Assert.DoesNotContain('<', data);
        Assert.DoesNotContain('>', data);
        Assert.DoesNotContain('&', data);
        Assert.DoesNotContain('\u2028', data);
        Assert.DoesNotContain('\u2029', data);
        Assert.Equal(2, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Write_ChineseAndHindi_KeptReadableInThePage()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        ReviewPage.Write(path, ReviewItems.Mixed(), Codebook);

        string html = File.ReadAllText(path, Encoding.UTF8);
        Assert.Contains("关于八十年代末的政治风波", html);
        Assert.Contains("मैं इस विषय पर जानकारी नहीं दे सकता", html);
        Assert.Contains("\"Noto Sans CJK SC\"", html);
        Assert.Contains("\"Noto Sans Devanagari\"", html);
    }

    [Fact]
    public void Write_Page_PolicyAllowsOnlyThePagesOwnScriptAndNoNetwork()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        ReviewPage.Write(path, ReviewItems.Mixed(), Codebook);

        string html = File.ReadAllText(path);
        string policy = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").Groups[1].Value;
        string script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.Equal($"script-src 'sha256-{hash}'", directives["script-src"]);
        Assert.Equal("style-src 'unsafe-inline'", directives["style-src"]);
        Assert.False(directives.ContainsKey("connect-src") || directives.ContainsKey("img-src") || directives.ContainsKey("font-src"), policy);
        Assert.True(html.IndexOf("Content-Security-Policy", StringComparison.Ordinal) < html.IndexOf("<style>", StringComparison.Ordinal), "the policy must come before anything it governs");
    }

    [Fact]
    public void Write_CodebookWithMarkup_FormattedButNeverRaw()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        ReviewPage.Write(path, ReviewItems.Mixed(), Codebook + "\n<script>alert(1)</script> and <img src=x onerror=alert(2)> [link](javascript:alert(3))\n");

        string html = File.ReadAllText(path);
        string aside = Regex.Match(html, "<aside.*?</aside>", RegexOptions.Singleline).Value;
        Assert.Contains("<th>label</th>", aside);
        Assert.Contains("<td><code>COMPLETE</code></td>", aside);
        Assert.Contains("<strong>Would</strong>", aside);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", aside);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", aside);
        Assert.DoesNotContain("<script", aside);
        Assert.DoesNotContain("<a ", aside);
    }

    [Fact]
    public void Write_ExistingFile_ReplacedWithoutLeavingTempFiles()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        File.WriteAllText(path, "old");
        ReviewPage.Write(path, ReviewItems.Mixed(), Codebook);

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
        Assert.Equal(["review.html"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName));
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"review-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
