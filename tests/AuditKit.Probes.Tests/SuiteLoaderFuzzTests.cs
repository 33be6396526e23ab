using System.Text;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;
using AuditKit.TestSupport;

namespace AuditKit.Probes.Tests;

/// <summary>
/// Mutation fuzzing from a valid seed file: whatever the bytes, loading and validating ends in a suite or a
/// <see cref="SuiteFormatException"/>, never another exception or a hang. A longer run: set AUDITKIT_FUZZ_CASES.
/// </summary>
public class SuiteLoaderFuzzTests
{
    [Fact]
    public void Parse_MutatedStarterSuite_OnlyEverSucceedsOrThrowsSuiteFormatException()
    {
        var seed = File.ReadAllBytes(Path.Combine(RepoPaths.Probes, "starter.yaml"));
        int cases = LongRun.FuzzCases(normal: 3000);
        var rng = new Random(20261125);
        byte[] interesting = "{}[]:-&*!|>'\"#%@`,?\n\t \\"u8.ToArray();
        int parsed = 0, rejected = 0;
        for (int i = 0; i < cases; i++)
        {
            var bytes = Mutate(seed, rng, interesting);
            try
            {
                var suite = SuiteLoader.Parse(bytes, "fuzz.yaml");
                _ = SuiteValidators.Run([suite]);
                parsed++;
            }
            catch (SuiteFormatException) { rejected++; }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e}");
            }
        }
        Assert.True(parsed > 0 && rejected > 0, $"parsed {parsed}, rejected {rejected}: the mutations should exercise both paths");
    }

    private static byte[] Mutate(byte[] seed, Random rng, byte[] interesting)
    {
        var bytes = seed.ToList();
        int edits = rng.Next(1, 6);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(5))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes[at] = interesting[rng.Next(interesting.Length)]; break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, rng.Next(1, 64))); break;
                case 3: bytes.InsertRange(at, bytes.Skip(rng.Next(bytes.Count)).Take(rng.Next(1, 64)).ToList()); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return bytes.ToArray();
    }
}
