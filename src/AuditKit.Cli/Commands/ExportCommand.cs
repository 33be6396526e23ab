using System.CommandLine;
using AuditKit.Cli.Output;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit export</c>: every stored attempt (with verdicts once classified) as JSON Lines or CSV.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Option<string>("--run") { Description = "Run folder", Required = true };
        var format = new Option<string>("--format") { Description = "jsonl or csv", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output") { Description = "File to write (default: standard output)" };
        var excel = new Option<bool>("--excel") { Description = "CSV with a UTF-8 byte-order mark, for Excel" };
        var command = new Command("export", "Export stored attempts, one record per attempt") { run, format, output, excel };
        command.SetAction((r, ct) => ExecuteAsync(cli, r.GetValue(run)!, r.GetValue(format)!, r.GetValue(output), r.GetValue(excel), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, string runDirectory, string format, string? output, bool excel, CancellationToken ct)
    {
        if (output is not null) OutputPaths.WritableFile(output, "--output");
        using var store = RunStore.Open(runDirectory, create: false);
        // The answers stream from the store as the rows are written: an export of a million attempts never holds them all.
        var snapshot = store.ReadSnapshot(deferTexts: true);
        var gold = AuditKit.Reporting.Correction.GoldSource.Human.LabelsOf(snapshot);
        IEnumerable<AttemptRow> Rows()
        {
            int i = 0;
            foreach (var a in snapshot.WithTexts())
                yield return new AttemptRow(snapshot.Manifest.RunId, a.Attempt, a.Verdict, a.Signals) { Judge = a.Judge, Gold = gold.GetValueOrDefault(snapshot.Attempts[i++]) };
        }
        var rows = Rows();

        if (format == "csv")
        {
            // CSV needs a file: CsvHelper writes it whole, and a terminal is no place for model output anyway.
            var path = output ?? throw new UserInputException("--output: required with --format csv");
            await AtomicFile.ReplaceAsync(path, temp => AttemptsCsvExporter.WriteAsync(rows, temp, excel, ct));
        }
        else if (output is not null)
        {
            await AtomicFile.WriteAsync(output, (stream, token) => AttemptsJsonlWriter.WriteAsync(rows, stream, token), ct);
        }
        else
        {
            // JSON escapes C0 controls; the stream escapes the rest (bidi overrides, C1, separators) on the way out.
            await using var stdout = new TerminalSafeJsonStream(Console.OpenStandardOutput());
            await AttemptsJsonlWriter.WriteAsync(rows, stdout, ct);
        }
        if (output is not null) cli.Error.WriteLine($"Wrote {snapshot.Attempts.Count} records to {TerminalText.Safe(output)}");
        return ExitCodes.Success;
    }
}
