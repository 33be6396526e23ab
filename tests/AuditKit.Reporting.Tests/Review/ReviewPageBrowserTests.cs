using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Review;
using AuditKit.Reporting.Tests.Exporters;
using AuditKit.TestSupport;
using Microsoft.Playwright;

namespace AuditKit.Reporting.Tests.Review;

/// <summary>
/// Drives the labelling page in Debian's headless Chromium the way a reviewer would: keys, clicks, reloads and the
/// Save button, with the page's own Content-Security-Policy in force unless a test says otherwise. Set
/// AUDITKIT_TEST_ARTIFACTS to a folder to keep the pages and screenshots for a look.
/// </summary>
public class ReviewPageBrowserTests(ChromiumRenderingTests.BrowserFixture browser) : IClassFixture<ChromiumRenderingTests.BrowserFixture>
{
    private const string Codebook = "# AuditKit annotation codebook\n\n| label | definition |\n|---|---|\n| `COMPLETE` | Does what was asked. |\n";

    [ChromiumFact]
    public async Task SaveCsv_ThreeAnswersLabelledByKeyboard_SheetReadsThoseLabels()
    {
        using var tmp = new TempDirectory();
        var items = ReviewItems.Mixed();
        await using var session = await OpenAsync(tmp, items, "review.html");
        var page = session.Page;

        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("c");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("A");
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("=official line");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("3");
        await page.Keyboard.PressAsync("n");
        Assert.Equal("3 of 5 labelled", await page.TextContentAsync("#progress"));
        Assert.Equal("Answer 3 of 5", await page.TextContentAsync("#position"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#save"));
        var saved = tmp.File("saved.csv");
        await download.SaveAsAsync(saved);
        var rows = ReviewSheet.Read(saved);

        Assert.Equal("review-labels.csv", download.SuggestedFilename);
        Assert.Equal(items.Select(i => i.AttemptId), rows.Select(r => r.AttemptId));
        Assert.Equal((ComplianceLabel.Complete, NarrativeLabel.Critical), (rows[0].Compliance!.Value, rows[0].Narrative!.Value));
        Assert.Equal((ComplianceLabel.Evasive, NarrativeLabel.Aligned), (rows[1].Compliance!.Value, rows[1].Narrative!.Value));
        Assert.Equal("=official line", rows[1].Note);
        Assert.Equal((ComplianceLabel.Denial, NarrativeLabel.None), (rows[2].Compliance!.Value, rows[2].Narrative!.Value));
        Assert.True(rows[3].IsBlank && rows[4].IsBlank);
        Assert.Empty(session.Problems);
    }

    [ChromiumFact]
    public async Task SaveCsv_NothingLabelled_SameBytesAsTheSheetWriter()
    {
        using var tmp = new TempDirectory();
        string longAnswer = new string('a', ReviewSheet.MaxCellLength - 1) + "\U0001F600" + new string('b', 5_000);
        var items = ReviewItems.Mixed().Concat(ReviewItems.Hostile()).Append(ReviewItems.Item("long-001", "en", " leading space, trailing ", longAnswer))
            .Append(ReviewItems.Item("broken-001", "zh", "\uD83D lone high", "lone low \uDE00", reasoning: "")).ToList();
        await using var session = await OpenAsync(tmp, items, "review.html");

        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync("#save"));
        var saved = tmp.File("saved.csv");
        await download.SaveAsAsync(saved);
        var written = tmp.File("written.csv");
        ReviewSheet.Write(written, items);

        Assert.Equal(File.ReadAllBytes(written), File.ReadAllBytes(saved));
        Assert.Empty(session.Problems);
    }

    [ChromiumFact]
    public async Task Open_NoAnswers_SaysSoAndSavesAnEmptySheet()
    {
        using var tmp = new TempDirectory();
        await using var session = await OpenAsync(tmp, [], "empty.html");
        await session.Page.Keyboard.PressAsync("1");
        await session.Page.Keyboard.PressAsync("j");

        Assert.Equal("No answers", await session.Page.TextContentAsync("#position"));
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync("#save"));
        var saved = tmp.File("saved.csv");
        await download.SaveAsAsync(saved);
        Assert.Empty(ReviewSheet.Read(saved));
        Assert.Empty(session.Problems);
    }

