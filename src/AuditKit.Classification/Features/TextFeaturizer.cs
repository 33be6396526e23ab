using Microsoft.ML.Tokenizers;

namespace AuditKit.Classification.Features;

/// <summary>
/// Turns (prompt, answer, language) into a hashed sparse vector. The same class runs at training and inference,
/// so the ONNX model only ever sees vectors built by this code.
/// </summary>
/// <remarks>
/// Blocks, each L2-normalised on its own so a long answer does not drown the short ones: answer o200k unigrams and
/// bigrams, the opening and closing tokens of the answer, answer character 2- and 3-grams (these carry Chinese and
/// Hindi without word boundaries), prompt unigrams, prompt tokens found / not found in the answer (evasion is relative
/// to the question), and a few binary facts (length bucket, overlap bucket, truncation, language).
/// </remarks>
public sealed class TextFeaturizer
{
    // o200k's vocabulary ships inside the Data.O200kBase package: nothing is downloaded.
    private static readonly Lazy<Tokenizer> SharedTokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    private const uint AnswerUnigram = 1, AnswerBigram = 2, LeadUnigram = 3, LeadBigram = 4, TailUnigram = 5,
        TailBigram = 6, CharGram = 7, PromptUnigram = 9, PromptInAnswer = 10, PromptMissing = 11, Meta = 12;

    /// <summary>Characters read per allowed token; the character window is MaxTokens x this + 64.</summary>
    public const int CharsPerToken = 4;

    private readonly FeaturizerSettings _settings;
    private readonly Tokenizer _tokenizer;
    private readonly int _mask;
    // Dense scratch per thread: array indexing is several times cheaper than a dictionary per feature.
    private readonly ThreadLocal<Scratch> _scratch;

