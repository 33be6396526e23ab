using AuditKit.Classification.Inference;
using AuditKit.Cli.Output;

namespace AuditKit.Cli.Classifiers;

/// <summary>
/// The one place the CLI opens an ONNX classifier (<c>classify</c>, <c>classifier eval</c>), so a missing, foreign or
/// edited file is reported the same way by every command: one line naming the file, exit code 2.
/// </summary>
internal static class ClassifierLoader
{
    /// <param name="option">The <c>--classifier</c> value, or null for the default <c>models/auditkit-classifier.onnx</c>.</param>
    public static OnnxAnswerClassifier Load(string? option)
    {
        var path = option ?? ToolPaths.Classifier();
        // Without --classifier the user never named a file: say which one was tried and how to choose another.
        var prefix = option is null ? "" : "--classifier: ";
        var hint = option is null ? " (choose one with --classifier)" : "";
        if (!File.Exists(path)) throw new UserInputException($"{prefix}{TerminalText.Safe(path)} not found{hint}");
        try
        {
            return new OnnxAnswerClassifier(path);
        }
        catch (ClassifierFormatException e)
        {
            throw new UserInputException($"{prefix}{TerminalText.Safe(e.Message, 1000)}{hint}");
        }
    }
}
