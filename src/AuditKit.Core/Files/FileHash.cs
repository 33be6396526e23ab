using System.Security.Cryptography;

namespace AuditKit.Core.Files;

/// <summary>The SHA-256 of a file as lowercase hex: how models, classifiers and imported transcripts are identified in manifests.</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
