namespace AuditKit.Backends.LlamaSharp.Resolution;

/// <summary><c>hf:OWNER/REPO/FILE.gguf[@REVISION]</c>: one file of a Hugging Face model repository.</summary>
public sealed record HuggingFaceReference(string Owner, string Repo, string File, string Revision)
{
    /// <summary>The hub cache's folder name for the repository, e.g. <c>models--Qwen--Qwen2.5-7B-Instruct-GGUF</c>.</summary>
    public string CacheFolderName => $"models--{Owner}--{Repo}";

    public static HuggingFaceReference Parse(string reference)
    {
        var body = reference.StartsWith("hf:", StringComparison.Ordinal) ? reference[3..] : reference;
        var revision = "main";
        if (body.LastIndexOf('@') is var at and > 0) { revision = body[(at + 1)..]; body = body[..at]; }
        var parts = body.Split('/');
        if (parts.Length < 3 || parts.Any(p => p.Length == 0 || p == "." || p == "..") || revision.Length == 0 || revision.Contains('/') || revision.Contains(".."))
            throw new ModelResolutionException($"{reference}: expected hf:OWNER/REPO/FILE.gguf[@REVISION]");
        // Only a GGUF can be audited; anything else would be downloaded (or looked up) for nothing.
        if (!parts[^1].EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            throw new ModelResolutionException($"{reference}: '{parts[^1]}' is not a .gguf file; expected hf:OWNER/REPO/FILE.gguf[@REVISION]");
        return new HuggingFaceReference(parts[0], parts[1], string.Join('/', parts[2..]), revision);
    }

    public override string ToString() => $"hf:{Owner}/{Repo}/{File}" + (Revision == "main" ? "" : "@" + Revision);
}
