using System.Runtime.InteropServices;
using AuditKit.Classification.Training;
using Google.Protobuf;
using Onnx;

namespace AuditKit.Classification.Onnx;

/// <summary>
/// Writes the two heads as one ONNX graph over a sparse input: indices[batch, K] and values[batch, K] (the non-zero
/// hashed features, padded with index 0 / value 0) -> Gather rows of the weight matrix -> Mul by value -> ReduceSum over
/// K -> Add bias -> (Slice -> Softmax) per head. A dense [batch, 262144] input would move a megabyte per answer.
/// Built directly with OnnxSharp's protobuf classes: no converter, no timestamps, so the bytes depend on the weights only.
/// </summary>
internal static class OnnxModelWriter
{
    public const string IndicesInput = "feature_indices";
    public const string ValuesInput = "feature_values";
    public const string ComplianceOutput = "compliance_probabilities";
    public const string NarrativeOutput = "narrative_probabilities";
    /// <summary>The [dimensions, compliance + narrative labels] matrix the Gather reads; the reader checks its shape.</summary>
    public const string WeightsInitializer = "weights";

    public static void Write(string path, int dimensions, SoftmaxRegression compliance, SoftmaxRegression narrative,
        IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = "auditkit_answer_classifier" };
        graph.Input.Add(SparseInput(IndicesInput, TensorProto.Types.DataType.Int64));
        graph.Input.Add(SparseInput(ValuesInput, TensorProto.Types.DataType.Float));
        // Both heads' weights side by side: one Gather serves both.
        var c = compliance.Labels.Count;
        var n = narrative.Labels.Count;
        var width = c + n;
        var weights = new float[dimensions * width];
        for (var row = 0; row < dimensions; row++)
        {
            Array.Copy(compliance.Weights, row * c, weights, row * width, c);
            Array.Copy(narrative.Weights, row * n, weights, row * width + c, n);
        }
        graph.Initializer.Add(FloatTensor(WeightsInitializer, weights, dimensions, width));
        graph.Initializer.Add(FloatTensor("bias", [.. compliance.Bias, .. narrative.Bias], width));
        graph.Initializer.Add(LongTensor("value_axis", 2));
        graph.Initializer.Add(LongTensor("feature_axis", 1));
        var gather = Node("Gather", "gather", [WeightsInitializer, IndicesInput], "gathered");
        gather.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(gather);
        graph.Node.Add(Node("Unsqueeze", "unsqueeze", [ValuesInput, "value_axis"], "values_3d"));
        graph.Node.Add(Node("Mul", "mul", ["gathered", "values_3d"], "weighted"));
        var sum = Node("ReduceSum", "reduce_sum", ["weighted", "feature_axis"], "scores");
        sum.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(sum);
        graph.Node.Add(Node("Add", "add", ["scores", "bias"], "logits"));
        AddHead(graph, "compliance", ComplianceOutput, 0, c);
        AddHead(graph, "narrative", NarrativeOutput, c, c + n);

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "AuditKit.Classification",
            ProducerVersion = typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var stream = File.Create(path);
        model.WriteTo(stream);
    }

    private static void AddHead(GraphProto graph, string prefix, string output, int start, int end)
    {
        graph.Initializer.Add(LongTensor($"{prefix}_starts", start));
        graph.Initializer.Add(LongTensor($"{prefix}_ends", end));
        graph.Initializer.Add(LongTensor($"{prefix}_axes", 1));
        graph.Node.Add(Node("Slice", $"{prefix}_slice", ["logits", $"{prefix}_starts", $"{prefix}_ends", $"{prefix}_axes"], $"{prefix}_logits"));
        var softmax = Node("Softmax", $"{prefix}_softmax", [$"{prefix}_logits"], output);
        softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
        graph.Node.Add(softmax);
        graph.Output.Add(TensorValue(output, end - start));
    }

    private static TensorProto LongTensor(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(value);
        return tensor;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        // raw_data is little-endian by the ONNX spec; every platform .NET runs this on is little-endian.
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    private static ValueInfoProto TensorValue(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    private static ValueInfoProto SparseInput(string name, TensorProto.Types.DataType type)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "nonzero" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
