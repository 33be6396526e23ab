using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AuditKit.Core.Backends;
using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Probes.Plans;

/// <summary>
/// Reads an audit plan (schema: probes/plans/plan.schema.json) and reports every problem it finds, each naming the
/// file and line, rather than stopping at the first: <c>audit validate</c> lists them all. Plans are read like suites:
/// no anchors or aliases, bounded size and depth.
/// </summary>
public static partial class AuditPlanLoader
{
    public const long MaxFileBytes = 1024 * 1024;
    private const int MaxDepth = 8;

    private static readonly string[] TopLevelKeys = ["name", "suites", "languages", "samples", "seed", "sampler", "max_concurrent_endpoints", "models", "judge", "compare"];
    private static readonly string[] SamplerKeys = ["temperature", "top_p", "max_tokens"];
    private static readonly string[] ModelKeys = ["name", "model", "endpoint", "model_id", "api_key_env", "allow_insecure", "parallel", "gpu_layers", "context", "threads", "request_timeout", "retries"];
    private static readonly string[] JudgeKeys = ["endpoint", "model_id", "api_key_env", "sample", "parallel", "allow_insecure"];
    private static readonly string[] CompareKeys = ["base", "candidate", "fail_if_regress"];

    /// <summary>The plan, or the first problem (and how many more) as one line.</summary>
    /// <exception cref="PlanFormatException">The plan cannot be used.</exception>
    public static AuditPlanFile Load(string path)
    {
        var (plan, errors) = Check(path);
        return errors.Count == 0 ? plan!
            : throw new PlanFormatException(errors[0] + (errors.Count > 1 ? $" (and {errors.Count - 1} more; see auditkit audit validate)" : ""));
    }

