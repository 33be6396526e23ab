using System.Collections;
using System.Globalization;

namespace AuditKit.Gguf.Format;

/// <summary>
/// One metadata value: a scalar, a string, or an array of one element type. Arrays keep a typed .NET array
/// (<c>string[]</c>, <c>float[]</c>, <c>int[]</c>, ...; nested arrays as <c>GgufValue[]</c>) so a 150k-token vocabulary
/// costs one array, not 150k objects. Equality is structural.
/// </summary>
public sealed class GgufValue : IEquatable<GgufValue>
{
    private GgufValue(GgufValueType type, GgufValueType? elementType, object raw)
    {
        Type = type;
        ElementType = elementType;
        Raw = raw;
    }

    public GgufValueType Type { get; }

    /// <summary>The element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>, else null.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>The .NET value: a primitive of the matching width, a string, or a typed array.</summary>
    public object Raw { get; }

    public bool IsArray => Type == GgufValueType.Array;

    /// <summary>Number of elements of an array value; 0 for scalars.</summary>
    public int ArrayLength => Raw is Array a ? a.Length : 0;

    public static GgufValue FromUInt8(byte value) => new(GgufValueType.UInt8, null, value);
    public static GgufValue FromInt8(sbyte value) => new(GgufValueType.Int8, null, value);
    public static GgufValue FromUInt16(ushort value) => new(GgufValueType.UInt16, null, value);
    public static GgufValue FromInt16(short value) => new(GgufValueType.Int16, null, value);
    public static GgufValue FromUInt32(uint value) => new(GgufValueType.UInt32, null, value);
    public static GgufValue FromInt32(int value) => new(GgufValueType.Int32, null, value);
    public static GgufValue FromFloat32(float value) => new(GgufValueType.Float32, null, value);
    public static GgufValue FromBool(bool value) => new(GgufValueType.Bool, null, value);
    public static GgufValue FromString(string value) => new(GgufValueType.String, null, value ?? throw new ArgumentNullException(nameof(value)));
    public static GgufValue FromUInt64(ulong value) => new(GgufValueType.UInt64, null, value);
    public static GgufValue FromInt64(long value) => new(GgufValueType.Int64, null, value);
    public static GgufValue FromFloat64(double value) => new(GgufValueType.Float64, null, value);

    /// <summary>
    /// An array value. <paramref name="items"/> must be the typed .NET array for <paramref name="elementType"/>
    /// (<c>uint[]</c> for UInt32, <c>string[]</c> for String, <c>GgufValue[]</c> of array values for Array).
    /// The array is used as is, not copied.
    /// </summary>
    public static GgufValue FromArray(GgufValueType elementType, Array items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var expected = ClrArrayType(elementType);
        if (items.GetType() != expected)
            throw new ArgumentException($"a GGUF {elementType} array needs a {expected.Name}, not a {items.GetType().Name}", nameof(items));
        if (items is string[] strings && strings.Any(s => s is null))
            throw new ArgumentException("string arrays may not contain null", nameof(items));
        if (items is GgufValue[] nested && nested.Any(v => v is null || !v.IsArray))
            throw new ArgumentException("an array of arrays may only contain array values", nameof(items));
        return new GgufValue(GgufValueType.Array, elementType, items);
    }

    public static GgufValue FromStringArray(IEnumerable<string> items) => FromArray(GgufValueType.String, items.ToArray());
    public static GgufValue FromFloat32Array(IEnumerable<float> items) => FromArray(GgufValueType.Float32, items.ToArray());
    public static GgufValue FromInt32Array(IEnumerable<int> items) => FromArray(GgufValueType.Int32, items.ToArray());

    /// <summary>The string; throws <see cref="InvalidOperationException"/> for another type.</summary>
    public string AsString() => Raw as string ?? throw WrongType(GgufValueType.String);

    /// <summary>The strings of a string array; throws <see cref="InvalidOperationException"/> for another type.</summary>
    public IReadOnlyList<string> AsStringArray() => Raw as string[] ?? throw WrongType(GgufValueType.Array, GgufValueType.String);

    /// <summary>The typed elements of an array value (e.g. <c>AsArray&lt;float&gt;()</c> for a Float32 array).</summary>
    public IReadOnlyList<T> AsArray<T>() => Raw as T[] ?? throw new InvalidOperationException($"value is {Describe()}, not an array of {typeof(T).Name}");

    /// <summary>Any integer value that is not negative, widened to 64 bits.</summary>
    public bool TryGetUInt64(out ulong value)
    {
        switch (Raw)
        {
            case byte b: value = b; return true;
            case ushort us: value = us; return true;
            case uint ui: value = ui; return true;
            case ulong ul: value = ul; return true;
            case sbyte sb when sb >= 0: value = (ulong)sb; return true;
            case short s when s >= 0: value = (ulong)s; return true;
            case int i when i >= 0: value = (ulong)i; return true;
            case long l when l >= 0: value = (ulong)l; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>Any integer value that fits a signed 64-bit integer.</summary>
    public bool TryGetInt64(out long value)
    {
        switch (Raw)
        {
            case byte b: value = b; return true;
            case sbyte sb: value = sb; return true;
            case ushort us: value = us; return true;
            case short s: value = s; return true;
            case uint ui: value = ui; return true;
            case int i: value = i; return true;
            case long l: value = l; return true;
            case ulong ul when ul <= long.MaxValue: value = (long)ul; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>A short human-readable rendering (arrays show their type and length).</summary>
    public override string ToString() => Raw switch
    {
        string s => s,
        Array a => $"[{ElementType} x {a.Length}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Raw.ToString() ?? "",
    };

    public bool Equals(GgufValue? other) =>
        other is not null && Type == other.Type && ElementType == other.ElementType &&
        (Raw is Array a ? StructuralComparisons.StructuralEqualityComparer.Equals(a, other.Raw) : Raw.Equals(other.Raw));

    public override bool Equals(object? obj) => Equals(obj as GgufValue);

    public override int GetHashCode() => HashCode.Combine(Type, ElementType, Raw is Array a ? a.Length : Raw.GetHashCode());

    internal static Type ClrArrayType(GgufValueType elementType) => elementType switch
    {
        GgufValueType.UInt8 => typeof(byte[]),
        GgufValueType.Int8 => typeof(sbyte[]),
        GgufValueType.UInt16 => typeof(ushort[]),
        GgufValueType.Int16 => typeof(short[]),
        GgufValueType.UInt32 => typeof(uint[]),
        GgufValueType.Int32 => typeof(int[]),
        GgufValueType.Float32 => typeof(float[]),
        GgufValueType.Bool => typeof(bool[]),
        GgufValueType.String => typeof(string[]),
        GgufValueType.UInt64 => typeof(ulong[]),
        GgufValueType.Int64 => typeof(long[]),
        GgufValueType.Float64 => typeof(double[]),
        GgufValueType.Array => typeof(GgufValue[]),
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "unknown GGUF value type"),
    };

    internal string Describe() => IsArray ? $"an array of {ElementType}" : Type.ToString();

    private InvalidOperationException WrongType(GgufValueType expected, GgufValueType? expectedElement = null) =>
        new($"value is {Describe()}, not {(expectedElement is { } e ? $"an array of {e}" : expected.ToString())}");
}
