namespace AuditKit.Gguf.Format;

/// <summary>
/// A GGUF file that AuditKit must not hand to llama.cpp: unreadable, corrupt, truncated or unsupported.
/// The message is one line that starts with the path as the user gave it, so a CLI can print it as it is.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"{(string.IsNullOrEmpty(filePath) ? "(unnamed)" : filePath)}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The path (or stream name) given to the reader.</summary>
    public string FilePath { get; }

    /// <summary>The problem without the file name prefix.</summary>
    public string Problem { get; }
}
