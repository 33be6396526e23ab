using System.Security.Cryptography;
using System.Text;
using AuditKit.Core.Attempts;

namespace AuditKit.Core.Scoring;

/// <summary>
/// The opaque <c>attempt_id</c> a review sheet carries: <c>RUN_ID:HASH</c>. The hash hides nothing secret; it keeps
/// model names (which may contain any character) out of a key a reviewer's spreadsheet must keep intact, and the run
/// id lets <c>review import</c> tell rows of another run from unknown ones.
/// </summary>
public static class AttemptIds
{
    public static string For(string runId, AttemptKey key)
    {
        var text = string.Join('\0', key.Model, key.ProbeId, key.Language, key.Sample.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"{runId}:{Convert.ToHexStringLower(hash)[..16]}";
    }

    /// <summary>The run id part of an attempt id, or null when the text is not shaped like one.</summary>
    public static string? RunIdOf(string attemptId)
    {
        int colon = attemptId.LastIndexOf(':');
        if (colon <= 0 || attemptId.Length - colon - 1 != 16) return null;
        foreach (var c in attemptId.AsSpan(colon + 1))
            if (!char.IsAsciiHexDigitLower(c)) return null;
        return attemptId[..colon];
    }
}
