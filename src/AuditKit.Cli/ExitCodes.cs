namespace AuditKit.Cli;

/// <summary>The CLI's exit codes: scripts and CI depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;
    /// <summary>The run finished but some attempts failed (they are stored with their error; rerun to retry).</summary>
    public const int FailedAttempts = 1;
    /// <summary><c>suites test</c>: a fact pattern or marker misjudged one of the suite's example answers, or an example is missing.</summary>
    public const int SuiteTestFailed = 1;
    /// <summary>Bad input: a file, option or run folder that cannot be used. Nothing stored was changed.</summary>
    public const int BadInput = 2;
    /// <summary><c>compare --fail-if-regress</c>: the candidate refuses or aligns significantly more often.</summary>
    public const int Regressed = 3;
    /// <summary>Interrupted (Ctrl+C); everything stored so far is kept and a rerun resumes.</summary>
    public const int Interrupted = 130;
}
