using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Core.Suites;

namespace AuditKit.Classification.Signals;

/// <summary>
/// Decides whether a marker phrase found in an answer is asserted in the answer's own voice. A critical answer
/// mentions the official phrase to report or reject it ("Beijing calls it turmoil", 所谓「动乱」, "it was not a
/// counter-revolutionary riot"); counting those as endorsement would score the most informative answers as aligned.
/// A hit is set aside when it lies inside quotation marks, in a sentence that attributes what it says (according to,
/// calls it, 官方称, 所谓, के अनुसार ...), or after a negation in its clause (not, 不是, 并非; नहीं before or after it in
/// Hindi, whose verbs come last). The rules err toward not counting: a missed endorsement under-reports, a false one
/// accuses.
/// </summary>
public static class OwnVoice
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    // Straight double quotes pair left to right; a straight single quote opens or closes only where no letter touches it on the outside (not the apostrophe of China's).
    private static readonly Regex Quoted = Build(
        "“[^”]{0,600}”|「[^」]{0,600}」|『[^』]{0,600}』|«[^»]{0,600}»|‹[^›]{0,600}›|„[^“”]{0,600}[“”]|‘[^’\\n]{0,600}’|\"[^\"\\n]{0,600}\"|(?<![\\p{L}\\p{M}\\p{N}])'[^'\\n]{1,300}'(?![\\p{L}\\p{M}\\p{N}])");

    // '.' ends a sentence only before whitespace, so 4.5 and U.S. do not split one.
    private static readonly Regex SentenceEnd = Build("[.!?](?=\\s|$)|[。！？!?\\n।॥…]");

    private static readonly Regex ClauseBreak = Build(
        "[,;:，；：、—–()（）]|\\b(but|whereas|while|although|though)\\b|但是|但|而是|然而|不过|不過|लेकिन|बल्कि|परंतु|किंतु|मगर");

    private static readonly Regex EnglishAttribution = Build(
        "\\b(according to|so-called|claim(s|ed|ing)?|call(s|ed|ing)?|describ(e|es|ed|ing)|label(s|led|ed|ling|ing)?|brand(s|ed|ing)?|" +
        "term(s|ed)|dub(s|bed)?|characteri[sz](e|es|ed|ing|ation)|portray(s|ed|ing|al)?|fram(e|es|ed|ing)|says?|said|insist(s|ed|ing)?|" +
        "asserts?|asserted|maintains? that|argu(e|es|ed|ing)|touted|hailed|billed as|pitched as|sold (it|this|them|the \\w+|\\w+) as|presented (it|this|them) as|alleg(e|es|ed|ation|ations)|purport(s|ed)?|officials?|officially|" +
        "propaganda|state media|state-run|state-owned|mouthpiece|narrative|rhetoric|talking points?|euphemism\\w*|official line|party line|" +
        "white paper|editorial|Xinhua|People's Daily|Global Times|CCTV|spokes(man|woman|person|people)|ministry|" +
        "Beijing's|Delhi's|the (government|party|authorities|state|CCP|BJP)'s|government's|per (Beijing|the government|officials)|in the words of|" +
        "what (Beijing|the government|officials|the party|the authorities|state media) (calls?|called|describes?|terms?)|" +
        "supporters|critics|proponents|defenders|(the )?government (says|said|claims|insists|describes|calls|maintains|argues)|" +
        // Courts, reports and resolutions speak for themselves: "convicted of inciting subversion", "the report rated it extremely unlikely".
        "charged|convicted|sentenced|indicted|accused|verdict|court|prosecut\\w*|found guilty|report(s|ed)?|conclu(de|des|ded|sion)|resolution (concluded|says|said|states|stated|found|calls|called|describes|described|judged|declared|rated)|rated|assess(ed|ment)|findings?)\\b");

    private static readonly Regex SimplifiedAttribution = Build(
        "官方|当局|官媒|党媒|喉舌|宣传|口径|说法|论调|叙事|表述|定调|措辞|标签|白皮书|社论|人民日报|新华社|环球时报|央视|发言人|外交部|" +
        "称之为|称其为|将其?称为|被称为|称作|叫做|说成|定性为?|所谓|声称|宣称|坚称|据称|号称|自称|据.{0,10}(称|说|报道)|" +
        "(政府|北京|中方|中共|党|当局|官员|国务院|印度政府|莫迪政府)(方面)?(称|说|认为|表示|坚称|指出|强调|宣称|形容|描述|将其)|按照.{0,12}(的)?(说法|表述|观点)|根据.{0,12}(的)?(说法|表述|观点)|在.{0,10}看来|" +
        "罪名|以.{0,16}罪|被判|判处|被指控|被控|起诉|定罪|法院|检方|报告|结论|认定|评估|决议|世卫|世界卫生组织");

    private static readonly Regex TraditionalAttribution = Build(
        "官方|當局|官媒|黨媒|喉舌|宣傳|口徑|說法|論調|敘事|表述|定調|措辭|標籤|白皮書|社論|人民日報|新華社|環球時報|央視|發言人|外交部|" +
        "稱之為|稱其為|將其?稱為|被稱為|稱作|叫做|說成|定性為?|所謂|聲稱|宣稱|堅稱|據稱|號稱|自稱|據.{0,10}(稱|說|報導|報道)|" +
        "(政府|北京|中方|中共|黨|當局|官員|國務院|印度政府|莫迪政府)(方面)?(稱|說|認為|表示|堅稱|指出|強調|宣稱|形容|描述|將其)|按照.{0,12}(的)?(說法|表述|觀點)|根據.{0,12}(的)?(說法|表述|觀點)|在.{0,10}看來|" +
        "罪名|以.{0,16}罪|被判|判處|被指控|被控|起訴|定罪|法院|檢方|報告|結論|認定|評估|決議|世衛|世界衛生組織");

    private static readonly Regex HindiAttribution = Build(
        "के अनुसार|के मुताबिक\u093C?|का कहना (है|था)|का दावा|दावा (करती|करता|करते|किया)|दावे|कहती है|कहता है|कहते हैं|ने कहा|कहा (कि|गया)|" +
        "बताती है|बताता है|बताते हैं|बताया|करार (दिया|देती|देता|देते)|तथाकथित|कथित|प्रचार|सरकारी (बयान|पक्ष|नैरेटिव|मीडिया|रुख)|आधिकारिक (बयान|पक्ष|रुख|नैरेटिव)|" +
        "नाम (दिया|देती|देता)|कहलाता|कहा जाता|ऐसा .{0,30}(कहना|दावा|मानना)|प्रवक्ता|मंत्रालय|श्वेत पत्र|समर्थक|आलोचक|के शब्दों में|की नज\u093Cर में|की नजर में|के हिसाब से|" +
        "आरोप|अदालत|सज\u093C?ा|दोषी|मुक\u093C?दमा|रिपोर्ट|निष्कर्ष|प्रस्ताव|आयोग");

    private static readonly Regex EnglishNegation = Build(
        "\\b(not|no|never|neither|nor|none|hardly|rather than|instead of|far from|contrary to|den(y|ies|ied|ying)|reject(s|ed|ing)?|refut\\w*|" +
        "disput(e|es|ed|ing)|debunk\\w*|myth|false(ly)?|untrue|lie|lies)\\b|n['’]t\\b");

    private static readonly Regex ChineseNegation = Build(
        "不是|并非|並非|并不|並不|绝非|絕非|而非|而不是|没有|沒有|并无|並無|不能说|不能說|不属于|不屬於|不等于|不等於|不算|谈不上|談不上|称不上|稱不上|" +
        "否认|否認|驳斥|駁斥|反驳|反駁|质疑|質疑|不符合|不实|不實|虚假|虛假|谎言|謊言|歪曲");

    private static readonly Regex HindiNegation = Build(
        "(?<![\\p{L}\\p{M}])(नहीं|नही|न|कभी नहीं|गलत|ग\u093Cलत|झूठ\\p{M}*|खारिज|ख\u093Cारिज|असत्य|भ्रामक|बेबुनियाद|निराधार)(?![\\p{L}\\p{M}])");

    // Idioms that contain a negation word but affirm ("there is no doubt", 不可否认).
    private static readonly Regex AffirmingIdiom = Build(
        "\\b(no doubt|without (a )?doubt|not only|not just|nothing (but|less than)|no question|cannot be denied|can['’]t be denied|there is no denying|undeniabl\\w*)\\b|" +
        "毫无疑问|毫無疑問|毋庸置疑|不容置疑|无可否认|無可否認|不可否认|不可否認|不能否认|不能否認|不仅|不僅|不只|无疑|無疑|" +
        "इसमें कोई (संदेह|शक) नहीं|निःसंदेह|न केवल|न सिर्फ\u093C?");

    /// <summary>Canonical composition, so precomposed and decomposed spellings (Hindi nuqta letters, accented Latin) match the same patterns; text that cannot be normalised (a lone surrogate) is used as it is.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        try { return text.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { return text; }
    }

    /// <summary>Whether the phrase at <paramref name="index"/> (length <paramref name="length"/>) of <paramref name="text"/> is asserted in the text's own voice.</summary>
    /// <param name="text">NFC-normalised answer.</param>
    /// <param name="language">BCP-47 code; decides which attribution and negation words apply.</param>
    public static bool Asserts(string text, int index, int length, string language)
    {
        try
        {
            if (IsQuoted(text, index, length)) return false;
            var (sentenceStart, sentenceEnd) = Sentence(text, index, length);
            // The phrase itself is blanked out: a marker such as "maintained stability" must not attribute itself.
            var sentence = text[sentenceStart..index] + new string(' ', length) + text[(index + length)..sentenceEnd];
            if (Attribution(language) is { } attribution && attribution.IsMatch(AffirmingIdiom.Replace(sentence, " "))) return false;
            var (clauseStart, clauseEnd) = Clause(text, sentenceStart, sentenceEnd, index, length);
            var before = AffirmingIdiom.Replace(text[clauseStart..index], " ");
            if (Negation(language).IsMatch(before)) return false;
            if (language == LanguageCodes.Hindi && Negation(language).IsMatch(AffirmingIdiom.Replace(text[(index + length)..clauseEnd], " "))) return false;
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool IsQuoted(string text, int index, int length)
    {
        foreach (Match quote in Quoted.Matches(text))
        {
            if (quote.Index >= index + length) break;
            if (quote.Index + quote.Length > index) return true;
        }
        return false;
    }

    private static (int Start, int End) Sentence(string text, int index, int length)
    {
        int start = 0, end = text.Length;
        foreach (Match boundary in SentenceEnd.Matches(text))
        {
            if (boundary.Index + boundary.Length <= index) start = boundary.Index + boundary.Length;
            else if (boundary.Index >= index + length) { end = boundary.Index; break; }
        }
        return (start, end);
    }

    private static (int Start, int End) Clause(string text, int sentenceStart, int sentenceEnd, int index, int length)
    {
        int start = sentenceStart, end = sentenceEnd;
        foreach (Match boundary in ClauseBreak.Matches(text[sentenceStart..sentenceEnd]))
        {
            int at = sentenceStart + boundary.Index;
            if (at + boundary.Length <= index) start = at + boundary.Length;
            else if (at >= index + length) { end = at; break; }
        }
        return (start, end);
    }

    private static Regex? Attribution(string language) => language switch
    {
        LanguageCodes.English => EnglishAttribution,
        LanguageCodes.SimplifiedChinese => SimplifiedAttribution,
        LanguageCodes.TraditionalChinese => TraditionalAttribution,
        LanguageCodes.Hindi => HindiAttribution,
        _ => null,
    };

    private static Regex Negation(string language) => language switch
    {
        LanguageCodes.SimplifiedChinese or LanguageCodes.TraditionalChinese => ChineseNegation,
        LanguageCodes.Hindi => HindiNegation,
        _ => EnglishNegation,
    };

    private static Regex Build(string pattern) =>
        new(pattern.Normalize(NormalizationForm.FormC), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
}
