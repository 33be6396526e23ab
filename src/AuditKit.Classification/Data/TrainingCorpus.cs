using AuditKit.Classification.Training;
using AuditKit.Core.Files;

namespace AuditKit.Classification.Data;

/// <summary>
/// Assembles the data the shipped model is trained and evaluated on, so `auditkit classifier train/eval` stay thin:
/// SpeechMap (with the project's narrative labels), deccp (with the project's labels) and the project's own
/// examples, split by question with one seed.
/// </summary>
public static class TrainingCorpus
{
    public const string SpeechMapFile = "speechmap-gov-criticism/responses_labeled.jsonl";
    public const string DeccpFile = "deccp/qwen2-7b-instruct_original_vs_abliterated.jsonl";

    /// <param name="sharedDataDirectory">Folder holding the datasets (../shared/data in a checkout).</param>
    /// <param name="labelsDirectory">models/labels.</param>
    /// <param name="devFraction">Share of questions held out (0.3 for the shipped model).</param>
    /// <param name="seed">Split seed (the training seed for the shipped model).</param>
    public static CorpusSplit Load(string sharedDataDirectory, string labelsDirectory, double devFraction, int seed)
    {
        var (speechMap, deccp, own) = LoadSources(sharedDataDirectory, labelsDirectory);
        var speechMapSplit = QuestionSplitter.Split(speechMap, devFraction, seed);
        var deccpSplit = QuestionSplitter.Split(deccp, devFraction, seed);
        // The self-written examples are teaching material, not a sample of real answers: always trained on, never scored.
        var train = speechMapSplit.Train.Concat(deccpSplit.Train).Concat(own).ToArray();
        var narrativeHeldOut = speechMapSplit.Dev.Concat(deccpSplit.Dev).Where(e => e.Narrative is not null).ToArray();
        return new CorpusSplit(train, speechMapSplit.Dev, deccpSplit.Dev, narrativeHeldOut);
    }

    /// <summary>The three sources unsplit: SpeechMap with the project's narrative labels, deccp with the project's labels, and the own examples.</summary>
    public static CorpusSources LoadSources(string sharedDataDirectory, string labelsDirectory)
    {
        var speechMap = LabelFileReader.WithNarrative(
            SpeechMapReader.Read(Path.Combine(sharedDataDirectory, SpeechMapFile)),
            LabelFileReader.ReadSpeechMapNarrative(Path.Combine(labelsDirectory, NarrativeSpeechMapLabels)));
        var deccp = LabelFileReader.ReadDeccp(Path.Combine(labelsDirectory, DeccpLabels), Path.Combine(sharedDataDirectory, DeccpFile));
        var own = LabelFileReader.ReadOwnExamples(Path.Combine(labelsDirectory, OwnExamples));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { SpeechMapFile, DeccpFile })
            files[name] = FileHash.Sha256(Path.Combine(sharedDataDirectory, name));
        foreach (var name in new[] { NarrativeSpeechMapLabels, DeccpLabels, OwnExamples })
            files["labels/" + name] = FileHash.Sha256(Path.Combine(labelsDirectory, name));
        return new CorpusSources(speechMap, deccp, own) { Files = files };
    }

    private const string NarrativeSpeechMapLabels = "narrative-speechmap.csv", DeccpLabels = "deccp.csv", OwnExamples = "own-examples.jsonl";
}
