using AuditKit.Core.Classifiers;
using AuditKit.Core.Backends;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Exporters;

public class MethodSectionTests
{
    private static string ReportOf(AuditKit.Core.Runs.RunSnapshot run) =>
        MarkdownExporter.Render(AuditSummaryBuilder.Build([run], ReportPolicy.Default, "t", SnapshotBuilder.Time));

    private static AuditKit.Core.Runs.RunSnapshot Imported()
    {
        var run = new SnapshotBuilder("gpt-4o", "run-import").AddMany("p", "t", "en", ComplianceLabel.Complete, 3).Build();
        return run with
        {
            Manifest = run.Manifest with
            {
                Model = new ModelDescription { Name = "37 models", Backend = "import", Sha256 = "ab" + new string('0', 62) },
                Sampler = new SamplerSettings(double.NaN, double.NaN, 0, 0),
            },
            Classifier = run.Classifier! with { Evaluation = new Dictionary<string, double> { ["cv-china-compliance-binary.kappa"] = 0.61 } },
        };
    }

    [Fact]
    public void Render_ImportedRun_ShowsNoSamplerTemplateOrQuantisationItDoesNotHave()
    {
        var md = ReportOf(Imported());
        var method = md[md.IndexOf("## Method", StringComparison.Ordinal)..];

        Assert.DoesNotContain("NaN", md);
        Assert.DoesNotContain("max tokens 0", md);
        Assert.DoesNotContain("Chat template", method);
        Assert.DoesNotContain("quantised", md);
        Assert.Contains("Backend: imported answers (the tool did not run the model)", method);
        Assert.Contains("provider's filters", md);
    }

    [Fact]
    public void Render_ClassifierEvaluationKeys_ShownWithReadableNames()
    {
        var md = ReportOf(Imported());
        Assert.DoesNotContain("cv-china-compliance-binary", md);
        Assert.Contains("Classifier, refused or not, cross-validated by question on SpeechMap's China questions: Cohen's kappa: 0.61", md);
    }

    [Fact]
    public void Render_LocalRun_KeepsSamplerTemplateAndQuantisation()
    {
        var md = ReportOf(SampleRuns.Base());
        Assert.Contains("temperature 0, top-p 1, max tokens 256", md);
        Assert.Contains("Chat template: chatml", md);
        Assert.Contains("Quantisation: Q4\\_K\\_M", md);
        Assert.Contains("quantised file", md);
    }
}
