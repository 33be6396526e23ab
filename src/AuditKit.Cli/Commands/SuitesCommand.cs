using System.CommandLine;
using System.Text.Json;
using AuditKit.Cli.Output;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit suites list|validate|stats</c>.</summary>
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

        return new Command("suites", "Work with probe suites") { list, validate, stats };
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
        if (issues.Count > 0)
        {
            cli.Error.WriteLine($"{issues.Count} problem(s) in {suites.Count} suite(s)");
            return ExitCodes.BadInput;
        }
        cli.Out.WriteLine($"OK: {suites.Count} suite(s), {probes} probes, {suites.Sum(s => s.Suite.Probes.Sum(p => p.Text.Count))} prompt texts");
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
        foreach (var t in stats.Topics)
            cli.Out.WriteLine($"  {TerminalText.Safe(t.Topic),-32} {t.Probes,4}  languages: {string.Join(" ", t.ByLanguage.Select(l => $"{l.Key}={l.Value}"))}  kinds: {string.Join(" ", t.ByKind.Select(k => $"{k.Key}={k.Value}"))}");
        return ExitCodes.Success;
    }
}
