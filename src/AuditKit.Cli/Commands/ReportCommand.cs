using System.CommandLine;
using AuditKit.Classification.Signals;
using AuditKit.Cli.Output;
using AuditKit.Core.Runs;
using AuditKit.Reporting;
using AuditKit.Reporting.Correction;
using AuditKit.Reporting.Summaries;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit report</c> and <c>auditkit compare</c>: reports from stored runs only; no model is loaded.</summary>
public static class ReportCommand
{
    public static Command CreateReport(CliContext cli)
    {
        var runs = new Option<string[]>("--run") { Description = "Run folder (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var title = new Option<string>("--title") { DefaultValueFactory = _ => "AuditKit report" };
        var excel = new Option<bool>("--excel") { Description = "CSV files with a UTF-8 byte-order mark, for Excel" };
        var gold = GoldOption();
        var languagePairs = new Option<string>("--language-pairs")
        {
            Description = "Language pairs to compare on the same probes, first minus second, e.g. en:fi,zh-Hans:zh-Hant (default: every language against English)",
        };
        var versions = new Option<string>("--versions")
        {
            Description = "Model versions by release month, e.g. deepseek-r1=2025-01,deepseek-r1-0528=2025-05: rates per topic over versions, with a trend test",
        };
        var cutoff = new Option<string>("--cutoff") { Description = "A model's training cut-off (YYYY-MM): facts dated later are left out of the fact signals" };
        var command = new Command("report", "Write report.html, report.md, attempts.csv, summary.csv, rates_wide.csv and summary.json") { runs, output, title, excel, gold, cutoff, languagePairs, versions };
        command.SetAction((r, ct) => WriteReportAsync(cli, r.GetValue(runs)!, r.GetValue(output)!, r.GetValue(title)!, r.GetValue(excel), ParseGold(r.GetValue(gold)!), r.GetValue(cutoff), ct,
            r.GetValue(languagePairs), r.GetValue(versions)));
        return command;
    }

    /// <summary>One report over several stored runs: <c>report</c> itself and the comparative report of <c>audit</c>.</summary>
    /// <param name="cutoffMonth">A training cut-off (YYYY-MM): facts dated later are left out; null keeps every fact.</param>
    internal static async Task<int> WriteReportAsync(CliContext cli, IReadOnlyList<string> runDirectories, string output, string title, bool excel, GoldSource gold,
        string? cutoffMonth, CancellationToken ct, string? languagePairs = null, string? versions = null)
    {
        if (cutoffMonth is not null && !FactCutoff.IsMonth(cutoffMonth))
            throw new UserInputException($"--cutoff: '{TerminalText.Safe(cutoffMonth, 40)}' is not a month YYYY-MM");
        var outputFolder = Prepare(output);
        var snapshots = runDirectories.Select(Read).ToList();
        RefuseRunGivenTwice(snapshots);
        if (RunOverlap.Describe(snapshots) is { } overlap) throw new UserInputException($"--run: {TerminalText.Safe(overlap, 600)}");
        var policy = ReportPolicy.Default with { Gold = gold, LanguagePairs = ParseLanguagePairs(languagePairs, snapshots), Versions = ParseVersions(versions, snapshots) };
        var reportTitle = title;
        if (cutoffMonth is not null)
        {
            int left = snapshots.Sum(s => FactCutoff.LateFacts(s, cutoffMonth).Values.Sum(f => f.Count));
            snapshots = [.. snapshots.Select(s => FactCutoff.Apply(s, cutoffMonth))];
            // The title is the one place every format shows, so the report itself says which facts it leaves out.
            reportTitle += $" (facts dated up to {cutoffMonth})";
            cli.Out.WriteLine($"--cutoff {cutoffMonth}: {left} fact(s) dated later left out of the fact signals");
        }
        var options = new ReportOptions(reportTitle, cli.Clock.GetUtcNow(), excel) { Policy = policy };
        string staged = "";
        var result = await AtomicFolder.ReplaceAsync(outputFolder, "--out", async staging =>
        {
            staged = staging;
            var written = await ReportWriter.WriteAsync(snapshots, options, staging, ct);
            RefuseEnvironmentFailure(written.Export, staging, outputFolder);
            return written;
        });
        return Finish(cli, result.Export, staged, outputFolder);
    }

    public static Command CreateCompare(CliContext cli)
    {
        var baseRun = new Option<string>("--base") { Description = "Run folder of the base model", Required = true };
        var candidate = new Option<string>("--candidate") { Description = "Run folder of the candidate (e.g. the retrained model)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var baseModel = new Option<string>("--base-model") { Description = "The model to compare when the base run holds several (an import)" };
        var candidateModel = new Option<string>("--candidate-model") { Description = "The model to compare when the candidate run holds several" };
        var failIfRegress = new Option<bool>("--fail-if-regress") { Description = "Exit with code 3 when the candidate refuses or aligns significantly more often" };
        var excel = new Option<bool>("--excel");
        var gold = GoldOption();
        var command = new Command("compare", "Paired comparison of two runs: flips, exact McNemar with Holm correction, verdict")
            { baseRun, candidate, baseModel, candidateModel, output, failIfRegress, excel, gold };
        command.SetAction((r, ct) => WriteComparisonAsync(cli, r.GetValue(baseRun)!, r.GetValue(baseModel), r.GetValue(candidate)!, r.GetValue(candidateModel),
            r.GetValue(output)!, r.GetValue(failIfRegress), r.GetValue(excel), ParseGold(r.GetValue(gold)!), ct));
        return command;
    }

    /// <summary>A paired comparison of two stored runs: <c>compare</c> itself and each declared comparison of <c>audit</c>.</summary>
    /// <returns>The exit code: 3 when <paramref name="failIfRegress"/> and the candidate regressed.</returns>
    internal static async Task<int> WriteComparisonAsync(CliContext cli, string baseRun, string? baseModel, string candidateRun, string? candidateModel,
        string output, bool failIfRegress, bool excel, GoldSource gold, CancellationToken ct)
    {
        var baseSide = OneModel(Read(baseRun), baseModel, "--base");
        var candidateSide = OneModel(Read(candidateRun), candidateModel, "--candidate");
        var outputFolder = Prepare(output);
        string staged = "";
        var report = await AtomicFolder.ReplaceAsync(outputFolder, "--out", async staging =>
        {
            staged = staging;
            var written = await ComparisonWriter.WriteAsync(baseSide, candidateSide,
                new ComparisonOptions(cli.Clock.GetUtcNow(), excel) { Policy = ReportPolicy.Default with { Gold = gold } }, staging, ct);
            if (written.Result.Overall.Pairs == 0)
                throw new UserInputException("compare: the runs share no judged probe, language and sample (classify both runs, and compare runs of the same suites)");
            RefuseEnvironmentFailure(written.Export, staging, outputFolder);
            return written;
        });
        cli.Out.WriteLine(TerminalText.Safe(report.Verdict, 1000));
        int code = Finish(cli, report.Export, staged, outputFolder);
        return code == ExitCodes.Success && failIfRegress && report.Regressed ? ExitCodes.Regressed : code;
    }

    private static Option<string> GoldOption() => new("--gold")
    {
        Description = "Labels that correct the classifier's rates: human (every reviewer; default), human:NAME, judge (classify --judge), or none",
        DefaultValueFactory = _ => "human",
    };

    private static GoldSource ParseGold(string value) => GoldSource.Parse(value)
        ?? throw new UserInputException($"--gold: '{TerminalText.Safe(value, 60)}' is not human, human:NAME, judge or none");

    /// <summary>"en:fi,zh-Hans:zh-Hant" as pairs; null (pairs from the data) when the option is absent.</summary>
    private static IReadOnlyList<LanguagePair>? ParseLanguagePairs(string? value, IReadOnlyList<RunSnapshot> snapshots)
    {
        if (value is null) return null;
        var present = snapshots.SelectMany(x => x.Attempts.Select(a => a.Attempt.Key.Language)).ToHashSet(StringComparer.Ordinal);
        var pairs = new List<LanguagePair>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var sides = item.Split(':', StringSplitOptions.TrimEntries);
            if (sides.Length != 2 || sides[0].Length == 0 || sides[1].Length == 0 || sides[0] == sides[1])
                throw new UserInputException($"--language-pairs: '{TerminalText.Safe(item, 60)}' is not FIRST:SECOND with two different languages (e.g. en:fi,zh-Hans:zh-Hant)");
            foreach (var language in sides.Where(l => !present.Contains(l)))
                throw new UserInputException($"--language-pairs: no run has answers in '{TerminalText.Safe(language, 60)}'; they have {TerminalText.Safe(string.Join(", ", present.Order(StringComparer.Ordinal)), 300)}");
            pairs.Add(new LanguagePair(sides[0], sides[1]));
        }
        return [.. pairs.Distinct()];
    }

    /// <summary>"name=2025-01,other=2025-05" as versions; a name may itself hold '=', the month is after the last one.</summary>
    private static IReadOnlyList<ModelVersion>? ParseVersions(string? value, IReadOnlyList<RunSnapshot> snapshots)
    {
        if (value is null) return null;
        var present = snapshots.SelectMany(x => x.Attempts.Select(a => a.Attempt.Key.Model)).ToHashSet(StringComparer.Ordinal);
        var result = new List<ModelVersion>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            int at = item.LastIndexOf('=');
            string model = at > 0 ? item[..at].Trim() : "", month = at > 0 ? item[(at + 1)..].Trim() : "";
            if (model.Length == 0 || !System.Text.RegularExpressions.Regex.IsMatch(month, "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                throw new UserInputException($"--versions: '{TerminalText.Safe(item, 80)}' is not MODEL=YYYY-MM (e.g. deepseek-r1=2025-01)");
            if (!present.Contains(model))
                throw new UserInputException($"--versions: no run has model '{TerminalText.Safe(model, 80)}'");
            if (result.Any(v => v.Model == model))
                throw new UserInputException($"--versions: model '{TerminalText.Safe(model, 80)}' is given twice");
            result.Add(new ModelVersion(model, month));
        }
        if (result.Count < 2) throw new UserInputException("--versions: a timeline needs at least two models");
        return result;
    }

    /// <summary>A stored run's labels; its answers stay in the store until a pass needs them (a run may hold a million).</summary>
    private static RunSnapshot Read(string runDirectory)
    {
        using var store = RunStore.Open(runDirectory, create: false);
        return store.ReadSnapshot(deferTexts: true);
    }

    /// <summary>
    /// One run given twice (the same folder, a link to it, or a copy) would be counted twice: runs are told apart by
    /// their run id, which resume and copies keep.
    /// </summary>
    private static void RefuseRunGivenTwice(IReadOnlyList<RunSnapshot> snapshots)
    {
        if (snapshots.GroupBy(x => x.Manifest.RunId).FirstOrDefault(g => g.Count() > 1) is not { } same) return;
        var folders = same.Select(x => x.Directory).ToList();
        throw new UserInputException(folders.Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar)).Distinct().Count() == 1
            ? $"--run: '{folders[0]}' is given {folders.Count} times; each run is counted once"
            : $"--run: '{folders[0]}' and '{folders[1]}' hold the same run ({same.Key}); give it once");
    }

