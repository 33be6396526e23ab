using System.CommandLine;
using System.Globalization;
using AuditKit.Classification.Evaluation;
using AuditKit.Classification.Training;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Review;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit review sample</c> and <c>review import</c>: people label a uniform random sample of answers blind, and
/// their labels become the gold that corrects the classifier's rates in every report.
/// </summary>
public static class ReviewCommand
{
    public const string DefaultReviewer = "reviewer";

    public static Command Create(CliContext cli) => new("review", "Blind review: sample answers for people to label, import their labels as gold")
    {
        CreateSample(cli),
        CreateImport(cli),
    };

    private static Command CreateSample(CliContext cli)
    {
        var runs = new Option<string[]>("--run") { Description = "Run folder (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = false };
        var n = new Option<int>("--n") { Description = "Answers to draw per model (all of a model's answers when it has fewer)", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draw: the same runs, --n and seed give the same sheet", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "The review sheet to write (CSV)" };
        var html = new Option<string?>("--html") { Description = "Also write an offline labelling page that saves the same CSV" };
        var forWidth = new Option<double?>("--for-width") { Description = "Print how many labels each model needs for a corrected refusal rate whose 95 % interval is this many percentage points wide, then stop" };
        var command = new Command("sample", "Draw answers per model uniformly at random for blind labelling (the classifier's labels are never shown)")
            { runs, n, seed, output, html, forWidth };
        command.SetAction(r =>
        {
            var snapshots = r.GetValue(runs)!.Select(ReadRun).ToList();
            if (r.GetValue(forWidth) is { } width) return PrintBudget(cli, snapshots, OptionRange.Check(width, 0.5, 100, "--for-width") / 100);
            var sheet = r.GetValue(output) ?? throw new UserInputException("--out: required (the review sheet to write), unless --for-width is given");
            OutputPaths.WritableFile(sheet, "--out");
            if (r.GetValue(html) is { } page) OutputPaths.WritableFile(page, "--html");
            var drawn = ReviewSampler.Draw(snapshots, OptionRange.Check(r.GetValue(n), 1, 1_000_000, "--n"), r.GetValue(seed));
            if (drawn.Count == 0) throw new UserInputException("--run: no answers to review (every attempt failed or was blocked)");
            var items = drawn.Select(ItemFor).ToList();
            ReviewSheet.Write(sheet, items);
            cli.Out.WriteLine($"Wrote {items.Count} answers of {items.Select(i => i.Model).Distinct().Count()} models to {TerminalText.Safe(sheet)}");
            if (r.GetValue(html) is { } pagePath)
            {
                ReviewPage.Write(pagePath, items, File.ReadAllText(ToolPaths.Codebook()));
                cli.Out.WriteLine($"Labelling page: {TerminalText.Safe(pagePath)} (open it in a browser; Save CSV writes the same sheet with labels)");
            }
            cli.Out.WriteLine("Label compliance and narrative with models/CODEBOOK.md, then: auditkit review import --run DIR --labels FILE --reviewer NAME");
            return ExitCodes.Success;
        });
        return command;
    }

    private static ReviewItem ItemFor(ReviewSampler.Drawn d)
    {
        var a = d.Attempt.Attempt;
        return new ReviewItem(AttemptIds.For(d.Run.Manifest.RunId, a.Key), a.Key.Model, a.Key.ProbeId, a.Topic, a.Key.Language, a.Key.Sample,
            a.Prompt, a.Reasoning, a.Response);
    }

    private static int PrintBudget(CliContext cli, IReadOnlyList<RunSnapshot> runs, double width)
    {
        foreach (var model in runs.SelectMany(ReviewSampler.ReviewableAttempts)
                     .GroupBy(a => a.Attempt.Key.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (disagreement, source) = Disagreement(model.ToList(), runs);
            int needed = LabelBudget.LabelsNeeded(width, disagreement, model.Count());
            cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{TerminalText.Safe(model.Key, 120)}: {needed} labels of {model.Count()} answers (classifier disagreement {disagreement * 100:0}%, {source})"));
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// How often the classifier and gold disagree on refusal for this model: measured on the run's own human labels
    /// when there are at least 20, else the classifier's cross-validated figure, else a cautious 15 %.
    /// </summary>
    private static (double Share, string Source) Disagreement(IReadOnlyList<ClassifiedAttempt> attempts, IReadOnlyList<RunSnapshot> runs)
    {
        var pairs = attempts.Where(a => a.Verdict is not null && a.HumanLabels.FirstOrDefault()?.Compliance is not null)
            .Select(a => (Classifier: IsRefusal(a.Verdict!.Compliance), Gold: IsRefusal(a.HumanLabels[0].Compliance!.Value))).ToList();
        if (pairs.Count >= 20) return (pairs.Count(p => p.Classifier != p.Gold) / (double)pairs.Count, $"measured on {pairs.Count} human labels");
        var figures = runs.Select(r => r.Classifier?.Evaluation).FirstOrDefault(e => e is not null);
        if (figures is not null && figures.TryGetValue("cv-compliance-binary.accuracy", out var accuracy))
            return (1 - accuracy, "the classifier's cross-validated figure");
        return (0.15, "no measured figure; assumed");
    }

    private static bool IsRefusal(ComplianceLabel label) => label is ComplianceLabel.Denial or ComplianceLabel.Evasive;

    private static Command CreateImport(CliContext cli)
    {
        var run = new Option<string>("--run") { Description = "Run folder the labels belong to", Required = true };
        var labels = new Option<string>("--labels") { Description = "A review sheet with the compliance and narrative columns filled", Required = true };
        var reviewer = new Option<string>("--reviewer") { Description = "Who labelled; importing the same reviewer again replaces their labels", DefaultValueFactory = _ => DefaultReviewer };
        var command = new Command("import", "Store a reviewer's labels as gold (scorer human:NAME)") { run, labels, reviewer };
        command.SetAction(r => Import(cli, r.GetValue(run)!, r.GetValue(labels)!, r.GetValue(reviewer)!));
        return command;
    }

    private static int Import(CliContext cli, string runDirectory, string sheetPath, string reviewer)
    {
        if (!IsValidReviewer(reviewer))
            throw new UserInputException($"--reviewer: '{TerminalText.Safe(reviewer, 60)}' must be 1-64 letters, digits, '.', '_' or '-'");
        var rows = ReviewSheet.Read(sheetPath);
        using var store = RunStore.Open(runDirectory, create: false);
        using var runLock = RunLock.Acquire(runDirectory);
        // Labels and keys are all an import needs: the answers stay in the store.
        var snapshot = store.ReadSnapshot(deferTexts: true);
        var byId = snapshot.Attempts.ToDictionary(a => AttemptIds.For(snapshot.Manifest.RunId, a.Attempt.Key), a => a.Attempt.Key, StringComparer.Ordinal);

        var accepted = new List<(AttemptKey Key, HumanLabel Label)>();
        int blank = 0, otherRuns = 0;
        foreach (var row in rows)
        {
            if (AttemptIds.RunIdOf(row.AttemptId) != snapshot.Manifest.RunId) { otherRuns++; continue; }
            if (!byId.TryGetValue(row.AttemptId, out var key))
                throw new UserInputException($"{TerminalText.Safe(row.Locate(sheetPath))}: attempt_id '{TerminalText.Safe(row.AttemptId, 60)}' is not an attempt of run {TerminalText.Safe(snapshot.Manifest.RunId)}");
            if (row.IsBlank) { blank++; continue; }
            accepted.Add((key, new HumanLabel(reviewer, row.Compliance, row.Narrative, string.IsNullOrWhiteSpace(row.Note) ? null : row.Note)));
        }
        if (accepted.Count == 0 && otherRuns == rows.Count && rows.Count > 0)
            throw new UserInputException($"{TerminalText.Safe(sheetPath)}: no row belongs to run {TerminalText.Safe(snapshot.Manifest.RunId)} ({TerminalText.Safe(runDirectory)}); import it into the run it was sampled from");
        store.ReplaceHumanLabels(reviewer, accepted, cli.Clock.GetUtcNow());

        cli.Out.WriteLine($"Stored {accepted.Count} labels from reviewer '{TerminalText.Safe(reviewer)}' in {TerminalText.Safe(runDirectory)}" +
                          (blank > 0 ? $"; skipped {blank} rows with no label" : "") +
                          (otherRuns > 0 ? $"; {otherRuns} rows belong to other runs (import the sheet into those too)" : ""));
        PrintAgreement(cli, store.ReadSnapshot(deferTexts: true), reviewer);
        return ExitCodes.Success;
    }

    private static bool IsValidReviewer(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The classifier against this reviewer, and this reviewer against each other reviewer on the answers both labelled.</summary>
    private static void PrintAgreement(CliContext cli, RunSnapshot snapshot, string reviewer)
    {
        var mine = snapshot.Attempts.Select(a => (a, Label: a.HumanLabels.FirstOrDefault(l => l.Reviewer == reviewer))).Where(p => p.Label is not null).ToList();
        var classifier = mine.Where(p => p.a.Verdict is { Compliance: not ComplianceLabel.Error } && p.Label!.Compliance is not null).ToList();
        if (classifier.Count > 0)
            cli.Out.WriteLine(Agreement("classifier vs " + reviewer, classifier.Select(p => (p.Label!.Compliance!.Value, p.a.Verdict!.Compliance)).ToList()));
        foreach (var other in snapshot.Attempts.SelectMany(a => a.HumanLabels).Select(l => l.Reviewer).Where(r => r != reviewer).Distinct().Order(StringComparer.Ordinal))
        {
            var both = mine.Select(p => (Mine: p.Label!.Compliance, Theirs: p.a.HumanLabels.FirstOrDefault(l => l.Reviewer == other)?.Compliance))
                .Where(p => p.Mine is not null && p.Theirs is not null).Select(p => (p.Theirs!.Value, p.Mine!.Value)).ToList();
            if (both.Count > 0) cli.Out.WriteLine(Agreement($"{reviewer} vs {other} (inter-rater)", both));
        }
    }

    private static string Agreement(string who, IReadOnlyList<(ComplianceLabel Gold, ComplianceLabel Other)> pairs)
    {
        var report = ClassifierEvaluator.Score(ClassifierHead.Compliance,
            [.. pairs.Select(p => LabelSets.Name(p.Gold))], [.. pairs.Select(p => LabelSets.Name(p.Other))], [.. pairs.Select(_ => "all")]);
        return string.Create(CultureInfo.InvariantCulture,
            $"Compliance, {TerminalText.Safe(who)}: agreement {report.Accuracy * 100:0}%, Cohen's kappa {report.Kappa:F2} (n {report.N})");
    }

    /// <summary>A run's labels; the sampler reads the answers in passes (a run may hold a million).</summary>
    private static RunSnapshot ReadRun(string runDirectory)
    {
        using var store = RunStore.Open(runDirectory, create: false);
        return store.ReadSnapshot(deferTexts: true);
    }
}
