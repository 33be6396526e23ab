using System.CommandLine;
using System.Globalization;
using AuditKit.Benchmarks;
using AuditKit.Cli.Output;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit bench</c>: throughput ratios measured in one run on this machine (so its speed cancels out), with the
/// machine described beside them. Targets are reported, never turned into a failing exit code: a loaded machine is
/// not a bug. Exit code 1 only when a figure could not be measured at all.
/// </summary>
public static class BenchCommand
{

    public static Command Create(CliContext cli)
    {
        var command = new Command("bench", "Measure throughput ratios: run vs bare llama.cpp, --parallel 8, load once vs reload, HTTP concurrency, run and audit over HTTP, classifier, report");
        var o = new Options();
        foreach (var option in o.All) command.Options.Add(option);
        command.SetAction((result, ct) => ExecuteAsync(cli, o, result, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, Options o, ParseResult result, CancellationToken ct)
    {
        IReadOnlyList<IBenchmark> figures;
        try
        {
            figures = result.GetValue(o.Only) is { } only ? BenchmarkCatalog.Select(only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : BenchmarkCatalog.All;
        }
        catch (ArgumentException e) { throw new UserInputException($"--only: {e.Message}"); }
        if (figures.Count == 0) throw new UserInputException("--only: names no benchmark");
        var outFile = result.GetValue(o.Out) is { } requested ? OutputPaths.WritableFile(requested, "--out") : null;
        var scratch = Path.Combine(Path.GetTempPath(), $"auditkit-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        var settings = new BenchmarkSettings(result.GetValue(o.Quick), ToolPaths.SmokeModels(), scratch, Environment.ProcessorCount);
        BenchmarkReport report;
        try
        {
            // Progress<T> posts to the thread pool; a synchronous reporter keeps lines in order and out of the timings' way.
            report = await new BenchmarkRunner(cli.Clock).RunAsync(figures, settings, new LineProgress(cli.Error), ct);
        }
        catch (OperationCanceledException)
        {
            cli.Error.WriteLine("Interrupted; nothing was measured.");
            return ExitCodes.Interrupted;
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); }
            catch (IOException) { }
        }

        var json = BenchmarkReportJson.Serialize(report);
        if (outFile is not null) AtomicFile.WriteAllText(outFile, json + Environment.NewLine);
        if (result.GetValue(o.Json)) cli.Out.WriteLine(TerminalText.SafeJson(json));
        else PrintTable(cli.Out, report);

        var failed = report.Results.Where(r => r.Error is not null).ToList();
        foreach (var f in failed) cli.Error.WriteLine($"auditkit bench: {TerminalText.Safe(f.Name)} could not be measured: {TerminalText.Safe(f.Error, 1000)}");
        return failed.Count > 0 ? ExitCodes.FailedAttempts : ExitCodes.Success;
    }

    private static void PrintTable(TextWriter output, BenchmarkReport report)
    {
        var m = report.Machine;
        output.WriteLine($"Machine: {TerminalText.Safe(m.CpuModel)}, {m.LogicalCores} logical cores, {TerminalText.Safe(m.OperatingSystem)}, {TerminalText.Safe(m.DotNet)}");
        output.WriteLine($"Date: {m.StartedAt:yyyy-MM-dd HH:mm} UTC; load average before {m.LoadAverageBefore}, after {report.LoadAverageAfter}{(report.Quick ? "; --quick (tiny model, one repetition: not a measurement)" : "")}");
        output.WriteLine();
        output.WriteLine($"{"figure",-32} {"ratio",8} {"target",8}  result");
        foreach (var r in report.Results)
        {
            var ratio = double.IsFinite(r.Ratio) ? r.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
            var target = r.Target is { } t ? ">= " + t.ToString("0.##", CultureInfo.InvariantCulture) : "";
            var verdict = r.Error is not null ? "ERROR" : r.MeetsTarget switch { true => "met", false => "MISSED", null => "(reported)" };
            output.WriteLine($"{TerminalText.Safe(r.Name),-32} {ratio,8} {target,8}  {verdict}");
            foreach (var (key, value) in r.Details)
                output.WriteLine($"    {TerminalText.Safe(key)}: {TerminalText.Safe(value)}");
        }
    }

    /// <summary>The options of one command tree, built afresh each time (an option belongs to one parent).</summary>
    private sealed class Options
    {
        public readonly Option<bool> Json = new("--json") { Description = "Print one JSON object instead of a table" };
        public readonly Option<bool> Quick = new("--quick") { Description = "Fast, smaller run on the tiny smoke model (a check, not a measurement)" };
        public readonly Option<string?> Out = new("--out") { Description = "Also write the JSON object to this file" };
        public readonly Option<string?> Only = new("--only") { Description = "Comma-separated figure names to run (default: all)" };

        public IEnumerable<Option> All => [Json, Quick, Out, Only];
    }
}
