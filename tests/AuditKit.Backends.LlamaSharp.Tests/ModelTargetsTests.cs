using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.TestSupport;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Backends.LlamaSharp.Tests;

/// <summary>Contract test over models/targets.yaml: every recommended target is a reference `models pull` accepts.</summary>
public class ModelTargetsTests
{
    [Fact]
    public void Targets_EveryEntry_HasAPullableReferenceAndSizes()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Models, "targets.yaml"))));
        var targets = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["targets"];
        Assert.True(targets.Children.Count >= 5);
        foreach (YamlMappingNode t in targets.Children.Cast<YamlMappingNode>())
        {
            var reference = HuggingFaceReference.Parse(((YamlScalarNode)t["reference"]).Value!);
            Assert.EndsWith(".gguf", reference.File);
            Assert.True(double.Parse(((YamlScalarNode)t["expected_ram_gib"]).Value!, System.Globalization.CultureInfo.InvariantCulture)
                        > double.Parse(((YamlScalarNode)t["file_size_gib"]).Value!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
