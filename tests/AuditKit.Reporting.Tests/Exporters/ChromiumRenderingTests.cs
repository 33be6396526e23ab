using System.IO.Compression;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;
using Microsoft.Playwright;

namespace AuditKit.Reporting.Tests.Exporters;

/// <summary>
/// Opens the reports in real headless Chromium with the page's Content-Security-Policy switched off, so that only
/// the escaping stands between the payloads and the browser, and proves that none of them ran or added an element.
/// Set AUDITKIT_TEST_ARTIFACTS to a folder to keep the screenshots for a look.
/// </summary>
public class ChromiumRenderingTests(ChromiumRenderingTests.BrowserFixture browser) : IClassFixture<ChromiumRenderingTests.BrowserFixture>
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [ChromiumFact]
    public async Task HtmlReport_HostileAnswers_NothingRunsAndChartsRender()
    {
        using var tmp = new TempDirectory();
        var summary = AuditSummaryBuilder.Build([SampleRuns.Hostile(), SampleRuns.Base()], ReportPolicy.Default, "Hostile <script>document.title='pwned'</script>", SnapshotBuilder.Time);
        var paths = await new HtmlExporter().ExportAsync(summary, tmp.Path, CancellationToken.None);

        var page = await OpenAsync(browser, paths[0], tmp.File("report.png"));
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.PageErrors);
        Assert.Empty(page.Console);
        Assert.False(page.Pwned, "a payload set window.__pwned");
        Assert.StartsWith("Hostile <script>", page.Title); // shown as text, not run
        Assert.Equal(0, page.InjectedElements);
        Assert.Equal(7, page.ChartCount); // refused and aligned in three languages, and the topic heat map
        Assert.Contains("<script>window.__pwned = 1;", page.BodyText);
        Assert.True(page.ScreenshotDistinctBytes > 20, $"screenshot looks blank ({page.ScreenshotDistinctBytes} distinct byte values)");
    }

    [ChromiumFact]
    public async Task CompareHtml_HostileAnswers_NothingRuns()
    {
        using var tmp = new TempDirectory();
        var candidate = SampleRuns.Hostile();
        var baseRun = new SnapshotBuilder("base", "b");
        foreach (var a in candidate.Attempts)
            baseRun.Add(a.Attempt.Key.ProbeId, a.Attempt.Topic, a.Attempt.Key.Language, AuditKit.Core.Verdicts.ComplianceLabel.Denial, response: a.Attempt.Response);
        var comparison = AuditKit.Reporting.Comparisons.RunComparer.Compare(baseRun.Build(), candidate, ReportPolicy.Default, SnapshotBuilder.Time);
        var paths = await new CompareHtmlExporter().ExportAsync(comparison, tmp.Path, CancellationToken.None);

        var page = await OpenAsync(browser, paths[0], tmp.File("compare.png"));
        Assert.Empty(page.Dialogs);
        Assert.Empty(page.PageErrors);
        Assert.False(page.Pwned);
        Assert.Equal(0, page.InjectedElements);
        Assert.Contains("<img src=x onerror=", page.BodyText);
    }

    private sealed record PageFacts(
        List<string> Dialogs, List<string> PageErrors, List<string> Console, bool Pwned, string Title,
        int InjectedElements, int ChartCount, string BodyText, int ScreenshotDistinctBytes);

    /// <summary>One browser for the class: launching Chromium is the slow part. Started lazily so a skipped test never launches it.</summary>
    public sealed class BrowserFixture : IAsyncDisposable
    {
        private IPlaywright? playwright;
        private IBrowser? browser;

        public async Task<IBrowser> GetAsync()
        {
            if (browser is not null) return browser;
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return browser;
        }

        public async ValueTask DisposeAsync()
        {
            if (browser is not null) await browser.DisposeAsync();
            playwright?.Dispose();
        }
    }

    private static async Task<PageFacts> OpenAsync(BrowserFixture fixture, string htmlPath, string screenshotPath)
    {
        var browser = await fixture.GetAsync();
        // BypassCSP: test the escaping on its own, without the CSP's second line of defence.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, JavaScriptEnabled = true });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var errors = new List<string>();
        var console = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(200); // let any onerror/onload handler fire if one had slipped through

        bool pwned = await page.EvaluateAsync<bool>("() => window.__pwned !== undefined");
        string title = await page.TitleAsync();
        int injected = await page.EvaluateAsync<int>(
            "() => document.querySelectorAll('script:not(#explorer-data):not(#explorer-script), img, a[href^=javascript], a:not([href]), iframe, object, embed, #injected, pwned, [onload], [onerror], [onclick]').length");
        int charts = await page.EvaluateAsync<int>("() => document.querySelectorAll('svg.chart').length");
        string body = await page.EvaluateAsync<string>("() => document.body.innerText");
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = screenshotPath });
        if (Environment.GetEnvironmentVariable("AUDITKIT_TEST_ARTIFACTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(screenshotPath, Path.Combine(keep, Path.GetFileName(screenshotPath)), overwrite: true);
            File.Copy(htmlPath, Path.Combine(keep, Path.GetFileName(htmlPath)), overwrite: true);
        }
        return new PageFacts(dialogs, errors, console, pwned, title, injected, charts, body, DistinctPixelBytes(png));
    }

    /// <summary>Inflates the PNG's image data and counts distinct byte values: a blank page has very few.</summary>
    private static int DistinctPixelBytes(byte[] png)
    {
        using var idat = new MemoryStream();
        for (int offset = 8; offset + 8 <= png.Length;)
        {
            int length = (png[offset] << 24) | (png[offset + 1] << 16) | (png[offset + 2] << 8) | png[offset + 3];
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            if (type == "IDAT") idat.Write(png, offset + 8, length);
            offset += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return raw.ToArray().Distinct().Count();
    }
}
