using AuditKit.Gguf.Format;
using AuditKit.Gguf.SmokeModels;
using AuditKit.TestSupport;

namespace AuditKit.Gguf.Tests.Format;

/// <summary>
/// Mutation fuzzing of the managed GGUF reader, which stands between llama.cpp and any file a user names: whatever the
/// bytes, reading ends in a file or a <see cref="GgufFormatException"/> naming it. A longer run: set AUDITKIT_FUZZ_CASES
/// (the header test runs a tenth of that number).
/// </summary>
public sealed class GgufReaderFuzzTests
{
    [Fact]
    public void Read_ThousandsOfMutatedFiles_OnlyEverThrowsFormatException()
    {
        var original = GgufSamples.SmallFile();
        var random = new Random(20250101);
        var interesting = new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x09, 0x0C, 0x0D, 0x1F, 0x20, 0x7F, 0x80, 0xFE, 0xFF };
        int accepted = 0, rejected = 0, cases = LongRun.FuzzCases(normal: 4000);
        for (var iteration = 0; iteration < cases; iteration++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => interesting[random.Next(interesting.Length)],
                    _ => (byte)(bytes[at] ^ (1 << random.Next(8))),
                };
            }
            // Now and then overwrite a whole 8-byte field, the way a corrupt length or count looks.
            if (random.Next(4) == 0)
                BitConverter.TryWriteBytes(bytes.AsSpan(random.Next(bytes.Length - 8)), random.NextInt64() >> random.Next(64));
            var length = random.Next(5) == 0 ? random.Next(bytes.Length) : bytes.Length;
            try
            {
                GgufSamples.Read(bytes[..length], "fuzz.gguf");
                accepted++;
            }
            catch (GgufFormatException ex)
            {
                Assert.StartsWith("fuzz.gguf: ", ex.Message);
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {iteration}: {ex.GetType().Name}: {ex.Message} (bytes: {Convert.ToHexString(bytes[..length])})");
            }
        }
        Assert.True(rejected > 1000 && accepted > 100, $"accepted {accepted}, rejected {rejected}: the mutations should hit both paths");
    }

    [Fact]
    public void Read_MutatedSmokeModelHeaders_OnlyEverThrowsFormatException()
    {
        // A real-sized vocabulary header (tokens, merges, template) exercises long strings and string arrays.
        var model = GgufSamples.Bytes(SmokeModelFactory.CreateWriter(SmokeModelSpec.Tiny(SmokeModelKind.Qwen2ChatMl)));
        var headerLength = (int)GgufSamples.Read(model).DataOffset;
        // Only the header is mutated and read; the claimed length still covers the tensor data.
        var original = model[..headerLength];
        var random = new Random(7);
        int cases = Math.Max(1, LongRun.FuzzCases(normal: 3000) / 10); // the header is 20 times the size: a tenth as many
        for (var iteration = 0; iteration < cases; iteration++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(headerLength - 8);
            if (random.Next(2) == 0)
                bytes[at] = (byte)random.Next(256);
            else
                BitConverter.TryWriteBytes(bytes.AsSpan(at), random.NextInt64() >> random.Next(64));
            try
            {
                GgufReader.Read(new MemoryStream(bytes), model.Length, "fuzz.gguf");
            }
            catch (GgufFormatException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {iteration}, byte {at}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
