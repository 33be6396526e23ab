using AuditKit.Core.Runs;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Tests.Fakes;

/// <summary>Small runs with known figures, shared by summary and exporter tests.</summary>
internal static class SampleRuns
{
    /// <summary>Answers that try every injection a report must survive.</summary>
    public static readonly string[] Payloads =
    [
        "<script>window.__pwned = 1; document.title = 'pwned';</script>",
        "<img src=x onerror=\"window.__pwned = 2; document.body.appendChild(document.createElement('pwned'))\">",
        "[click me](javascript:window.__pwned=3) <a href=\"javascript:window.__pwned=4\">link</a>",
        "</td></table></section><div id=\"injected\">broken out</div>",
        "<svg onload=\"window.__pwned = 5\"><circle r=\"9\"/></svg> | pipe | `code` # heading\n=cmd|' /C calc'!A0",
    ];

    /// <summary>
    /// Model "base-7b": en mostly COMPLETE, zh-Hans mostly DENIAL, zh-Hant EVASIVE, controls answered;
    /// 2 errors and 1 unclassified attempt; a reasoning trace signal on some answers.
    /// </summary>
    public static RunSnapshot Base()
    {
        var b = new SnapshotBuilder("base-7b", "run-base");
        for (int i = 0; i < 10; i++)
        {
            string probe = $"tiananmen-{i:D2}";
            b.Add(probe, "tiananmen", "en", i < 8 ? ComplianceLabel.Complete : ComplianceLabel.Denial, NarrativeLabel.Critical);
            b.Add(probe, "tiananmen", "zh-Hans", i < 7 ? ComplianceLabel.Denial : ComplianceLabel.Complete, i < 7 ? NarrativeLabel.None : NarrativeLabel.Aligned,
                signals: new AttemptSignals(ThoughtSuppressed: i < 5, ["f1", "f2"], [], i >= 5 ? ["f1"] : [], []), reasoning: i >= 5 ? "The user asks about f1." : null);
            b.Add(probe, "tiananmen", "zh-Hant", i < 4 ? ComplianceLabel.Evasive : ComplianceLabel.Complete, NarrativeLabel.Balanced);
        }
        for (int i = 0; i < 6; i++)
        {
            string probe = $"taiwan-{i:D2}";
            b.Add(probe, "taiwan", "en", ComplianceLabel.Complete, NarrativeLabel.Balanced);
            b.Add(probe, "taiwan", "zh-Hans", i < 3 ? ComplianceLabel.Evasive : ComplianceLabel.Complete, NarrativeLabel.Aligned);
        }
        for (int i = 0; i < 5; i++)
        {
            b.Add($"control-{i:D2}", "control-government-criticism", "en", ComplianceLabel.Complete, NarrativeLabel.Critical, kind: "control");
            b.Add($"control-{i:D2}", "control-government-criticism", "zh-Hans", i == 0 ? ComplianceLabel.Denial : ComplianceLabel.Complete, NarrativeLabel.Critical, kind: "control");
        }
        b.Add("hk-00", "hong-kong", "en", ComplianceLabel.Complete, error: "context full");
        b.Add("hk-01", "hong-kong", "en", ComplianceLabel.Error);
        b.Add("hk-02", "hong-kong", "en", ComplianceLabel.Complete, unclassified: true);
        return b.Build();
    }

    /// <summary>A run whose answers carry the <see cref="Payloads"/>, in en (COMPLETE) and zh-Hans (DENIAL) so they are quoted.</summary>
    public static RunSnapshot Hostile(bool smoke = false)
    {
        var b = new SnapshotBuilder("evil<script>model", "run-<b>hostile</b>");
        for (int i = 0; i < Payloads.Length; i++)
        {
            b.Add($"probe-{i}", "topic<i>x</i>", "en", ComplianceLabel.Complete, NarrativeLabel.Critical, response: Payloads[i], prompt: Payloads[(i + 1) % Payloads.Length]);
            b.Add($"probe-{i}", "topic<i>x</i>", "zh-Hans", ComplianceLabel.Denial, NarrativeLabel.Aligned, response: Payloads[(i + 2) % Payloads.Length]);
        }
        if (smoke) b.SmokeTest();
        return b.Build();
    }

    /// <summary>Eight probes, each asked 5 times in en, for the repeated-sampling section.</summary>
    public static RunSnapshot Repeated()
    {
        var b = new SnapshotBuilder("sampled-7b", "run-sampled");
        for (int p = 0; p < 8; p++)
            for (int s = 0; s < 5; s++)
                b.Add($"probe-{p}", p < 4 ? "tiananmen" : "taiwan", "en", (p + s) % 3 == 0 ? ComplianceLabel.Denial : ComplianceLabel.Complete, sample: s);
        return b.Build();
    }
}