    /// <summary>
    /// Comparisons pair attempts by probe, language and sample, so each side must be one model: an imported run that
    /// holds several is narrowed to the one named, and refused without a name rather than silently mixed.
    /// </summary>
    private static RunSnapshot OneModel(RunSnapshot run, string? model, string option)
    {
        var models = run.Attempts.Select(a => a.Attempt.Key.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string listed = string.Join(", ", models.Take(8).Select(m => $"'{m}'")) + (models.Count > 8 ? $" and {models.Count - 8} more" : "");
        if (model is null)
            return models.Count <= 1 ? run
                : throw new UserInputException($"{option}: run '{run.Directory}' holds {models.Count} models ({listed}); choose one with {option}-model");
        if (!models.Contains(model, StringComparer.Ordinal))
            throw new UserInputException($"{option}-model: run '{run.Directory}' has no model '{model}'; it holds {listed}");
        return run with { Attempts = [.. run.Attempts.Where(a => a.Attempt.Key.Model == model)] };
    }

    private static string Prepare(string outputDirectory) => OutputPaths.FolderWithoutLinks(outputDirectory, "--out");

    /// <summary>
    /// A full disk or an unwritable folder fails every format alike: one line, and the folder is left as it was (the
    /// output is replaced whole or not at all). A format that fails on its own (a bug) still leaves the others written.
    /// </summary>
    private static void RefuseEnvironmentFailure(Reporting.Exporters.ExportResult export, string staging, string outputFolder)
    {
        if (export.Failures.FirstOrDefault(f => f.Exception is IOException or UnauthorizedAccessException) is { } failure)
            throw new IOException($"{outputFolder}: cannot write the {failure.Exporter} output ({failure.Message.Replace(staging, outputFolder, StringComparison.Ordinal)}); nothing was replaced");
    }

    private static int Finish(CliContext cli, Reporting.Exporters.ExportResult export, string staging, string outputFolder)
    {
        foreach (var file in export.Files) cli.Out.WriteLine($"wrote {TerminalText.Safe(Path.Combine(outputFolder, Path.GetRelativePath(staging, file)))}");
        foreach (var failure in export.Failures) cli.Error.WriteLine($"auditkit: {TerminalText.Safe(failure.Exporter)} failed: {TerminalText.Safe(failure.Message)}");
        return export.Succeeded ? ExitCodes.Success : ExitCodes.FailedAttempts;
    }
}