    [ChromiumFact]
    public async Task Reload_AfterLabelling_LabelsAndPositionKept()
    {
        using var tmp = new TempDirectory();
        await using var session = await OpenAsync(tmp, ReviewItems.Mixed(), "review.html");
        var page = session.Page;
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("b");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("1");
        // The page stores labels as each key is handled; wait until the last key has been, or a busy machine reloads first.
        await page.WaitForFunctionAsync("document.getElementById('partly').textContent === '1 with one label only'");

        await page.ReloadAsync();

        Assert.Equal("1 of 5 labelled", await page.TextContentAsync("#progress"));
        Assert.Equal("1 with one label only", await page.TextContentAsync("#partly"));
        Assert.Equal("Answer 2 of 5", await page.TextContentAsync("#position"));
        Assert.Equal("true", await page.GetAttributeAsync("[data-compliance=COMPLETE]", "aria-pressed"));
        await page.Keyboard.PressAsync("k");
        Assert.Equal("true", await page.GetAttributeAsync("[data-narrative=BALANCED]", "aria-pressed"));
    }

    [ChromiumFact]
    public async Task HostileAnswers_WithoutThePolicy_NothingRunsAndTextShownLiterally()
    {
        using var tmp = new TempDirectory();
        var items = ReviewItems.Hostile();
        // Policy bypassed: only the JSON escaping and textContent stand between the payloads and the browser.
        await using var session = await OpenAsync(tmp, items, "hostile.html", bypassPolicy: true);
        var page = session.Page;

        foreach (var item in items)
        {
            Assert.Equal(item.Answer, await page.EvaluateAsync<string>("() => document.getElementById('answer').textContent"));
            Assert.Equal(item.Prompt, await page.EvaluateAsync<string>("() => document.getElementById('prompt').textContent"));
            Assert.Equal(item.Reasoning ?? "", await page.EvaluateAsync<string>("() => document.getElementById('reasoning').textContent"));
            await page.Keyboard.PressAsync("j");
        }
        await page.WaitForTimeoutAsync(200); // let an onerror or onload handler fire if one had slipped through
        await page.ClickAsync("#reasoning-box summary"); // the last answer, which has a hostile trace
        await session.ScreenshotAsync(tmp.File("hostile.png"));

        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned !== undefined"), "a payload set window.__pwned");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img, svg, iframe, object, embed, b, #injected, [onload], [onerror]').length"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.Empty(session.Problems);
    }

    [ChromiumFact]
    public async Task InjectedInlineScript_BlockedByThePolicyWhileThePageStillWorks()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.html");
        ReviewPage.Write(path, ReviewItems.Mixed(), Codebook);
        // What an answer that broke out of its JSON block would add: an inline script and an inline handler.
        string html = File.ReadAllText(path).Replace("<body>", "<body><script>window.__pwned = 'script';</script><img src=x onerror=\"window.__pwned = 'handler'\">");
        File.WriteAllText(path, html);
        await using var session = await OpenPathAsync(path, bypassPolicy: false);

