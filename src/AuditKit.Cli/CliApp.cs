using System.CommandLine;
using AuditKit.Backends.LlamaSharp;
using AuditKit.Backends.LlamaSharp.Downloads;
using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Output;
using AuditKit.Gguf.Format;
using AuditKit.Probes.Loading;
using AuditKit.Store;

namespace AuditKit.Cli;

/// <summary>
/// The composition root: the command catalog and the one place that turns known failures into a one-line message
/// and exit code 2. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var cli = new CliContext(stdout, stderr, TimeProvider.System, Interactive: !Console.IsErrorRedirected);
        var root = new RootCommand("auditkit: audit open-weight language models for political censorship and narrative bias")
        {
            RunCommand.Create(cli),
            SuitesCommand.Create(cli),
            ModelsCommand.Create(cli),
            RunsCommand.Create(cli),
            ExportCommand.Create(cli),
            ReportCommand.CreateReport(cli),
            ReportCommand.CreateCompare(cli),
            ImportCommand.Create(cli),
            ClassifyCommand.Create(cli),
            ReviewCommand.Create(cli),
            ClassifierCommand.Create(cli),
            BenchCommand.Create(cli),
            AuditCommand.Create(cli),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, like every other bad-input message, so scripts and logs see one failure per command.
            var messages = string.Join("; ", parsed.Errors.Select(e => string.Join(" ", e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Distinct());
            stderr.WriteLine($"auditkit: {TerminalText.Safe(messages, 2000)} (see auditkit --help)");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsBadInput(e))
        {
            stderr.WriteLine($"auditkit: {TerminalText.Safe(e.Message, 2000)}");
            return ExitCodes.BadInput;
        }
    }

    internal static bool IsBadInput(Exception e) => e is UserInputException or GgufFormatException or SuiteFormatException or Probes.Plans.PlanFormatException
        or StoreFormatException or StoreWriteException or RunMismatchException or RunLockedException or ModelLoadException
        or ModelResolutionException or DownloadException or Runner.Imports.ImportFormatException or InvalidDataException
        or UnauthorizedAccessException or Reporting.Review.ReviewSheetException
        // A full disk or a file in the way: the environment, not a bug, and the user needs the one line saying which.
        or IOException;
}
