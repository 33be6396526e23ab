using System.Globalization;

namespace AuditKit.TestSupport;

/// <summary>
/// How many cases a fuzz or crash test runs: a few seconds' worth in the normal test run, more when the environment
/// variable names a number (the longer runs documented in CONTRIBUTING.md).
/// </summary>
public static class LongRun
{
    public const string FuzzCasesVariable = "AUDITKIT_FUZZ_CASES";
    public const string KillCyclesVariable = "AUDITKIT_KILL_CYCLES";

    public static int FuzzCases(int normal) => Count(FuzzCasesVariable, normal);

    public static int KillCycles(int normal) => Count(KillCyclesVariable, normal);

    private static int Count(string variable, int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : normal;
}
