namespace AuditKit.Gguf.SmokeModels;

/// <summary>
/// A SentencePiece-style vocabulary as llama.cpp's <c>llama</c> tokenizer expects it: <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, the 256 byte-fallback tokens <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c>, then pieces.
/// llama.cpp builds words by merging adjacent pieces whose concatenation is a token, best score first, so every
/// prefix of a word piece is a token too.
/// </summary>
internal static class SentencePieceVocabularyBuilder
{
    private const string WordStart = "\u2581";

    public static SmokeVocabulary Build(int targetSize)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { SmokeVocabulary.Unknown, SmokeVocabulary.Control, SmokeVocabulary.Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(SmokeVocabulary.Byte);
        }
        var firstPiece = tokens.Count;
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Add(string piece)
        {
            if (seen.Add(piece))
            {
                tokens.Add(piece);
                types.Add(SmokeVocabulary.Normal);
            }
        }
        Add(WordStart);
        foreach (var c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,?!'")
            Add(c.ToString());
        foreach (var word in SmokeVocabulary.Words)
            foreach (var form in new[] { WordStart + word, word })
                for (var length = 2; length <= form.Length; length++)
                    Add(form[..length]);
        // Fill to the target with longer pieces built on existing ones, so each stays reachable by merging.
        for (var i = firstPiece; tokens.Count < targetSize && i < tokens.Count; i++)
            foreach (var c in "etaoinshrdlu")
            {
                if (tokens.Count >= targetSize)
                    break;
                Add(tokens[i] + c);
            }
        // Lower score = merged later; earlier (shorter, more common) pieces win.
        var scores = tokens.Select((_, i) => i < firstPiece ? 0f : -(i - firstPiece)).ToArray();
        return new SmokeVocabulary(tokens.ToArray(), types.ToArray(), scores, Merges: null, BosId: 1, EosId: 2, UnknownId: 0, PaddingId: null);
    }
}
