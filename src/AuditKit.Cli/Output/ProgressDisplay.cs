using System.Diagnostics;
using System.Globalization;
using AuditKit.Runner;
using Spectre.Console;

namespace AuditKit.Cli.Output;

/// <summary>
/// Shows run progress: a live bar (attempts done/total, tokens/s, ETA) on a terminal, a plain line every few
/// seconds when output is redirected, nothing with --quiet. Probe ids come from suite files and are sanitised.
/// </summary>
public sealed class ProgressDisplay(TextWriter writer, bool interactive, bool quiet)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public async Task<T> RunAsync<T>(string title, Func<IProgress<RunProgress>, Task<T>> work)
    {
        if (quiet) return await work(new Progress<RunProgress>());
        if (!interactive) return await RunPlainAsync(title, work);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.Yes });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(TerminalText.Safe(title, 60)), maxValue: 1);
                var progress = new SynchronousProgress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(Describe(title, p));
                });
                return await work(progress);
            });
    }

    private async Task<T> RunPlainAsync<T>(string title, Func<IProgress<RunProgress>, Task<T>> work)
    {
        var sinceLast = Stopwatch.StartNew();
        var progress = new SynchronousProgress<RunProgress>(p =>
        {
            bool finished = p.Done == p.Total;
            if (!finished && sinceLast.Elapsed < PlainInterval && p.Last is not null) return;
            sinceLast.Restart();
            writer.WriteLine(Describe(title, p));
        });
        return await work(progress);
    }

    private static string Describe(string title, RunProgress p)
    {
        var eta = p.Remaining is { } r ? $", ETA {r:hh\\:mm\\:ss}" : "";
        var failed = p.Failed > 0 ? $", {p.Failed} failed" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{TerminalText.Safe(title, 60)}: {p.Done}/{p.Total} attempts{failed}, {p.TokensPerSecond:F1} tokens/s{eta}");
    }
}
