using AuditKit.Gguf.Format;
using AuditKit.Gguf.Writing;

namespace AuditKit.Gguf.SmokeModels;

/// <summary>
/// Pseudo-random weights from SplitMix64, so the bytes depend only on the seed and never on the .NET version
/// (System.Random's seeded sequence is not a documented contract).
/// </summary>
internal static class DeterministicWeights
{
    private const int Chunk = 16384;

    /// <summary>Writes <paramref name="count"/> values uniform in [-<paramref name="scale"/>, <paramref name="scale"/>].</summary>
    public static void WriteUniform(Stream stream, GgmlType type, long count, float scale, ulong seed)
    {
        var state = seed;
        var values = new float[(int)Math.Min(count, Chunk)];
        for (long done = 0; done < count; done += values.Length)
        {
            var n = (int)Math.Min(values.Length, count - done);
            for (var i = 0; i < n; i++)
            {
                // Top 24 bits give an exactly representable float in [0, 1).
                var unit = (Next(ref state) >> 40) * (1.0f / (1 << 24));
                values[i] = (unit * 2f - 1f) * scale;
            }
            GgufWriter.WriteFloats(stream, type, values.AsSpan(0, n));
        }
    }

    public static void WriteConstant(Stream stream, GgmlType type, long count, float value)
    {
        var values = new float[(int)Math.Min(count, Chunk)];
        Array.Fill(values, value);
        for (long done = 0; done < count; done += values.Length)
            GgufWriter.WriteFloats(stream, type, values.AsSpan(0, (int)Math.Min(values.Length, count - done)));
    }

    public static ulong Mix(ulong seed, ulong salt)
    {
        var state = seed ^ (salt * 0x9E3779B97F4A7C15UL);
        return Next(ref state);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
