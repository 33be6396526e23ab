using System.Text.Json;
using AuditKit.Core.Runs;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Synthetic;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;
using Microsoft.Playwright;

namespace AuditKit.Reporting.Tests.Exporters;

/// <summary>
/// report.html as a reader sees it in Debian's headless Chromium, with its own Content-Security-Policy in force: a
/// 40-model report on a phone and on a desktop, the explorer, and what the policy blocks. Set AUDITKIT_TEST_ARTIFACTS
/// to a folder to keep the pages and screenshots for a look.
/// </summary>
public class ReportLayoutBrowserTests(ChromiumRenderingTests.BrowserFixture browser) : IClassFixture<ChromiumRenderingTests.BrowserFixture>
{
    /// <summary>Versions that differ only at the end, long names, and names in Chinese and Hindi.</summary>
    private static readonly string[] TrickyNames =
    [
        "deepseek/deepseek-r1", "deepseek/deepseek-r1-0528", "deepseek/deepseek-r1-zero", "anthropic/claude-3-5-sonnet-20241022",
        "anthropic/claude-3-7-sonnet-20250219", "organisation/very-long-model-family-name-instruct-2025-01-01",
        "organisation/very-long-model-family-name-instruct-2025-06-30", "阿里巴巴/通义千问-72b", "भारत/हिंदी-मॉडल-7b",
    ];

    private static IReadOnlyList<string> FortyModels() =>
        [.. TrickyNames, .. Enumerable.Range(0, 40 - TrickyNames.Length).Select(i => $"vendor-{i % 7}/model-{i:D2}-instruct")];

    private static AuditSummary FortyModelSummary()
    {
        var runs = FortyModels().Select((name, i) => SyntheticRuns.Create(attempts: 160, seed: 100 + i, modelName: name, probes: 20)).ToList();
        return AuditSummaryBuilder.Build(runs, ReportPolicy.Default, "Forty models", SnapshotBuilder.Time);
    }

    [ChromiumFact]
    public async Task HtmlReport_FortyModelsAt420And1400Pixels_NoSidewaysScrollAndEveryModelToldApartInEveryChart()
    {
        using var tmp = new TempDirectory();
        var paths = await new HtmlExporter().ExportAsync(FortyModelSummary(), tmp.Path, CancellationToken.None);
        var models = FortyModels().Order(StringComparer.Ordinal).ToList();

        foreach (int width in new[] { 420, 1400 })
        {
            await using var session = await OpenAsync(paths[0], width, bypassPolicy: false);
            var page = session.Page;

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (scrollWidth, clientWidth) = (widths[0], widths[1]);
            Assert.True(scrollWidth <= clientWidth, $"at {width} px the page scrolls sideways: {scrollWidth} > {clientWidth}");

            var charts = JsonDocument.Parse(await page.EvaluateAsync<string>("""
                () => JSON.stringify(Array.from(document.querySelectorAll('main svg.chart')).map(svg => {
                  const box = svg.getBoundingClientRect();
                  return { title: svg.getAttribute('aria-label'), left: box.left, right: box.right, labels: Array.from(svg.querySelectorAll('text.model')).map(t => {
                    const r = t.getBoundingClientRect();
                    return { full: t.querySelector('title').textContent, shown: t.textContent.slice(t.querySelector('title').textContent.length), top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
                  }) };
                }))
                """)).RootElement.EnumerateArray().ToList();

            Assert.Equal(9, charts.Count); // refused and aligned in four languages, and the heat map
            foreach (var chart in charts)
            {
                string title = chart.GetProperty("title").GetString()!;
                var labels = chart.GetProperty("labels").EnumerateArray().ToList();
                Assert.Equal(models, labels.Select(l => l.GetProperty("full").GetString()!).Order(StringComparer.Ordinal));
                Assert.Equal(40, labels.Select(l => l.GetProperty("shown").GetString()).Distinct().Count());
                var rows = labels.OrderBy(l => l.GetProperty("top").GetDouble()).ToList();
                for (int i = 1; i < rows.Count; i++)
                    Assert.True(rows[i].GetProperty("top").GetDouble() >= rows[i - 1].GetProperty("bottom").GetDouble() - 1,
                        $"{title} at {width} px: '{rows[i - 1].GetProperty("shown")}' and '{rows[i].GetProperty("shown")}' overlap");
                foreach (var l in labels)
                {
                    Assert.True(l.GetProperty("left").GetDouble() >= chart.GetProperty("left").GetDouble() - 1, $"{title} at {width} px cuts off '{l.GetProperty("shown")}' on the left");
                    Assert.True(l.GetProperty("height").GetDouble() >= 7, $"{title} at {width} px: '{l.GetProperty("shown")}' is {l.GetProperty("height").GetDouble():0.#} px tall, too small to read");
                }
            }
            Assert.Empty(session.Problems);
        }
    }

