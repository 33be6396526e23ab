namespace AuditKit.Backends.LlamaSharp.Resolution;

/// <summary>Where the local model stores live. Passed in explicitly so tests can point at a temp folder.</summary>
/// <param name="OllamaModels">Ollama's models folder (<c>OLLAMA_MODELS</c>, default <c>~/.ollama/models</c>).</param>
/// <param name="HuggingFaceHub">The Hugging Face hub cache (<c>HF_HUB_CACHE</c>, <c>HF_HOME/hub</c>, default <c>~/.cache/huggingface/hub</c>).</param>
public sealed record ModelStores(string OllamaModels, string HuggingFaceHub)
{
    /// <summary>The locations Ollama and the Hugging Face tools use, from the same environment variables they read.</summary>
    public static ModelStores FromEnvironment()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "";
        var ollama = Env("OLLAMA_MODELS") is { Length: > 0 } o ? o : Path.Combine(home, ".ollama", "models");
        var hub = Env("HF_HUB_CACHE") is { Length: > 0 } h ? h
            : Env("HF_HOME") is { Length: > 0 } hfHome ? Path.Combine(hfHome, "hub")
            : Path.Combine(home, ".cache", "huggingface", "hub");
        return new ModelStores(ollama, hub);
    }
}
