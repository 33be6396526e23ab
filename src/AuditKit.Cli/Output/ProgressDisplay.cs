using System.Globalization;
using AuditKit.Runner;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AuditKit.Cli.Output;

/// <summary>
/// Shows run progress: on a terminal one bar that fits 80 columns (short title, bar, percentage, then done/total,
/// tokens/s and one ETA); when output is redirected, one plain line per 10 % of the attempts; nothing with --quiet.
/// Probe ids and model names come from files and servers and are sanitised.
/// </summary>
public sealed class ProgressDisplay(TextWriter writer, bool interactive, bool quiet)
{
    private const int PlainStepPercent = 10;
    private const int TitleWidth = 16;
    private const int BarWidth = 20;

    public async Task<T> RunAsync<T>(string title, Func<IProgress<RunProgress>, Task<T>> work)
    {
        // Progress<T> would post every report to the thread pool for nothing.
        if (quiet) return await work(new SynchronousProgress<RunProgress>(_ => { }));
        if (!interactive) return await work(new SynchronousProgress<RunProgress>(new PercentProgress(title, PlainStepPercent, writer.WriteLine).Report));

        var figures = new RunFiguresColumn();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.Yes });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = BarWidth }, new PercentageColumn(), figures)
            .StartAsync(async ctx =>
            {
                var safe = TerminalText.Safe(title, TitleWidth * 4);
                var task = ctx.AddTask(Markup.Escape(safe.Length > TitleWidth ? safe[..(TitleWidth - 1)] + "…" : safe), maxValue: 1);
                var progress = new SynchronousProgress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    figures.Current = Figures(p);
                });
                return await work(progress);
            });
    }

    /// <summary>"380/380 1294 tok/s ETA 00:01:23": the counts, the rate and the only ETA on the line.</summary>
    private static string Figures(RunProgress p)
    {
        var failed = p.Failed > 0 ? $" {p.Failed} failed" : "";
        var eta = p.Remaining is { } r && p.Done < p.Total ? $" ETA {PercentProgress.Eta(r)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total}{failed} {p.TokensPerSecond:F0} tok/s{eta}");
    }

    /// <summary>The figures of the display's one task, set by each report and read by Spectre's render thread.</summary>
    private sealed class RunFiguresColumn : ProgressColumn
    {
        private volatile string _current = "";

        public string Current { get => _current; set => _current = value; }

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(_current);
    }
}
