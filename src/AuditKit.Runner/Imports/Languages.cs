namespace AuditKit.Runner.Imports;

/// <summary>Maps the language tags transcripts use to the BCP-47 codes suites use, so imported and native runs pair.</summary>
public static class Languages
{
    public static string Normalize(string tag) => tag.Trim() switch
    {
        "zh" or "zh-CN" or "zh-cn" or "zh-SG" or "zh_CN" or "zh-Hans-CN" => "zh-Hans",
        "zh-TW" or "zh-tw" or "zh-HK" or "zh_TW" or "zh-Hant-TW" => "zh-Hant",
        "en-US" or "en-GB" or "en_US" => "en",
        "hi-IN" => "hi",
        var other => other,
    };
}
