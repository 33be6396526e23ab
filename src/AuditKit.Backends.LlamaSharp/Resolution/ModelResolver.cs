using System.Text.Json;

namespace AuditKit.Backends.LlamaSharp.Resolution;

/// <summary>
/// Turns what users pass to <c>--model</c> into a GGUF path: a plain path; <c>ollama:NAME[:TAG]</c>, found through
/// the local Ollama store's manifest (the layer of media type <c>application/vnd.ollama.image.model</c> is the GGUF
/// blob); or <c>hf:OWNER/REPO/FILE.gguf</c>, found in the local Hugging Face hub cache. Nothing is downloaded here.
/// </summary>
public sealed class ModelResolver(ModelStores stores)
{
    private const string OllamaModelMediaType = "application/vnd.ollama.image.model";

    public string Resolve(string reference)
    {
        if (reference.StartsWith("ollama:", StringComparison.Ordinal)) return ResolveOllama(reference["ollama:".Length..]);
        if (reference.StartsWith("hf:", StringComparison.Ordinal)) return ResolveHuggingFace(HuggingFaceReference.Parse(reference));
        return reference;
    }

    private string ResolveOllama(string nameAndTag)
    {
        var (name, tag) = nameAndTag.LastIndexOf(':') is var colon and > 0 ? (nameAndTag[..colon], nameAndTag[(colon + 1)..]) : (nameAndTag, "latest");
        if (name.Length == 0 || name.Contains("..") || tag.Contains('/') || tag.Contains(".."))
            throw new ModelResolutionException($"ollama:{nameAndTag}: expected ollama:NAME[:TAG]");
        var path = name.Contains('/') ? name : "library/" + name;
        var manifest = Path.Combine(stores.OllamaModels, "manifests", "registry.ollama.ai", path, tag);
        if (!File.Exists(manifest))
            throw new ModelResolutionException($"ollama:{nameAndTag}: not in the local Ollama store ({manifest} not found; run 'ollama pull {name}:{tag}')");

        string? digest;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            digest = doc.RootElement.GetProperty("layers").EnumerateArray()
                .Where(l => l.GetProperty("mediaType").GetString() == OllamaModelMediaType)
                .Select(l => l.GetProperty("digest").GetString())
                .FirstOrDefault();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelResolutionException($"{manifest}: not a readable Ollama manifest ({e.Message})");
        }
        if (digest is null || !digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71 || !digest[7..].All(char.IsAsciiHexDigit))
            throw new ModelResolutionException($"{manifest}: no model layer with a sha256 digest");
        var blob = Path.Combine(stores.OllamaModels, "blobs", "sha256-" + digest[7..]);
        return File.Exists(blob) ? blob : throw new ModelResolutionException($"ollama:{nameAndTag}: manifest names blob {blob}, which is missing");
    }

    private string ResolveHuggingFace(HuggingFaceReference hf)
    {
        var repoDir = Path.Combine(stores.HuggingFaceHub, hf.CacheFolderName);
        var refFile = Path.Combine(repoDir, "refs", hf.Revision);
        var revision = File.Exists(refFile) ? File.ReadAllText(refFile).Trim() : hf.Revision;
        var file = Path.Combine(repoDir, "snapshots", revision, hf.File);
        if (File.Exists(file)) return file;
        throw new ModelResolutionException($"{hf}: not in the local Hugging Face cache ({file} not found; 'auditkit models pull {hf}' downloads it)");
    }
}
