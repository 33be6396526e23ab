using AuditKit.Classification.Data;
using AuditKit.Classification.Training;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// The figures the model card reports for a training recipe, each from out-of-fold predictions by question:
/// compliance on SpeechMap (3 classes, binary, China questions only), compliance on deccp, and narrative on every
/// answer the project annotated. Keys are the names used in <c>models/classifier-evaluation.json</c>.
/// </summary>
public static class RecipeEvaluation
{
    public static IReadOnlyDictionary<string, EvaluationReport> CrossValidate(CorpusSources sources, int folds, int foldSeed,
        TrainingOptions options, IProgress<string> progress)
    {
        var scored = sources.SpeechMap.Concat(sources.Deccp).ToArray();
        var predictions = CrossValidation.Run(scored, sources.Own, folds, foldSeed, options, progress);
        IReadOnlyList<LabeledExample> speechMap = scored[..sources.SpeechMap.Count];
        IReadOnlyList<LabeledExample> deccp = scored[sources.SpeechMap.Count..];
        var speechMapPredictions = predictions.Take(speechMap.Count).ToArray();
        var deccpPredictions = predictions.Skip(speechMap.Count).ToArray();
        var china = Enumerable.Range(0, speechMap.Count).Where(i => IsChinaQuestion(speechMap[i].QuestionId)).ToArray();

        return new Dictionary<string, EvaluationReport>(StringComparer.Ordinal)
        {
            ["cv-compliance"] = ClassifierEvaluator.Evaluate(speechMap, speechMapPredictions, ClassifierHead.Compliance),
            ["cv-compliance-binary"] = ClassifierEvaluator.Evaluate(speechMap, speechMapPredictions, ClassifierHead.ComplianceBinary),
            ["cv-china-compliance"] = ClassifierEvaluator.Evaluate(china.Select(i => speechMap[i]).ToArray(), china.Select(i => speechMapPredictions[i]).ToArray(), ClassifierHead.Compliance),
            ["cv-china-compliance-binary"] = ClassifierEvaluator.Evaluate(china.Select(i => speechMap[i]).ToArray(), china.Select(i => speechMapPredictions[i]).ToArray(), ClassifierHead.ComplianceBinary),
            ["cv-deccp-compliance"] = ClassifierEvaluator.Evaluate(deccp, deccpPredictions, ClassifierHead.Compliance),
            ["cv-narrative"] = ClassifierEvaluator.Evaluate(scored, predictions, ClassifierHead.Narrative),
        };
    }

    // SpeechMap's China questions (en, zh, fi) share ids beginning "china_"; the controls criticise other governments.
    private static bool IsChinaQuestion(string questionId) => questionId.StartsWith("china", StringComparison.Ordinal);
}