    public TextFeaturizer(FeaturizerSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _tokenizer = SharedTokenizer.Value;
        _mask = settings.Dimensions - 1;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(settings.Dimensions));
    }

    public FeaturizerSettings Settings => _settings;

    /// <summary>Number of o200k tokens in a text, for reports and truncation checks.</summary>
    public int CountTokens(string text) => _tokenizer.CountTokens(TextSanitizer.Sanitize(text));

    public FeatureVector Featurize(string? prompt, string? response, string? language)
    {
        var answer = TextSanitizer.Sanitize(response);
        var question = TextSanitizer.Sanitize(prompt);

        var (answerIds, truncated, readChars) = Encode(answer, _settings.MaxAnswerTokens);
        var (promptIds, _, _) = Encode(question, _settings.MaxPromptTokens);
        var tailIds = TailIds(answer, truncated, answerIds);

        var scratch = _scratch.Value!;
        var total = scratch.Total;
        var block = scratch.Block;

        for (var i = 0; i < answerIds.Length; i++)
            block.Add(Hash(AnswerUnigram, answerIds[i], 0));
        for (var i = 1; i < answerIds.Length; i++)
            block.Add(Hash(AnswerBigram, answerIds[i - 1], answerIds[i]));
        block.FlushInto(total);

        var lead = Math.Min(_settings.LeadTokens, answerIds.Length);
        for (var i = 0; i < lead; i++)
        {
            block.Add(Hash(LeadUnigram, answerIds[i], 0));
            block.Add(Hash(LeadBigram, i == 0 ? -1 : answerIds[i - 1], answerIds[i]));
        }
        block.FlushInto(total);

        for (var i = 0; i < tailIds.Length; i++)
        {
            block.Add(Hash(TailUnigram, tailIds[i], 0));
            if (i > 0)
                block.Add(Hash(TailBigram, tailIds[i - 1], tailIds[i]));
        }
        block.FlushInto(total);

        AddCharGrams(block, answer.AsSpan(0, readChars));
        block.FlushInto(total);

        var answerSet = new HashSet<int>(answerIds);
        var promptSet = new HashSet<int>(promptIds);
        var found = 0;
        foreach (var id in promptSet)
        {
            block.Add(Hash(PromptUnigram, id, 0));
            if (answerSet.Contains(id))
            {
                found++;
                block.Add(Hash(PromptInAnswer, id, 0));
            }
            else
                block.Add(Hash(PromptMissing, id, 0));
        }
        block.FlushInto(total);

        var overlapBucket = promptSet.Count == 0 ? -1 : (int)Math.Floor(10.0 * found / promptSet.Count);
        var lengthBucket = answerIds.Length == 0 ? -1 : (int)Math.Floor(Math.Log2(answerIds.Length));
        total.Add(Hash(Meta, 1, overlapBucket));
        total.Add(Hash(Meta, 2, lengthBucket));
        total.Add(Hash(Meta, 3, truncated ? 1 : 0));
        total.Add(Hash(Meta, 4, StableHash(language?.ToLowerInvariant() ?? string.Empty)));
        total.Add(Hash(Meta, 5, 0)); // bias-like constant feature

        var (indices, values) = total.TakeSorted();
        return new FeatureVector(indices, values, truncated);
    }

    private (int[] Ids, bool Truncated, int ReadChars) Encode(string text, int maxTokens)
    {
        if (text.Length == 0)
            return ([], false, 0);
        // o200k's pre-tokenizer scans the whole string it is given, so cut by characters first: a megabyte answer is
        // never scanned whole. Four characters per token covers English prose; Chinese needs fewer.
        var window = (int)Math.Min(text.Length, (long)maxTokens * CharsPerToken + 64);
        if (window < text.Length && char.IsHighSurrogate(text[window - 1]))
            window--;
        var lowered = text[..window].ToLowerInvariant();
        var ids = _tokenizer.EncodeToIds(lowered);
        var truncated = ids.Count > maxTokens || (window < text.Length && !IsWhitespace(text.AsSpan(window)));
        var kept = ids.Count > maxTokens ? ids.Take(maxTokens).ToArray() : ids.ToArray();
        return (kept, truncated, window);
    }

    private int[] TailIds(string answer, bool truncated, int[] answerIds)
    {
        if (_settings.TailTokens == 0 || answer.Length == 0)
            return [];
        if (!truncated)
            return answerIds.AsSpan(Math.Max(0, answerIds.Length - _settings.TailTokens)).ToArray();
        var start = Math.Max(0, answer.Length - _settings.TailTokens * 8);
        if (start > 0 && char.IsLowSurrogate(answer[start]))
            start++;
        var ids = _tokenizer.EncodeToIds(answer[start..].ToLowerInvariant());
        // The first token of a cut window may be half a word: skip it.
        var skip = start > 0 ? 1 : 0;
        var take = Math.Min(_settings.TailTokens, Math.Max(0, ids.Count - skip));
        var result = new int[take];
        for (var i = 0; i < take; i++)
            result[i] = ids[ids.Count - take + i];
        return result;
    }

    private void AddCharGrams(SparseAccumulator block, ReadOnlySpan<char> text)
    {
        uint a = 0, b = 0;
        var seen = 0;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsWhiteSpace(c))
                c = ' ';
            if (c == ' ' && b == ' ')
                continue;
            if (seen >= 1)
                block.Add(Hash(CharGram, (int)b, c));
            if (seen >= 2)
                block.Add(Hash(CharGram + 100, (int)(a << 16 | b), c));
            a = b;
            b = c;
            seen++;
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsWhiteSpace(c))
                return false;
        return true;
    }

    private int Hash(uint space, int a, int b)
    {
        var h = 0x2545F491u ^ space * 0x9E3779B1u;
        h = Mix(h, (uint)a);
        h = Mix(h, (uint)b);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return (int)(h & (uint)_mask);
    }

    private static uint Mix(uint h, uint value)
    {
        value *= 0xCC9E2D51u;
        value = value << 15 | value >> 17;
        value *= 0x1B873593u;
        h ^= value;
        h = h << 13 | h >> 19;
        return h * 5 + 0xE6546B64u;
    }

    // string.GetHashCode is randomised per process; features must be stable across runs.
    private static int StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
            h = (h ^ c) * 16777619u;
        return (int)h;
    }

    private sealed class Scratch(int dimensions)
    {
        public SparseAccumulator Block { get; } = new(dimensions);

        public SparseAccumulator Total { get; } = new(dimensions);
    }
}