        await session.Page.WaitForTimeoutAsync(200);

        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.__pwned !== undefined"), "the policy let an injected script run");
        Assert.Equal("0 of 5 labelled", await session.Page.TextContentAsync("#progress"));
        Assert.Contains(session.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Layout_At420And1400Pixels_NoSidewaysScrollLabelsInViewCodebookAtHand()
    {
        using var tmp = new TempDirectory();
        var items = ReviewItems.Mixed();
        items[0] = items[0] with { Answer = string.Concat(Enumerable.Repeat("中国政府始终坚持以人民为中心的发展思想，", 60)) + "\nhttps://example.org/" + new string('x', 300) };
        string codebook = File.ReadAllText(Path.Combine(RepoPaths.Models, "CODEBOOK.md"));

        foreach (var (width, height) in new[] { (420, 900), (1400, 900) })
        {
            await using var session = await OpenAsync(tmp, items, $"layout-{width}.html", codebook: codebook, viewport: (width, height));
            var page = session.Page;

            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"the page scrolls sideways at {width} px");
            foreach (var button in await page.QuerySelectorAllAsync("footer button"))
            {
                var box = await button.BoundingBoxAsync();
                Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height, $"a label button is off screen at {width} px");
            }
            bool codebookShown = await page.IsVisibleAsync("#codebook");
            if (width >= 1000)
            {
                Assert.True(codebookShown, "the codebook should be open beside the answer on a wide screen");
                var answer = await (await page.QuerySelectorAsync("#answer"))!.BoundingBoxAsync();
                var panel = await (await page.QuerySelectorAsync("#codebook"))!.BoundingBoxAsync();
                Assert.True(panel!.X >= answer!.X + answer.Width, "the codebook covers the answer");
            }
            else
            {
                Assert.False(codebookShown, "the codebook should start closed on a narrow screen");
            }
            await session.ScreenshotAsync(tmp.File($"review-{width}.png"));

            await page.Keyboard.PressAsync("?");
            Assert.Equal(width < 1000, await page.IsVisibleAsync("#codebook"));
            await session.ScreenshotAsync(tmp.File($"review-{width}-codebook-toggled.png"));
            await page.Keyboard.PressAsync("?");

            // The Chinese answer with its reasoning trace open, labelled; then the Hindi one.
            await page.Keyboard.PressAsync("j");
            await page.ClickAsync("#reasoning-box summary");
            await page.Keyboard.PressAsync("2");
            await page.Keyboard.PressAsync("a");
            Assert.Equal("1 of 5 labelled", await page.TextContentAsync("#progress"));
            await session.ScreenshotAsync(tmp.File($"review-{width}-zh-labelled.png"));
            await page.Keyboard.PressAsync("j");
            await session.ScreenshotAsync(tmp.File($"review-{width}-hi.png"));
            Assert.Empty(session.Problems);
        }
    }

    private async Task<PageSession> OpenAsync(
        TempDirectory tmp, IReadOnlyList<ReviewItem> items, string name, bool bypassPolicy = false, string codebook = Codebook, (int Width, int Height)? viewport = null)
    {
        var path = tmp.File(name);
        ReviewPage.Write(path, items, codebook);
        return await OpenPathAsync(path, bypassPolicy, viewport);
    }

    private async Task<PageSession> OpenPathAsync(string path, bool bypassPolicy, (int Width, int Height)? viewport = null)
    {
        var chromium = await browser.GetAsync();
        var size = viewport ?? (1280, 900);
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = bypassPolicy,
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
        });
        var page = await context.NewPageAsync();
        var session = new PageSession(context, page, path);
        page.Dialog += async (_, d) => { session.Problems.Add("dialog: " + d.Message); await d.DismissAsync(); };
        page.PageError += (_, e) => session.Problems.Add("page error: " + e);
        page.Console += (_, m) =>
        {
            session.Console.Add(m.Text);
            if (m.Type is "error" or "warning") session.Problems.Add($"console {m.Type}: {m.Text}");
        };
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForSelectorAsync("body.ready");
        return session;
    }

    private sealed class PageSession(IBrowserContext context, IPage page, string path) : IAsyncDisposable
    {
        public IPage Page => page;

        /// <summary>Dialogs, script errors and console errors or warnings: a working page has none.</summary>
        public List<string> Problems { get; } = [];

        public List<string> Console { get; } = [];

        public async Task ScreenshotAsync(string file)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            if (Environment.GetEnvironmentVariable("AUDITKIT_TEST_ARTIFACTS") is { Length: > 0 } keep)
            {
                Directory.CreateDirectory(keep);
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
                File.Copy(path, Path.Combine(keep, Path.GetFileName(path)), overwrite: true);
            }
        }

        public async ValueTask DisposeAsync() => await context.DisposeAsync();
    }
}
