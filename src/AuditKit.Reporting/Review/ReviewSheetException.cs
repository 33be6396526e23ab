namespace AuditKit.Reporting.Review;

/// <summary>
/// A review sheet that cannot be read back: a missing column, a label outside the codebook, a cell that is not an
/// attempt id. The message is one line naming the file, the line and the value, ready for the CLI to print.
/// </summary>
public sealed class ReviewSheetException(string message) : Exception(message);
