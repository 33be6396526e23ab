using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

/// <summary>A fact that needs the committed classifier model; skipped with the path as reason when it is absent.</summary>
public sealed class ModelFileFactAttribute : FactAttribute
{
    public static string ModelPath => Path.Combine(RepoPaths.Models, "auditkit-classifier.onnx");

    public ModelFileFactAttribute()
    {
        if (!File.Exists(ModelPath))
            Skip = $"needs {ModelPath} (the trained classifier is not in this checkout)";
    }
}
