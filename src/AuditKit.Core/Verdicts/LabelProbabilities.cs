using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AuditKit.Core.Verdicts;

/// <summary>
/// A probability per label of one label enum, held as one array in the enum's order. Every verdict carries two of
/// these, so a million-attempt run holds two million: as dictionaries they took about 250 bytes each, as this about 80.
/// Labels the classifier gave no probability are absent (<see cref="TryGetValue"/> is false), as in a dictionary.
/// </summary>
public sealed class LabelProbabilities<TLabel> : IReadOnlyDictionary<TLabel, double> where TLabel : struct, Enum
{
    private static readonly TLabel[] Labels = Enum.GetValues<TLabel>();
    private readonly double[] _values;

    private LabelProbabilities(double[] values) => _values = values;

    /// <summary>The given probabilities; a label given twice keeps its last value, as a dictionary's indexer would.</summary>
    public static LabelProbabilities<TLabel> From(IEnumerable<KeyValuePair<TLabel, double>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities is LabelProbabilities<TLabel> already) return already;
        var values = new double[Labels.Length];
        Array.Fill(values, double.NaN);
        foreach (var (label, p) in probabilities)
        {
            if (double.IsNaN(p)) throw new ArgumentException($"the probability of {label} is not a number", nameof(probabilities));
            values[IndexOf(label)] = p;
        }
        return new LabelProbabilities<TLabel>(values);
    }

    public double this[TLabel key] => TryGetValue(key, out var p) ? p : throw new KeyNotFoundException($"no probability for {key}");

    public IEnumerable<TLabel> Keys => this.Select(p => p.Key);
    public IEnumerable<double> Values => this.Select(p => p.Value);
    public int Count => _values.Count(v => !double.IsNaN(v));

    public bool ContainsKey(TLabel key) => TryGetValue(key, out _);

    public bool TryGetValue(TLabel key, [MaybeNullWhen(false)] out double value)
    {
        int index = Array.IndexOf(Labels, key);
        value = index >= 0 ? _values[index] : double.NaN;
        return !double.IsNaN(value);
    }

    public IEnumerator<KeyValuePair<TLabel, double>> GetEnumerator()
    {
        for (int i = 0; i < Labels.Length; i++)
            if (!double.IsNaN(_values[i])) yield return new(Labels[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(TLabel label) => Array.IndexOf(Labels, label) is var i and >= 0
        ? i
        : throw new ArgumentOutOfRangeException(nameof(label), label, $"not a {typeof(TLabel).Name}");
}
