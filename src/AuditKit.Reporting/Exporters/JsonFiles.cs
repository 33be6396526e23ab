using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// JSON settings shared by summary.json and compare.json: snake_case names, enums as strings, non-ASCII text kept
/// readable (Chinese stays Chinese) while &lt; &gt; &amp; and quotes are still escaped, rates without data as null.
/// </summary>
internal static class JsonFiles
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static async Task WriteAsync<T>(string path, T document, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, document, Options, cancellationToken).ConfigureAwait(false);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            // Imported runs carry NaN sampler settings (unknown); write them as "NaN" rather than fail.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
        options.Converters.Add(new RateEstimateJsonConverter());
        options.Converters.Add(new ExceptionJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    private sealed class RateEstimateJsonConverter : JsonConverter<RateEstimate>
    {
        public override RateEstimate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("summary.json is an output format");

        public override void Write(Utf8JsonWriter writer, RateEstimate value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", value.Count);
            writer.WriteNumber("n", value.N);
            if (value.HasValue)
            {
                writer.WriteNumber("rate", value.Rate);
                writer.WriteNumber("lower", value.Interval.Lower);
                writer.WriteNumber("upper", value.Interval.Upper);
            }
            else
            {
                writer.WriteNull("rate");
                writer.WriteNull("lower");
                writer.WriteNull("upper");
            }
            writer.WritePropertyName("corrected");
            if (value.Corrected is { } c) JsonSerializer.Serialize(writer, c, options);
            else writer.WriteNullValue();
            writer.WriteEndObject();
        }
    }

    // Failures carry exceptions for callers; a file gets only the message.
    private sealed class ExceptionJsonConverter : JsonConverter<Exception>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(Exception).IsAssignableFrom(typeToConvert);

        public override Exception Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Exception value, JsonSerializerOptions options) => writer.WriteStringValue(value.Message);
    }
}
