namespace AuditKit.Classification.Features;

/// <summary>A sparse hashed feature vector: sorted distinct indices and their values.</summary>
/// <param name="Truncated">The answer was longer than the featurizer reads.</param>
public sealed record FeatureVector(int[] Indices, float[] Values, bool Truncated)
{
    /// <summary>Writes the vector into a zeroed dense row.</summary>
    public void CopyTo(Span<float> dense)
    {
        for (var i = 0; i < Indices.Length; i++)
            dense[Indices[i]] = Values[i];
    }
}
