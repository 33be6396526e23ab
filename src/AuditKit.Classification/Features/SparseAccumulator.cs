namespace AuditKit.Classification.Features;

/// <summary>
/// Sums values per hashed index in a dense array and remembers which indices were touched, in first-touch order,
/// so that clearing and iterating cost O(touched) rather than O(dimensions).
/// </summary>
internal sealed class SparseAccumulator(int dimensions)
{
    private readonly float[] _values = new float[dimensions];
    private readonly List<int> _touched = new(4096);

    public void Add(int index, float value = 1f)
    {
        if (_values[index] == 0f)
            _touched.Add(index);
        _values[index] += value;
    }

    /// <summary>Adds this block, each count scaled as (1 + ln count) and L2-normalised, into <paramref name="total"/>; then clears.</summary>
    public void FlushInto(SparseAccumulator total)
    {
        if (_touched.Count == 0)
            return;
        double norm = 0;
        foreach (var index in _touched)
        {
            var v = Scaled(_values[index]);
            norm += v * v;
        }
        var scale = 1 / Math.Sqrt(norm);
        foreach (var index in _touched)
        {
            total.Add(index, (float)(Scaled(_values[index]) * scale));
            _values[index] = 0f;
        }
        _touched.Clear();
    }

    // Most features occur once; ln 1 = 0 exactly, so the shortcut changes no value.
    private static double Scaled(float count) => count == 1f ? 1.0 : 1 + Math.Log(count);

    /// <summary>The accumulated vector sorted by index; clears the accumulator.</summary>
    public (int[] Indices, float[] Values) TakeSorted()
    {
        var indices = _touched.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = _values[indices[i]];
            _values[indices[i]] = 0f;
        }
        _touched.Clear();
        return (indices, values);
    }
}