    /// <summary>Every problem of the plan, in file order; the plan itself when there is none.</summary>
    public static (AuditPlanFile? Plan, IReadOnlyList<string> Errors) Check(string path)
    {
        var errors = new List<string>();
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return (null, [$"{path}: file not found"]);
            if (info.Length > MaxFileBytes) return (null, [$"{path}: {info.Length} bytes is larger than the {MaxFileBytes}-byte limit for a plan"]);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, [$"{path}: cannot read: {e.Message}"]); }

        if (YamlSafety.Decode(bytes) is not { } text) return (null, [$"{path}: not valid UTF-8"]);

        var stream = new YamlStream();
        try
        {
            RejectUnsafeStructure(text, path);
            stream.Load(new StringReader(text));
        }
        catch (PlanFormatException e) { return (null, [e.Message]); }
        catch (YamlException e) { return (null, [$"{path}:{e.Start.Line}: bad YAML: {e.Message.ReplaceLineEndings(" ").Trim()}"]); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, [$"{path}: bad YAML: the parser failed ({e.Message.ReplaceLineEndings(" ").Trim()})"]);
        }
        if (stream.Documents.Count != 1) return (null, [$"{path}: expected exactly one YAML document, found {stream.Documents.Count}"]);
        if (stream.Documents[0].RootNode is not YamlMappingNode root) return (null, [$"{path}:{stream.Documents[0].RootNode.Start.Line}: a plan is a mapping of fields (name, suites, models, ...)"]);

        var r = new Reader(path, errors);
        r.UnknownKeys(root, TopLevelKeys, "plan");
        var name = r.String(root, "name") ?? Path.GetFileNameWithoutExtension(path);
        var suitesNode = r.Child(root, "suites");
        var suites = suitesNode is null ? [] : r.Strings(suitesNode, "suites");
        if (suitesNode is null) r.Error(root, "missing field 'suites' (suite names or YAML paths, e.g. [starter])");
        else if (suites.Count == 0) r.Error(suitesNode, "'suites' is empty");
        IReadOnlyList<string>? languages = r.Child(root, "languages") is { } languagesNode ? r.Strings(languagesNode, "languages") : null;
        if (languages is not null)
        {
            foreach (var code in languages.Where(c => !LanguageCodes.IsKnown(c)))
                r.Error(r.Child(root, "languages")!, $"unknown language code '{code}' (use BCP-47 codes such as en, zh-Hans, zh-Hant, hi)");
            if (languages.Count == 0) r.Error(r.Child(root, "languages")!, "'languages' is empty (leave it out to ask every language of each probe)");
            languages = [.. languages.Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        int samples = r.Int(root, "samples", 1, 1, 1000);
        long seed = r.Long(root, "seed", SamplerSettings.Default.Seed);
        var sampler = SamplerSettings.Default with { Seed = seed };
        if (r.Child(root, "sampler") is { } samplerNode && r.Mapping(samplerNode, "sampler") is { } s)
        {
            r.UnknownKeys(s, SamplerKeys, "sampler");
            sampler = sampler with
            {
                Temperature = r.Double(s, "temperature", sampler.Temperature, 0, 2),
                TopP = r.Double(s, "top_p", sampler.TopP, 0.01, 1),
                MaxTokens = r.Int(s, "max_tokens", sampler.MaxTokens, 1, 32768),
            };
        }
        int maxEndpoints = r.Int(root, "max_concurrent_endpoints", 4, 1, 64);

        var models = new List<PlanModel>();
        if (r.Child(root, "models") is not YamlSequenceNode modelNodes) r.Error(r.Child(root, "models") ?? root, "'models' must be a list of models (name plus model, or endpoint and model_id)");
        else
        {
            if (modelNodes.Children.Count == 0) r.Error(modelNodes, "'models' is empty");
            foreach (var node in modelNodes.Children)
                if (ReadModel(r, node) is { } model)
                {
                    if (models.Any(m => m.Name == model.Name)) r.Error(node, $"model name '{model.Name}' is used twice; each model needs its own run folder");
                    else models.Add(model);
                }
        }

        PlanJudge? judge = null;
        if (r.Child(root, "judge") is { } judgeNode && r.Mapping(judgeNode, "judge") is { } j)
        {
            r.UnknownKeys(j, JudgeKeys, "judge");
            var endpoint = r.String(j, "endpoint");
            var modelId = r.String(j, "model_id");
            if (endpoint is null || modelId is null) r.Error(j, "a judge needs 'endpoint' and 'model_id'");
            else
            {
                r.Url(j, endpoint);
                judge = new PlanJudge(endpoint, modelId, r.String(j, "api_key_env"), r.OptionalInt(j, "sample", 1, int.MaxValue),
                    r.Int(j, "parallel", 4, 1, 256), r.Bool(j, "allow_insecure", false));
            }
        }

        var comparisons = new List<PlanComparison>();
        if (r.Child(root, "compare") is { } compareNode)
        {
            if (compareNode is not YamlSequenceNode compareList) r.Error(compareNode, "'compare' must be a list of {base, candidate, fail_if_regress}");
            else
                foreach (var node in compareList.Children)
                {
                    if (r.Mapping(node, "a comparison") is not { } c) continue;
                    r.UnknownKeys(c, CompareKeys, "a comparison");
                    var baseName = r.String(c, "base");
                    var candidate = r.String(c, "candidate");
                    if (baseName is null || candidate is null) { r.Error(c, "a comparison needs 'base' and 'candidate' (model names)"); continue; }
                    foreach (var side in new[] { baseName, candidate }.Distinct())
                        if (models.All(m => m.Name != side)) r.Error(c, $"comparison names model '{side}', which the plan does not declare");
                    if (baseName == candidate) r.Error(c, $"comparison of '{baseName}' with itself");
                    comparisons.Add(new PlanComparison(baseName, candidate, r.Bool(c, "fail_if_regress", false), (int)c.Start.Line));
                }
        }

        if (errors.Count > 0) return (null, errors);
        return (new AuditPlanFile(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), name, suites, (int)suitesNode!.Start.Line, languages, samples,
            sampler, maxEndpoints, models, judge, comparisons), errors);
    }

    private static PlanModel? ReadModel(Reader r, YamlNode node)
    {
        if (r.Mapping(node, "a model") is not { } m) return null;
        r.UnknownKeys(m, ModelKeys, "a model");
        var name = r.String(m, "name");
        if (name is null) { r.Error(m, "a model needs a 'name' (its run folder and how comparisons refer to it)"); return null; }
        if (!SafeName().IsMatch(name)) { r.Error(m, $"model name '{name}' must be letters, digits, '.', '-' or '_' (it names a folder)"); return null; }
        var model = r.String(m, "model");
        var endpoint = r.String(m, "endpoint");
        var modelId = r.String(m, "model_id");
        if ((model is null) == (endpoint is null)) { r.Error(m, $"model '{name}': give either 'model' (GGUF path, hf:, ollama: or smoke) or 'endpoint' with 'model_id'"); return null; }
        if (endpoint is not null && modelId is null) { r.Error(m, $"model '{name}': 'endpoint' needs 'model_id'"); return null; }
        if (endpoint is not null) r.Url(m, endpoint);
        if (model is not null && modelId is not null) r.Error(m, $"model '{name}': 'model_id' belongs with 'endpoint'");
        bool remote = endpoint is not null;
        int parallel = r.Int(m, "parallel", remote ? 8 : 1, 1, remote ? 1024 : 64);
        int context = r.Int(m, "context", 2048, 64, 1 << 20);
        if (!remote && (long)context * parallel > 1 << 20) r.Error(m, $"model '{name}': context x parallel = {(long)context * parallel} tokens of KV cache, more than the {1 << 20} allowed");
        return new PlanModel(name, (int)m.Start.Line, model, endpoint, modelId, r.String(m, "api_key_env"), r.Bool(m, "allow_insecure", false),
            parallel, r.Int(m, "gpu_layers", 0, 0, 100_000), context, r.OptionalInt(m, "threads", 1, 1024),
            r.Double(m, "request_timeout", 300, 1, 3600), r.Int(m, "retries", 4, 0, 20));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();

    private static void RejectUnsafeStructure(string text, string path)
    {
        if (YamlSafety.FirstUnsafe(text, MaxDepth) is { } f)
            throw new PlanFormatException($"{path}:{f.Line}: " + (f.Problem == YamlSafety.Problem.TooDeep
                ? $"nesting deeper than {MaxDepth} levels"
                : "YAML anchors and aliases are not allowed in plans"));
    }

    /// <summary>Typed reads that record a problem (file:line: what) and carry on with a default.</summary>
    private sealed class Reader(string path, List<string> errors)
    {
        public void Error(YamlNode node, string problem) => errors.Add($"{path}:{node.Start.Line}: {problem}");

        public YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public YamlMappingNode? Mapping(YamlNode node, string what)
        {
            if (node is YamlMappingNode map) return map;
            Error(node, $"{what} must be a mapping of fields");
            return null;
        }

        public void UnknownKeys(YamlMappingNode map, string[] known, string what)
        {
            foreach (var key in map.Children.Keys)
                if (key is not YamlScalarNode { Value: { } k } || !known.Contains(k))
                    Error(key, $"unknown field '{(key as YamlScalarNode)?.Value}' in {what} (known: {string.Join(", ", known)})");
        }

        public string? String(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node is null) return null;
            if (node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0) return value.Trim();
            Error(node, $"'{key}' must be a non-empty single value");
            return null;
        }

        public IReadOnlyList<string> Strings(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: { } one }) return [.. one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (node is not YamlSequenceNode list) { Error(node, $"'{key}' must be a list"); return []; }
            var values = new List<string>();
            foreach (var item in list.Children)
                if (item is YamlScalarNode { Value: { } v } && v.Trim().Length > 0) values.Add(v.Trim());
                else Error(item, $"an entry of '{key}' must be a single value");
            return values;
        }

        public int Int(YamlMappingNode map, string key, int fallback, int min, int max) => OptionalInt(map, key, min, max) ?? fallback;

        public int? OptionalInt(YamlMappingNode map, string key, int min, int max)
        {
            var text = String(map, key);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            Error(Child(map, key)!, $"'{key}': {text} is not a whole number in {min}..{max}");
            return null;
        }

        public long Long(YamlMappingNode map, string key, long fallback)
        {
            var text = String(map, key);
            if (text is null) return fallback;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            Error(Child(map, key)!, $"'{key}': {text} is not a whole number");
            return fallback;
        }

        public double Double(YamlMappingNode map, string key, double fallback, double min, double max)
        {
            var text = String(map, key);
            if (text is null) return fallback;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            Error(Child(map, key)!, string.Create(CultureInfo.InvariantCulture, $"'{key}': {text} is not a number in {min}..{max}"));
            return fallback;
        }

        public bool Bool(YamlMappingNode map, string key, bool fallback)
        {
            var text = String(map, key);
            if (text is null) return fallback;
            if (text is "true" or "false") return text == "true";
            Error(Child(map, key)!, $"'{key}': {text} is not true or false");
            return fallback;
        }

        public void Url(YamlMappingNode map, string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                // Without its user info and query: that is where keys hide, and validate prints this.
                Error(Child(map, "endpoint")!, $"'endpoint': '{Core.Http.UrlRedaction.Redact(url)}' is not an http(s) URL");
        }
    }
}