    [ChromiumFact]
    public async Task HtmlReport_InjectedInlineScript_BlockedByThePolicyWhileTheExplorerRuns()
    {
        using var tmp = new TempDirectory();
        string html = HtmlExporter.Render(AuditSummaryBuilder.Build([SampleRuns.Base()], ReportPolicy.Default, "t", SnapshotBuilder.Time));
        // What a failure of escaping would look like: markup that runs script, inside the page.
        html = html.Replace("</main>", "<script>window.__pwned = 1;</script><img src=\"data:,x\" onerror=\"window.__pwned = 2\"></main>", StringComparison.Ordinal);
        string path = tmp.File("report.html");
        await File.WriteAllTextAsync(path, html);

        await using var session = await OpenAsync(path, 1400, bypassPolicy: false);
        var page = session.Page;

        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned !== undefined"), "the injected script ran");
        Assert.Equal("ready", await page.GetAttributeAsync("html", "data-explorer"));
        Assert.True(await page.EvaluateAsync<int>("() => document.querySelectorAll('#grid-box a').length") > 0, "the explorer drew no grid");
        Assert.Empty(session.PageErrors);
    }

    [ChromiumFact]
    public async Task Explorer_HostileAnswers_OpenedFromGridAndSearchShownAsText()
    {
        using var tmp = new TempDirectory();
        var summary = AuditSummaryBuilder.Build([SampleRuns.Hostile(), SampleRuns.Base()], ReportPolicy.Default, "Hostile", SnapshotBuilder.Time);
        var paths = await new HtmlExporter().ExportAsync(summary, tmp.Path, CancellationToken.None);

        // Policy bypassed: only the escaping and textContent stand between the payloads and the browser.
        await using var session = await OpenAsync(paths[0], 1400, bypassPolicy: true);
        var page = session.Page;
        await page.SelectOptionAsync("#f-language", "en");
        await page.ClickAsync("#grid-box a[title^='evil<script>model, probe-0:']");
        string answer = await page.TextContentAsync("#answer-view .text") ?? "";
        await page.FillAsync("#search", "pwned");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#search-results li').length > 0");

        Assert.Equal(SampleRuns.Payloads[0], answer);
        Assert.Contains("Record ", await page.TextContentAsync("#answer-view .meta") ?? "");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned !== undefined"), "a payload ran");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main img, main iframe, #injected, pwned, main [onload], main [onerror], a[href^=javascript]').length"));
        Assert.Empty(session.PageErrors);
    }

    [ChromiumFact]
    public async Task Explorer_LanguageFilterAndSort_RatesTableShowsOneLanguageHighestFirst()
    {
        using var tmp = new TempDirectory();
        var paths = await new HtmlExporter().ExportAsync(FortyModelSummary(), tmp.Path, CancellationToken.None);
        await using var session = await OpenAsync(paths[0], 1400, bypassPolicy: false);
        var page = session.Page;

        await page.SelectOptionAsync("#f-language", "zh-Hans");
        await page.ClickAsync("#rates th:has-text('refused')"); // the first click sorts highest first
        var shown = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#rates tbody tr:not([hidden])')).map(r => r.cells[1].textContent + '|' + r.cells[3].textContent)");

        Assert.Equal(40, shown.Length);
        Assert.All(shown, r => Assert.StartsWith("zh-Hans|", r));
        var rates = shown.Select(r => double.Parse(r.Split('|')[1].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rates.OrderByDescending(r => r), rates);
        Assert.Empty(session.Problems);
    }

    private sealed class Session(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;
        public List<string> PageErrors { get; } = [];
        public List<string> Console { get; } = [];

        /// <summary>Script errors and console errors other than the policy's own reports of what it blocked.</summary>
        public IEnumerable<string> Problems => PageErrors.Concat(Console.Where(c => !c.Contains("Content Security Policy", StringComparison.Ordinal)));

        public ValueTask DisposeAsync() => context.DisposeAsync();
    }

    private async Task<Session> OpenAsync(string htmlPath, int width, bool bypassPolicy)
    {
        var b = await browser.GetAsync();
        var context = await b.NewContextAsync(new BrowserNewContextOptions { BypassCSP = bypassPolicy, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        var session = new Session(context, page);
        page.PageError += (_, e) => session.PageErrors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") session.Console.Add(m.Text); };
        page.Dialog += async (_, d) => { session.PageErrors.Add("dialog: " + d.Message); await d.DismissAsync(); };
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(200);
        if (Environment.GetEnvironmentVariable("AUDITKIT_TEST_ARTIFACTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            string stem = Path.Combine(keep, $"{Path.GetFileName(Path.GetDirectoryName(htmlPath))}-{width}");
            await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = stem + ".png" });
            File.Copy(htmlPath, stem + ".html", overwrite: true);
        }
        return session;
    }
}
