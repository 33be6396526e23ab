using System.Security.Cryptography;
using System.Text;
using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.Models;

/// <summary>
/// What a run manifest records about a GGUF model, read from its header: architecture, quantisation, size,
/// training context and chat template.
/// </summary>
public sealed record GgufModelInfo
{
    /// <summary><c>general.architecture</c>, or null when the file lacks it.</summary>
    public required string? Architecture { get; init; }

    /// <summary><c>general.name</c>, or null.</summary>
    public required string? Name { get; init; }

    /// <summary>Quantisation as llama.cpp names it (<c>Q4_K_M</c>, <c>F16</c>, ...), or null for a model without tensors.</summary>
    public required string? FileType { get; init; }

    /// <summary>True when <see cref="FileType"/> was inferred from the tensors because <c>general.file_type</c> is absent or unknown.</summary>
    public required bool FileTypeIsGuessed { get; init; }

    /// <summary>Total elements of all tensors.</summary>
    public required long ParameterCount { get; init; }

    /// <summary><c>&lt;arch&gt;.context_length</c>: the context the model was trained with, in tokens; null when absent.</summary>
    public required int? TrainingContext { get; init; }

    /// <summary><c>tokenizer.chat_template</c>, or null when the model has none.</summary>
    public required string? ChatTemplate { get; init; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 chat template, or null when there is none.</summary>
    public required string? ChatTemplateSha256 { get; init; }

    public required string FilePath { get; init; }

    public required long FileSize { get; init; }

    /// <summary>
    /// Metadata that llama.cpp would crash on or reject while loading the vocabulary (e.g. a token-type array shorter
    /// than the token list, which it reads past the end) or the architecture's hyperparameters (e.g. zero layers,
    /// which it asserts against, aborting the process). Empty for a sound file; <see cref="Validate"/> throws the first.
    /// </summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool IsSupportedArchitecture => LlamaCppArchitectures.IsSupported(Architecture);

    /// <summary>Reads the model facts from a validated header.</summary>
    public static GgufModelInfo FromFile(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var architecture = file.GetString("general.architecture");
        var fileTypeId = file.GetUInt64("general.file_type");
        var named = fileTypeId is <= uint.MaxValue and { } id ? LlamaFileTypes.Name((uint)id) : null;
        var context = architecture is null ? null : file.GetUInt64(architecture + ".context_length");
        var template = file.GetString("tokenizer.chat_template");
        return new GgufModelInfo
        {
            Architecture = architecture,
            Name = file.GetString("general.name"),
            FileType = named ?? LlamaFileTypes.Infer(file.Tensors),
            FileTypeIsGuessed = named is null,
            ParameterCount = file.Tensors.Sum(t => t.ElementCount),
            TrainingContext = context is { } c ? (int)Math.Min(c, int.MaxValue) : null,
            ChatTemplate = template,
            ChatTemplateSha256 = template is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template))),
            FilePath = file.FilePath,
            FileSize = file.FileSize,
            Problems = [.. FindVocabularyProblems(file), .. architecture is null ? [] : LlamaCppHyperparameterChecks.Find(file, architecture)],
        };
    }

    /// <summary>Reads and validates <paramref name="path"/>, then checks the model is one llama.cpp can audit.</summary>
    public static GgufModelInfo Load(string path)
    {
        var info = FromFile(GgufReader.Read(path));
        info.Validate();
        return info;
    }

    /// <summary>
    /// Throws <see cref="GgufFormatException"/> when the model has no tensors, no architecture, or an architecture
    /// outside <see cref="LlamaCppArchitectures.Supported"/>.
    /// </summary>
    public void Validate()
    {
        if (Architecture is null)
            throw new GgufFormatException(FilePath, "no 'general.architecture' in the metadata; llama.cpp cannot load it");
        if (!IsSupportedArchitecture)
            throw new GgufFormatException(FilePath,
                $"architecture '{Architecture}' is not supported by AuditKit's llama.cpp (supported: {string.Join(", ", LlamaCppArchitectures.Supported)})");
        if (Problems.Count > 0)
            throw new GgufFormatException(FilePath, Problems[0]);
        if (ParameterCount == 0)
            throw new GgufFormatException(FilePath, "the file has no tensors (a vocabulary-only GGUF cannot generate)");
    }

    private static List<string> FindVocabularyProblems(GgufFile file)
    {
        var problems = new List<string>();
        // The GGUF spec allows arrays of arrays, but llama.cpp's reader refuses the whole file.
        foreach (var key in file.MetadataKeys)
            if (file.Metadata[key].ElementType == GgufValueType.Array)
                problems.Add($"metadata '{key}' is an array of arrays, which llama.cpp refuses to load");
        if (!file.Metadata.TryGetValue("tokenizer.ggml.tokens", out var tokens))
        {
            problems.Add("no 'tokenizer.ggml.tokens' in the metadata; llama.cpp cannot build the vocabulary");
            return problems;
        }
        // llama.cpp asserts (aborts the process) when the token list is not a string array.
        if (tokens.Raw is not string[] tokenList)
        {
            problems.Add($"metadata 'tokenizer.ggml.tokens' is {tokens.Describe()}, expected an array of String");
            return problems;
        }
        // llama.cpp indexes these arrays by token id without checking their length.
        foreach (var (key, elementType) in new[] { ("tokenizer.ggml.scores", GgufValueType.Float32), ("tokenizer.ggml.token_type", GgufValueType.Int32) })
        {
            if (!file.Metadata.TryGetValue(key, out var value))
                continue;
            if (value.ElementType != elementType)
                problems.Add($"metadata '{key}' is {value.Describe()}, expected an array of {elementType}");
            else if (value.ArrayLength < tokenList.Length)
                problems.Add($"metadata '{key}' has {value.ArrayLength} entries for {tokenList.Length} tokens");
        }
        if (file.Metadata.TryGetValue("tokenizer.ggml.merges", out var merges) && merges.Raw is not string[])
            problems.Add($"metadata 'tokenizer.ggml.merges' is {merges.Describe()}, expected an array of String");
        return problems;
    }
}
