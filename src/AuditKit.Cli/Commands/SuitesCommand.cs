using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AuditKit.Classification.Signals;
using AuditKit.Cli.Output;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit suites list|validate|stats|test</c>.</summary>
public static class SuitesCommand
{
    public static Command Create(CliContext cli)
    {
        var list = new Command("list", "List the suites in the probes folder");
        list.SetAction(_ => List(cli));

        var paths = new Argument<string[]>("path") { Description = "Suite files or names (default: every suite)", Arity = ArgumentArity.ZeroOrMore };
        var validate = new Command("validate", "Check suites: ids, languages, facts, patterns, near-duplicates") { paths };
        validate.SetAction(r => Validate(cli, r.GetValue(paths) ?? []));

        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var statsPaths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore };
        var stats = new Command("stats", "Probes per topic x language x kind") { json, statsPaths };
        stats.SetAction(r => Stats(cli, r.GetValue(statsPaths) ?? [], r.GetValue(json)));

        var testPaths = new Argument<string[]>("path") { Description = "Suite files or names (default: every suite)", Arity = ArgumentArity.ZeroOrMore };
        var test = new Command("test", "Check every fact pattern and marker against the suite's example answers") { testPaths };
        test.SetAction(r => Test(cli, r.GetValue(testPaths) ?? []));

        return new Command("suites", "Work with probe suites") { list, validate, stats, test };
    }

    private static IReadOnlyList<LoadedSuite> Load(string[] selection)
    {
        var catalog = new SuiteCatalog(ToolPaths.Probes());
        return selection.Length == 0 ? catalog.LoadAll() : catalog.Resolve(string.Join(',', selection));
    }

    private static int List(CliContext cli)
    {
        var catalog = new SuiteCatalog(ToolPaths.Probes());
        foreach (var loaded in catalog.LoadAll())
        {
            var s = loaded.Suite;
            cli.Out.WriteLine($"{TerminalText.Safe(s.Id),-20} {TerminalText.Safe(s.Version),-8} {s.Probes.Count,4} probes  {TerminalText.Safe(Path.GetFileName(s.SourcePath))}  {TerminalText.Safe(s.Description, 80)}");
        }
        return ExitCodes.Success;
    }

    private static int Validate(CliContext cli, string[] selection)
    {
        var suites = Load(selection);
        var issues = SuiteValidators.Run(suites);
        foreach (var issue in issues) cli.Error.WriteLine(TerminalText.Safe(issue.ToString(), 1000));
        int probes = suites.Sum(s => s.Suite.Probes.Count);
        var errors = SuiteValidators.Errors(issues);
        if (errors.Count > 0)
        {
            cli.Error.WriteLine($"{errors.Count} problem(s) and {issues.Count - errors.Count} warning(s) in {suites.Count} suite(s)");
            return ExitCodes.BadInput;
        }
        var warnings = issues.Count == 0 ? "" : $", {issues.Count} warning(s)";
        cli.Out.WriteLine($"OK: {suites.Count} suite(s), {probes} probes, {suites.Sum(s => s.Suite.Probes.Sum(p => p.Text.Count))} prompt texts{warnings}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Runs every fact pattern and marker over the suite's example answers with the extractor that scores runs. Markers
    /// of a topic defined in another suite (the starter's topics) come from the catalog, as in <c>classify</c>.
    /// </summary>
    private static int Test(CliContext cli, string[] selection)
    {
        var suites = Load(selection);
        var catalog = selection.Length == 0 ? suites : new SuiteCatalog(ToolPaths.Probes()).LoadAll();
        var markers = new TopicMarkers([.. suites.Select(s => s.Suite), .. catalog.Select(s => s.Suite)]);
        var checker = new ExampleAnswerChecker(new SignalExtractor(TimeSpan.FromMilliseconds(200)));
        var failures = checker.Check(suites.Select(s => s.Suite).ToList(), markers.For);
        var byId = suites.GroupBy(s => s.Suite.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var failure in failures)
        {
            var loaded = byId[failure.SuiteId];
            var where = failure.ProbeId is null ? loaded.SuiteLine : loaded.LineOf(failure.ProbeId);
            cli.Out.WriteLine(TerminalText.Safe($"{where}: {failure}", 1000));
        }
        int facts = suites.Sum(s => s.Suite.Probes.Sum(p => p.Facts.Count));
        int markerCount = suites.Sum(s => s.Suite.Topics.Sum(t => t.Markers.Count) + s.Suite.Probes.Sum(p => p.Markers.Count));
        if (failures.Count > 0)
        {
            int missing = failures.Count(f => f.IsMissingExample);
            cli.Error.WriteLine($"{failures.Count} failure(s) ({missing} missing example(s)) over {facts} facts and {markerCount} markers in {suites.Count} suite(s)");
            return ExitCodes.SuiteTestFailed;
        }
        cli.Out.WriteLine($"OK: {facts} facts and {markerCount} markers in {suites.Count} suite(s) agree with their example answers");
        return ExitCodes.Success;
    }

    private static int Stats(CliContext cli, string[] selection, bool json)
    {
        var stats = SuiteStatistics.Of(Load(selection).Select(s => s.Suite));
        if (json)
        {
            cli.Out.WriteLine(TerminalText.SafeJson(JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })));
            return ExitCodes.Success;
        }
        cli.Out.WriteLine($"{stats.Probes} probes, {stats.PromptTexts} prompt texts; by region: {string.Join(", ", stats.ProbesByRegion.Select(r => $"{r.Key} {r.Value}"))}");
        cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stats.PairedProbes} of {stats.SensitiveProbes} sensitive probes paired with a control (paired_share {stats.PairedShare:0.###})"));
        foreach (var t in stats.Topics)
            cli.Out.WriteLine($"  {TerminalText.Safe(t.Topic),-32} {t.Probes,4}  languages: {string.Join(" ", t.ByLanguage.Select(l => $"{l.Key}={l.Value}"))}  kinds: {string.Join(" ", t.ByKind.Select(k => $"{k.Key}={k.Value}"))}{(t.ControlsByKind.Count == 0 ? "" : $"  controls: {string.Join(" ", t.ControlsByKind.Select(k => $"{k.Key}={k.Value}"))}")}");
        return ExitCodes.Success;
    }
}
