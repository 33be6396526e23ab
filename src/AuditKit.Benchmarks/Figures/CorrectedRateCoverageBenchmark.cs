using AuditKit.Classification.Data;
using AuditKit.Classification.Evaluation;
using AuditKit.Classification.Training;
using AuditKit.Core.Attempts;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Review;
using AuditKit.Reporting.Summaries;
using AuditKit.Runner.Imports;
using AuditKit.Store;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Whether corrected rates hold up on real answers, the way a user gets them: SpeechMap's labelled answers of 37
/// models are imported as a run, classified by a classifier that never saw their questions (5-fold cross-fitting by
/// question: every answer is labelled by the fold model trained without its question), a uniform 15-25 % of each
/// model's answers get their SpeechMap label as a reviewer's gold label (stored as review import stores it), and the
/// report is built. Over repeated seeds, each cell of 45-350 answers (model x China questions; model x English) is
/// checked: does the corrected 95 % interval cover the refusal rate of all the cell's labels? The figure is that
/// coverage over the 93 % target; the corrected and uncorrected errors on Chinese-made models' China questions are
/// reported beside it.
/// </summary>
public sealed class CorrectedRateCoverageBenchmark : IBenchmark
{
    private const double CoverageTarget = 0.93;
    private const int MinCell = 45, MaxCell = 350;

    /// <summary>Makers based in China among SpeechMap's models (DeepSeek, Qwen, Zhipu's GLM, Moonshot's Kimi).</summary>
    private static readonly string[] ChineseMakers = ["deepseek/", "qwen/", "thudm/", "moonshotai/"];

    public string Name => "corrected-rate-coverage";
    public string Description => "SpeechMap cells of 45-350 answers, 15-25 % gold: share of corrected 95 % intervals covering the full-label refusal rate, over 0.93";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var data = Path.Combine(settings.SharedDataDirectory, TrainingCorpus.SpeechMapFile);
        if (!File.Exists(data)) throw new FileNotFoundException($"{data}: the labelled SpeechMap answers are not there (../shared/data beside the checkout)");
        int seeds = settings.Quick ? 3 : 20;
        var runDirectory = Path.Combine(settings.ScratchDirectory, "coverage-run");

        progress.Report("  importing SpeechMap answers");
        TranscriptImporter.Import(data, "jsonl", FieldMap.Parse("probe_id=question_id,prompt=question,topic=target_government,kind=category,moderation=label"), runDirectory, TimeProvider.System, AnswerLimits.DefaultMaxChars);

        progress.Report("  classifying every answer with a fold model that never saw its question");
        var examples = SpeechMapReader.Read(data);
        var scored = examples.Where(e => e.Compliance is not null && e.Compliance != LabelSets.Error).ToList();
        var predictions = CrossValidation.Run(scored, [], folds: 5, foldSeed: 20251203, TrainingOptions.Default, progress);
        var predicted = scored.Select((e, i) => (e.Id, predictions[i])).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        var gold = scored.ToDictionary(e => e.Id, e => LabelSets.ToCompliance(e.Compliance!), StringComparer.Ordinal);

        using var store = RunStore.Open(runDirectory, create: false);
        var run = store.ReadSnapshot();
        store.SaveClassification(new ClassifierInfo("cross-fitted-by-question", "none", DateTimeOffset.UnixEpoch, new Dictionary<string, double>()),
            [.. run.Attempts.Select(a => (a.Attempt.Key, VerdictOf(predicted.GetValueOrDefault(IdOf(a.Attempt.Key))), AttemptSignals.None))]);
        run = store.ReadSnapshot();
        var perModel = run.Attempts.Where(a => ReviewSampler.IsReviewable(a.Attempt)).GroupBy(a => a.Attempt.Key.Model).ToDictionary(g => g.Key, g => g.Count());

