using System.Security.Cryptography;
using System.Text;
using AuditKit.Core.Attempts;

namespace AuditKit.Core.Runs;

/// <summary>
/// Derives each attempt's sampler seed from the run seed and the attempt key. Seeds therefore do not depend on
/// the order attempts run in, so a resumed or parallel run samples exactly what an uninterrupted one would.
/// </summary>
public static class AttemptSeed
{
    public static long For(long runSeed, AttemptKey key)
    {
        var bytes = Encoding.UTF8.GetBytes($"{runSeed}\n{key.ProbeId}\n{key.Language}\n{key.Sample}");
        var hash = SHA256.HashData(bytes);
        // llama.cpp takes a uint32 seed; keep it positive and within range for every backend.
        return BitConverter.ToUInt32(hash, 0) & 0x7FFFFFFF;
    }
}
