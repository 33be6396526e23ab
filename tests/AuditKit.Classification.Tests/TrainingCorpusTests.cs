using AuditKit.Classification.Data;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

public sealed class TrainingCorpusTests
{
    [SharedDataFact("speechmap-gov-criticism/responses_labeled.jsonl")]
    public void Load_RealData_KeepsEveryQuestionOnOneSide()
    {
        var corpus = TrainingCorpus.Load(RepoPaths.SharedData, Path.Combine(RepoPaths.Models, "labels"), 0.3, 20250101);

        var trainQuestions = corpus.Train.Select(e => e.QuestionId).ToHashSet();
        Assert.DoesNotContain(corpus.SpeechMapDev, e => trainQuestions.Contains(e.QuestionId));
        Assert.DoesNotContain(corpus.NarrativeHeldOut, e => trainQuestions.Contains(e.QuestionId));
        Assert.True(corpus.NarrativeHeldOut.Count >= 100, $"{corpus.NarrativeHeldOut.Count} held-out narrative labels");
    }
}
