using System.Text;

namespace AuditKit.Gguf.SmokeModels;

/// <summary>
/// A GPT-2 style byte-level BPE vocabulary as Qwen2 uses it: the 256 bytes as GPT-2's printable stand-in characters
/// (space is <c>Ġ</c>, newline <c>Ċ</c>) in GPT-2's order, merged tokens with their merge rules, then the special
/// tokens at the end. Every merge produces a token of the vocabulary.
/// </summary>
internal static class ByteLevelBpeVocabularyBuilder
{
    /// <summary>GPT-2's reversible byte-to-character map, in vocabulary order: printable Latin-1 bytes keep their own character, the rest move to U+0100 upward.</summary>
    public static IReadOnlyList<(byte Byte, char Char)> ByteAlphabet { get; } = BuildAlphabet();

    private static readonly Dictionary<byte, char> CharOf = ByteAlphabet.ToDictionary(p => p.Byte, p => p.Char);

    public static string Encode(string text) => new(Encoding.UTF8.GetBytes(text).Select(b => CharOf[b]).ToArray());

    /// <param name="specials">Special tokens with their llama.cpp token types, appended in order.</param>
    public static (List<string> Tokens, List<int> Types, List<string> Merges) Build(int targetSize, IReadOnlyList<(string Text, int Type)> specials)
    {
        var tokens = ByteAlphabet.Select(p => p.Char.ToString()).ToList();
        var types = Enumerable.Repeat(SmokeVocabulary.Normal, tokens.Count).ToList();
        var merges = new List<string>();
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Merge(string left, string right)
        {
            if (seen.Add(left + right))
            {
                tokens.Add(left + right);
                types.Add(SmokeVocabulary.Normal);
                merges.Add(left + " " + right);
            }
        }
        foreach (var word in SmokeVocabulary.Words)
            foreach (var form in new[] { " " + word, word })
            {
                var encoded = Encode(form);
                var current = encoded[..1];
                for (var i = 1; i < encoded.Length; i++)
                {
                    Merge(current, encoded[i].ToString());
                    current += encoded[i];
                }
            }
        var room = targetSize - specials.Count;
        var letters = Encode("etaoinshrdlu");
        for (var i = 0; tokens.Count < room && i < tokens.Count; i++)
        {
            if (!char.IsAsciiLetter(tokens[i][^1]))
                continue;
            foreach (var c in letters)
            {
                if (tokens.Count >= room)
                    break;
                Merge(tokens[i], c.ToString());
            }
        }
        foreach (var (text, type) in specials)
        {
            tokens.Add(text);
            types.Add(type);
        }
        return (tokens, types, merges);
    }

    private static List<(byte, char)> BuildAlphabet()
    {
        bool Printable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
        var alphabet = new List<(byte, char)>();
        for (var b = 0; b < 256; b++)
            if (Printable(b))
                alphabet.Add(((byte)b, (char)b));
        var next = 256;
        for (var b = 0; b < 256; b++)
            if (!Printable(b))
                alphabet.Add(((byte)b, (char)next++));
        return alphabet;
    }
}
