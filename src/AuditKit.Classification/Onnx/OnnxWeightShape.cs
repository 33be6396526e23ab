using Onnx;

namespace AuditKit.Classification.Onnx;

/// <summary>
/// The shape of the weight matrix in a file written by <see cref="OnnxModelWriter"/>, read from the protobuf itself.
/// ONNX Runtime shows inputs and outputs but not constant initializers, and the sparse input has no fixed width, so
/// only the initializer says how many feature rows the Gather can index: metadata claiming more would fail at
/// inference, metadata claiming fewer would hash features onto the wrong rows without any error.
/// </summary>
internal static class OnnxWeightShape
{
    /// <returns>(rows, columns), or null when the file has no two-dimensional weight matrix.</returns>
    public static (long Rows, long Columns)? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var weights = ModelProto.Parser.ParseFrom(stream).Graph?.Initializer.FirstOrDefault(t => t.Name == OnnxModelWriter.WeightsInitializer);
        return weights is { Dims.Count: 2 } ? (weights.Dims[0], weights.Dims[1]) : null;
    }
}
