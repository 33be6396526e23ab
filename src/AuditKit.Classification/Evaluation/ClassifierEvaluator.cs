using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// Scores a classifier against gold labels: accuracy, Cohen's kappa, per-class and macro F1 (EVASIVE recall among
/// them), confusion; per language, per model family and with or without a reasoning trace in the response.
/// </summary>
public static class ClassifierEvaluator
{
    public const string NotComplete = "NOT_COMPLETE";

    /// <summary>
    /// Classifies every example that has a gold label for <paramref name="head"/> (ERROR rows excluded) and scores it.
    /// </summary>
    public static EvaluationReport Evaluate(IAnswerClassifier classifier, IReadOnlyList<LabeledExample> examples, ClassifierHead head)
    {
        var scored = examples.Where(e => GoldOf(e, head) is not null).ToArray();
        var predictions = new List<CrossValidation.Prediction>(scored.Length);
        foreach (var chunk in scored.Chunk(256))
        {
            var verdicts = classifier.Classify(chunk.Select(e => new ClassifierInput(e.Prompt, e.Response, e.Language)).ToArray());
            predictions.AddRange(verdicts.Select(v => new CrossValidation.Prediction(LabelSets.Name(v.Compliance), LabelSets.Name(v.Narrative))));
        }
        return Evaluate(scored, predictions, head);
    }

    /// <summary>
    /// Scores predictions made elsewhere (out of fold by <see cref="CrossValidation"/>), one per example in order;
    /// examples without a gold label for <paramref name="head"/> (and ERROR rows) are left out.
    /// </summary>
    public static EvaluationReport Evaluate(IReadOnlyList<LabeledExample> examples, IReadOnlyList<CrossValidation.Prediction> predictions, ClassifierHead head)
    {
        if (examples.Count != predictions.Count)
            throw new ArgumentException("One prediction per example is required.", nameof(predictions));
        var gold = new List<string>();
        var predicted = new List<string>();
        var languages = new List<string>();
        var families = new List<string>();
        var traces = new List<string>();
        var anyModel = false;
        for (var i = 0; i < examples.Count; i++)
        {
            if (GoldOf(examples[i], head) is not { } label)
                continue;
            gold.Add(label);
            predicted.Add(head switch
            {
                ClassifierHead.Narrative => predictions[i].Narrative,
                ClassifierHead.ComplianceBinary => Binary(predictions[i].Compliance),
                _ => predictions[i].Compliance,
            });
            languages.Add(examples[i].Language);
            families.Add(ModelFamilies.Of(examples[i].Model));
            anyModel |= examples[i].Model is not null;
            traces.Add(examples[i].TraceInResponse ? TraceInResponse : NoTraceInResponse);
        }
        var report = Score(head, gold, predicted, languages);
        var labels = report.Labels.ToList();
        return report with
        {
            ByModelFamily = anyModel ? ByGroup(head, labels, gold, predicted, families) : null,
            ByTrace = traces.Contains(TraceInResponse) ? ByGroup(head, labels, gold, predicted, traces) : null,
        };
    }

    /// <summary>Keys of <see cref="EvaluationReport.ByTrace"/>.</summary>
    public const string TraceInResponse = "trace_in_response", NoTraceInResponse = "no_trace_in_response";

    /// <summary>Scores label pairs directly (used by both Evaluate overloads, and by tests with hand-computed values).</summary>
    public static EvaluationReport Score(ClassifierHead head, IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IReadOnlyList<string> languages)
    {
        if (gold.Count != predicted.Count || gold.Count != languages.Count)
            throw new ArgumentException("gold, predicted and languages must have the same length.");
        var labels = head switch
        {
            ClassifierHead.Narrative => LabelSets.Narrative.ToList(),
            ClassifierHead.ComplianceBinary => ["COMPLETE", NotComplete],
            _ => LabelSets.Compliance.ToList(),
        };
        foreach (var label in gold.Concat(predicted))
            if (!labels.Contains(label))
                labels.Add(label);

        return Compute(head, labels, gold, predicted, ByGroup(head, labels, gold, predicted, languages));
    }

    private static SortedDictionary<string, EvaluationReport> ByGroup(ClassifierHead head, List<string> labels,
        IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IReadOnlyList<string> groups)
    {
        var byGroup = new SortedDictionary<string, EvaluationReport>(StringComparer.Ordinal);
        foreach (var group in groups.Distinct())
        {
            var rows = Enumerable.Range(0, gold.Count).Where(i => groups[i] == group).ToArray();
            byGroup[group] = Compute(head, labels, rows.Select(i => gold[i]).ToArray(), rows.Select(i => predicted[i]).ToArray(), null);
        }
        return byGroup;
    }

    private static EvaluationReport Compute(ClassifierHead head, List<string> labels, IReadOnlyList<string> gold, IReadOnlyList<string> predicted,
        IReadOnlyDictionary<string, EvaluationReport>? byLanguage)
    {
        var k = labels.Count;
        var confusion = new int[k][];
        for (var i = 0; i < k; i++)
            confusion[i] = new int[k];
        for (var i = 0; i < gold.Count; i++)
            confusion[labels.IndexOf(gold[i])][labels.IndexOf(predicted[i])]++;

        var n = gold.Count;
        var agree = Enumerable.Range(0, k).Sum(i => confusion[i][i]);
        var accuracy = n == 0 ? 0 : (double)agree / n;
        double expected = 0;
        for (var c = 0; c < k; c++)
        {
            var goldCount = confusion[c].Sum();
            var predictedCount = confusion.Sum(row => row[c]);
            expected += n == 0 ? 0 : (double)goldCount * predictedCount / ((double)n * n);
        }
        // Kappa is undefined when chance agreement is certain (one class only): report 1 for perfect agreement, else 0.
        var kappa = expected >= 1 ? (accuracy >= 1 ? 1 : 0) : (accuracy - expected) / (1 - expected);

        var perClass = new List<ClassMetrics>();
        foreach (var c in Enumerable.Range(0, k))
        {
            var truePositive = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = confusion.Sum(row => row[c]);
            if (support == 0 && predictedCount == 0)
                continue; // a class absent from both sides says nothing; leaving it out keeps macro-F1 honest
            var precision = predictedCount == 0 ? 0 : (double)truePositive / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositive / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(labels[c], precision, recall, f1, support));
        }
        var macroF1 = perClass.Count == 0 ? 0 : perClass.Average(m => m.F1);
        return new EvaluationReport(HeadName(head), n, accuracy, kappa, macroF1, labels.ToArray(), perClass,
            confusion.Select(row => (IReadOnlyList<int>)row).ToArray(), byLanguage);
    }

    private static string? GoldOf(LabeledExample example, ClassifierHead head) => head switch
    {
        ClassifierHead.Narrative => example.Narrative,
        _ when example.Compliance is null or LabelSets.Error => null,
        ClassifierHead.ComplianceBinary => Binary(example.Compliance),
        _ => example.Compliance,
    };

    private static string Binary(string label) => label is "EVASIVE" or "DENIAL" ? NotComplete : label;

    private static string HeadName(ClassifierHead head) => head switch
    {
        ClassifierHead.Narrative => "narrative",
        ClassifierHead.ComplianceBinary => "compliance_binary",
        _ => "compliance",
    };
}
