using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditKit.Classification.Features;

namespace AuditKit.Classification.Training;

/// <summary>
/// A compact fingerprint of an answer's text, recorded for every training answer in the classifier's metadata so a
/// run holding answers the classifier was trained on can be told (its figures on them are optimistic): the first 8
/// bytes of SHA-256 over the UTF-8 of the NFC-normalised text with runs of whitespace and control characters
/// collapsed to one space and trimmed.
/// Normalising makes a re-encoded or re-wrapped copy of the same answer match; 8 bytes keep ~8,000 of them small
/// (chance of any false match among them about 10^-12).
/// </summary>
public static class AnswerFingerprint
{
    /// <summary>How the fingerprint is computed, recorded beside the fingerprints so a later recipe is not confused with this one.</summary>
    public const string Recipe = "sha256-8-nfc-collapsed-whitespace-controls";

    public static ulong Of(string answer)
    {
        var normalised = TextSanitizer.Sanitize(answer).Normalize(NormalizationForm.FormC);
        var collapsed = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            // Control characters count as whitespace: a store or a CSV round trip drops them (SQLite ends text at NUL).
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (collapsed.Length > 0 && collapsed[^1] != ' ')
                    collapsed.Append(' ');
            }
            else
                collapsed.Append(c);
        }
        var text = collapsed.ToString().TrimEnd(' ');
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>16 lower-case hex digits: the first 8 bytes of the hash in order.</summary>
    public static string ToHex(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParseHex(string text, out ulong fingerprint)
    {
        fingerprint = 0;
        return text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out fingerprint);
    }
}