        var random = new Random(20251203);
        int cells = 0, covered = 0;
        double width = 0, chineseCorrectedError = 0, chineseUncorrectedError = 0;
        int chineseCells = 0;
        for (int seed = 1; seed <= seeds; seed++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double share = 0.15 + 0.10 * random.NextDouble();
            int draw = (int)Math.Round(share * perModel.Values.Max());
            var drawn = ReviewSampler.Draw([run], draw, seed);
            store.ReplaceHumanLabels("bench", [.. drawn
                .Where(d => gold.ContainsKey(IdOf(d.Attempt.Attempt.Key)))
                .Select(d => (d.Attempt.Attempt.Key, new HumanLabel("bench", gold[IdOf(d.Attempt.Attempt.Key)], null, null)))], DateTimeOffset.UnixEpoch);
            var summary = AuditSummaryBuilder.Build([store.ReadSnapshot()], ReportPolicy.Default, "coverage", DateTimeOffset.UnixEpoch);
            var byCell = summary.Attempts.Where(r => AuditSummaryBuilder.StatusOf(r) == AttemptStatus.Judged && gold.ContainsKey(IdOf(r.Attempt.Key))).ToList();

            var checkedCells = summary.Topics.Where(t => t.Judged is >= MinCell and <= MaxCell)
                .Select(t => (t.Model, IsChina: t.Topic == "china", t.Refusal, Rows: byCell.Where(r => r.Attempt.Key.Model == t.Model && r.Attempt.Topic == t.Topic)))
                .Concat(summary.ModelLanguages.Where(m => m.Judged is >= MinCell and <= MaxCell)
                    .Select(m => (m.Model, IsChina: false, m.Refusal, Rows: byCell.Where(r => r.Attempt.Key.Model == m.Model && r.Attempt.Key.Language == m.Language))));
            foreach (var (model, isChina, refusal, rows) in checkedCells)
            {
                if (refusal.Corrected is not { } c) continue;
                var labels = rows.Select(r => gold[IdOf(r.Attempt.Key)]).ToList();
                double truth = labels.Count(l => l is ComplianceLabel.Denial or ComplianceLabel.Evasive) / (double)labels.Count;
                cells++;
                if (truth >= c.Lower - 1e-12 && truth <= c.Upper + 1e-12) covered++;
                width += c.Upper - c.Lower;
                if (isChina && ChineseMakers.Any(m => model.StartsWith(m, StringComparison.Ordinal)))
                {
                    chineseCells++;
                    chineseCorrectedError += Math.Abs(c.Rate - truth);
                    chineseUncorrectedError += Math.Abs(refusal.Rate - truth);
                }
            }
            progress.Report($"  seed {seed}: {share:P0} gold, {covered}/{cells} cells covered so far");
        }
        await Task.CompletedTask;
        if (cells == 0) throw new InvalidOperationException("no cell of 45-350 answers had gold labels");

        double coverage = covered / (double)cells;
        return new BenchmarkResult(Name, coverage / CoverageTarget, Target, new Dictionary<string, string>
        {
            ["coverage"] = Format(coverage, 3),
            ["cells_checked"] = Count(cells),
            ["seeds"] = Count(seeds),
            ["mean_interval_width_pp"] = Format(width / cells * 100, 1),
            ["chinese_models_china_cells"] = Count(chineseCells),
            ["chinese_models_china_mae_corrected_pp"] = Format(chineseCorrectedError / Math.Max(1, chineseCells) * 100, 2),
            ["chinese_models_china_mae_uncorrected_pp"] = Format(chineseUncorrectedError / Math.Max(1, chineseCells) * 100, 2),
            ["classifier"] = "5-fold cross-fitting by question (never the shipped model, which saw these questions)",
        });
    }

    private static string IdOf(AttemptKey key) => SpeechMapReader.Key(key.ProbeId, key.Model, key.Language);

    private static Verdict VerdictOf(CrossValidation.Prediction? prediction)
    {
        var compliance = prediction is null ? ComplianceLabel.Error : LabelSets.ToCompliance(prediction.Compliance);
        var probabilities = prediction is { ComplianceProbabilities.Count: > 0 }
            ? prediction.ComplianceProbabilities.ToDictionary(p => LabelSets.ToCompliance(p.Key), p => p.Value)
            : new Dictionary<ComplianceLabel, double> { [compliance] = 1 };
        return new Verdict(compliance, probabilities, NarrativeLabel.None,
            new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1 }, false);
    }
}
