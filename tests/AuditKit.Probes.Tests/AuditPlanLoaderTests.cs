using System.Text.Json;
using System.Text.RegularExpressions;
using AuditKit.Probes.Plans;
using AuditKit.TestSupport;

namespace AuditKit.Probes.Tests;

public partial class AuditPlanLoaderTests
{
    private static readonly string PlansDirectory = Path.Combine(RepoPaths.Probes, "plans");

    [Fact]
    public void Load_ShippedExample_DeclaresASmokeModelAnEndpointAndAGate()
    {
        var plan = AuditPlanLoader.Load(Path.Combine(PlansDirectory, "example.yaml"));

        Assert.Equal(["smoke", "served"], plan.Models.Select(m => m.Name));
        Assert.True(plan.Models[0].IsSmoke);
        Assert.True(plan.Models[1].IsEndpoint);
        var gate = Assert.Single(plan.Comparisons);
        Assert.True(gate.FailIfRegress);
        Assert.Equal(32, plan.Sampler.MaxTokens);
    }

    [Theory]
    [InlineData("", "plan")]
    [InlineData("sampler", "sampler")]
    [InlineData("models", "a model")]
    [InlineData("judge", "judge")]
    [InlineData("compare", "a comparison")]
    public void Check_UnknownField_ListsExactlyTheFieldsTheSchemaDeclares(string section, string where)
    {
        using var dir = new TempDirectory();
        var bogus = "bogus_field: 1";
        var yaml = $"""
            suites: [starter]
            {(section == "" ? bogus : "")}
            sampler:
              temperature: 0
              {(section == "sampler" ? bogus : "")}
            models:
              - name: a
                model: smoke
                {(section == "models" ? bogus : "")}
            judge:
              endpoint: http://127.0.0.1:1/v1
              model_id: j
              {(section == "judge" ? bogus : "")}
            compare:
              - base: a
                candidate: a
                {(section == "compare" ? bogus : "")}
            """;
        var path = dir.File("plan.yaml");
        File.WriteAllText(path, yaml);

        var (_, errors) = AuditPlanLoader.Check(path);

        var error = Assert.Single(errors, e => e.Contains("unknown field 'bogus_field'"));
        Assert.Contains($"in {where} (known: ", error);
        var known = KnownList().Match(error).Groups[1].Value.Split(", ").Order();
        Assert.Equal(SchemaProperties(section).Order(), known);
    }

    [Fact]
    public void Check_PlanSavedWithAByteOrderMarkAndAnEndpointHoldingAKey_ReadsTheFirstKeyAndNeverPrintsTheKey()
    {
        using var dir = new TempDirectory();
        var path = dir.File("plan.yaml");
        File.WriteAllText(path, "suites: [starter]\nmodels:\n  - name: a\n    endpoint: ftp://user:sk-secret@example.org/v1?key=sk-secret\n    model_id: x\n",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (_, errors) = AuditPlanLoader.Check(path);

        var error = Assert.Single(errors);
        Assert.StartsWith($"{path}:4: 'endpoint':", error);
        Assert.DoesNotContain("sk-secret", error);
    }

    [Fact]
    public void Check_ModelWithBothSourcesAndAComparisonOfAnUnknownModel_ReportsBothWithTheirLines()
    {
        using var dir = new TempDirectory();
        var path = dir.File("plan.yaml");
        File.WriteAllText(path, "suites: [starter]\nmodels:\n  - name: a\n    model: smoke\n    endpoint: http://127.0.0.1:1/v1\n    model_id: x\ncompare:\n  - base: a\n    candidate: b\n");

        var (plan, errors) = AuditPlanLoader.Check(path);

        Assert.Null(plan);
        Assert.Equal([$"{path}:3: model 'a': give either 'model' (GGUF path, hf:, ollama: or smoke) or 'endpoint' with 'model_id'",
            $"{path}:8: comparison names model 'a', which the plan does not declare",
            $"{path}:8: comparison names model 'b', which the plan does not declare"], errors);
    }

    private static IEnumerable<string> SchemaProperties(string section)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(PlansDirectory, "plan.schema.json")));
        var root = schema.RootElement.GetProperty("properties");
        var node = section switch
        {
            "" => schema.RootElement,
            "models" or "compare" => root.GetProperty(section).GetProperty("items"),
            _ => root.GetProperty(section),
        };
        return [.. node.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }

    [GeneratedRegex(@"\(known: ([^)]*)\)")]
    private static partial Regex KnownList();
}
