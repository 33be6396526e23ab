using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.TestSupport;

namespace AuditKit.Backends.LlamaSharp.Tests;

public class ModelResolverTests
{
    [Fact]
    public void Resolve_OllamaNameAndTag_FindsTheModelBlobThroughTheManifest()
    {
        using var dir = new TempDirectory();
        var stores = new ModelStores(dir.File("ollama"), dir.File("hf"));
        var digest = new string('a', 64);
        var manifest = Path.Combine(stores.OllamaModels, "manifests", "registry.ollama.ai", "library", "deepseek-r1", "7b");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        File.WriteAllText(manifest, $$"""{"layers":[{"mediaType":"application/vnd.ollama.image.template","digest":"sha256:{{new string('b', 64)}}"},{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:{{digest}}"}]}""");
        var blob = Path.Combine(stores.OllamaModels, "blobs", "sha256-" + digest);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        File.WriteAllText(blob, "GGUF");

        Assert.Equal(blob, new ModelResolver(stores).Resolve("ollama:deepseek-r1:7b"));
    }

    [Fact]
    public void Resolve_OllamaModelNotPulled_SaysHowToGetIt()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ModelResolutionException>(() => new ModelResolver(new ModelStores(dir.Path, dir.Path)).Resolve("ollama:qwen3"));
        Assert.Contains("run 'ollama pull qwen3:latest'", e.Message);
    }

    [Fact]
    public void Resolve_HuggingFaceFile_FollowsRefsToTheSnapshot()
    {
        using var dir = new TempDirectory();
        var stores = new ModelStores(dir.File("ollama"), dir.File("hub"));
        var repo = Path.Combine(stores.HuggingFaceHub, "models--Qwen--Qwen2.5-7B-Instruct-GGUF");
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "main"), "0123abcd\n");
        var file = Path.Combine(repo, "snapshots", "0123abcd", "qwen2.5-7b-instruct-q4_k_m.gguf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "GGUF");

        Assert.Equal(file, new ModelResolver(stores).Resolve("hf:Qwen/Qwen2.5-7B-Instruct-GGUF/qwen2.5-7b-instruct-q4_k_m.gguf"));
    }

    [Theory]
    [InlineData("hf:Qwen/repo")]
    [InlineData("hf:Qwen/../x.gguf")]
    [InlineData("hf:a/b/c.gguf@../main")]
    [InlineData("hf:a/b/c.txt")]
    [InlineData("hf:a/b/model.gguf/")]
    public void Parse_MalformedOrEscapingReference_IsRejected(string reference) =>
        Assert.Throws<ModelResolutionException>(() => HuggingFaceReference.Parse(reference));

    [Fact]
    public void Resolve_PlainPath_IsReturnedUnchanged() =>
        Assert.Equal("/models/x.gguf", new ModelResolver(new ModelStores("/o", "/h")).Resolve("/models/x.gguf"));
}
