using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditKit.Core.Runs;

/// <summary>The one JSON shape of <see cref="RunManifest"/> (snake_case, enums as strings) used by the store and manifest.json.</summary>
public static class ManifestJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Imported runs have no sampler settings; NaN records "unknown" rather than a made-up value.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(RunManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    public static RunManifest Deserialize(string json) =>
        JsonSerializer.Deserialize<RunManifest>(json, Options) ?? throw new JsonException("manifest is null");
}
