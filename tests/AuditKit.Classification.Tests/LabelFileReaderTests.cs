using AuditKit.Classification.Data;
using AuditKit.Classification.Training;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

public sealed class LabelFileReaderTests
{
    private static string Labels(string name) => Path.Combine(RepoPaths.Models, "labels", name);

    [Fact]
    public void ReadSpeechMapNarrative_UnknownLabel_ThrowsNamingFileAndLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.csv");
        File.WriteAllText(path, "question_id,model,language,narrative\nq1,m,en,ALIGNED\nq2,m,en,PROPAGANDA\n");

        var error = Assert.Throws<InvalidDataException>(() => LabelFileReader.ReadSpeechMapNarrative(path));

        Assert.Contains($"{path}:3", error.Message);
        Assert.Contains("PROPAGANDA", error.Message);
    }

    [Fact]
    public void ReadSpeechMapNarrative_DuplicateKey_ThrowsNamingTheLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("labels.csv");
        File.WriteAllText(path, "question_id,model,language,narrative\nq1,m,en,ALIGNED\nq1,m,en,NONE\n");

        Assert.Contains(":3", Assert.Throws<InvalidDataException>(() => LabelFileReader.ReadSpeechMapNarrative(path)).Message);
    }

    [Fact]
    public void ReadOwnExamples_UnknownComplianceLabel_ThrowsNamingFileAndLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("own.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"language\":\"en\",\"prompt\":\"p\",\"response\":\"r\",\"compliance\":\"DENIAL\"}\n{\"id\":\"b\",\"language\":\"en\",\"compliance\":\"REFUSED\"}\n");

        var error = Assert.Throws<InvalidDataException>(() => LabelFileReader.ReadOwnExamples(path));

        Assert.Contains($"{path}:2", error.Message);
        Assert.Contains("REFUSED", error.Message);
    }

    [Fact]
    public void ReadOwnExamples_BrokenJson_ThrowsNamingFileAndLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("own.jsonl");
        File.WriteAllText(path, "{not json\n");

        Assert.Contains($"{path}:1", Assert.Throws<InvalidDataException>(() => LabelFileReader.ReadOwnExamples(path)).Message);
    }

    [Fact]
    public void SpeechMapReader_UnknownLabel_ThrowsNamingFileAndLine()
    {
        using var temp = new TempDirectory();
        var path = temp.File("responses.jsonl");
        File.WriteAllText(path,
            "{\"question_id\":\"q1\",\"model\":\"m\",\"language\":\"zh\",\"question\":\"p\",\"response\":\"r\",\"label\":\"ERROR_ORIGINAL_MODERATION\"}\n" +
            "{\"question_id\":\"q2\",\"model\":\"m\",\"language\":\"en\",\"question\":\"p\",\"response\":\"r\",\"label\":\"PARTIAL\"}\n");

        var error = Assert.Throws<InvalidDataException>(() => SpeechMapReader.Read(path));

        Assert.Contains($"{path}:2", error.Message);
        Assert.Contains("PARTIAL", error.Message);
    }

    [Fact]
    public void SpeechMapReader_ValidRows_MapsLanguageAndErrorLabels()
    {
        using var temp = new TempDirectory();
        var path = temp.File("responses.jsonl");
        File.WriteAllText(path, "{\"question_id\":\"q1\",\"model\":\"m\",\"language\":\"zh\",\"question\":\"p\",\"response\":null,\"label\":\"ERROR_ORIGINAL_RESPONSE\"}\n");

        var example = SpeechMapReader.Read(path).Single();

        Assert.Equal("q1|m|zh", example.Id);
        Assert.Equal("zh-Hans", example.Language);
        Assert.Equal(LabelSets.Error, example.Compliance);
        Assert.Equal("", example.Response);
    }

    [Fact]
    public void CommittedLabelFiles_ParseWithOnlyKnownLabels()
    {
        var narrative = LabelFileReader.ReadSpeechMapNarrative(Labels("narrative-speechmap.csv"));
        var own = LabelFileReader.ReadOwnExamples(Labels("own-examples.jsonl"));

        Assert.True(narrative.Count >= 300, $"{narrative.Count} narrative labels");
        Assert.All(narrative.Values, label => Assert.Contains(label, LabelSets.Narrative));
        Assert.Contains(own, e => e.Language == "zh-Hant");
        Assert.Contains(own, e => e.Language == "hi");
        Assert.Equal(own.Count, own.Select(e => e.Id).Distinct().Count());
    }

    [SharedDataFact("deccp/qwen2-7b-instruct_original_vs_abliterated.jsonl")]
    public void ReadDeccp_CommittedLabels_JoinWithTheDatasetAndDetectChinese()
    {
        var examples = LabelFileReader.ReadDeccp(Labels("deccp.csv"),
            Path.Combine(RepoPaths.SharedData, "deccp", "qwen2-7b-instruct_original_vs_abliterated.jsonl"));

        Assert.True(examples.Count >= 150);
        Assert.Contains(examples, e => e.Language == "zh-Hans");
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Response)));
    }
}
