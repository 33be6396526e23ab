using System.Globalization;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Files;
using AuditKit.Core.Reasoning;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Core.Text;
using AuditKit.Store;

namespace AuditKit.Runner.Imports;

/// <summary>
/// Turns external transcripts (e.g. SpeechMap's JSONL) into a stored run that classify, export and report treat like
/// a native one. A file may hold answers of many models: each attempt keeps its own model name. The whole file is
/// read and checked before anything is stored.
/// </summary>
public static class TranscriptImporter
{
    /// <param name="maxFieldChars">
    /// Characters kept of a response or reasoning (a longer one is cut and stored as <see cref="FinishReason.Capped"/>);
    /// any other field longer than this is refused.
    /// </param>
    /// <param name="controlTopics">Topics whose records are controls (e.g. SpeechMap's us, eu and russia questions
    /// for its china ones): their attempts get the kind <c>control</c> and reports compare them with the rest.</param>
    public static int Import(string path, string format, FieldMap map, string runDirectory, TimeProvider clock, int maxFieldChars, IReadOnlyCollection<string>? controlTopics = null)
    {
        if (!File.Exists(path)) throw new ImportFormatException($"{path}: file not found");
        // Every record is held in memory before anything is stored (all or nothing), and one line is one string.
        if (new FileInfo(path).Length > MaxFileBytes)
            throw new ImportFormatException($"{path}: larger than the {MaxFileBytes / (1024 * 1024)} MiB an import reads at once; split the file");
        var samples = new Dictionary<(string, string, string), int>();
        var attempts = new List<Attempt>();
        var probes = new Dictionary<string, ImportedProbe>(StringComparer.Ordinal);
        // A record's fields are each within the cap; JSON escapes take up to 6 characters for one.
        long maxLineChars = Math.Min(20L * maxFieldChars + 65536, Array.MaxLength);
        foreach (var record in TranscriptReader.Read(path, format, maxLineChars))
        {
            string? Field(string name) => Bounded(record, map, name, maxFieldChars);
            var model = Identifier(record, map, "model", Field("model")) is { Length: > 0 } m ? m : "imported";
            var probe = Identifier(record, map, "probe_id", Field("probe_id")) is { Length: > 0 } p ? p : $"line-{record.Line}";
            var language = LanguageCodes.Normalize(Identifier(record, map, "language", Field("language")) ?? "en");
            int sample = map.Get(record, "sample") is { Length: > 0 } s ? Sample(record, s)
                : samples.TryGetValue((model, probe, language), out var next) ? next : 0;
            samples[(model, probe, language)] = sample + 1;
            bool responseCut = false, reasoningCut = false;
            var response = map.Get(record, "response") is { } full ? AnswerLimits.Cut(full, maxFieldChars, out responseCut) : null;
            var reasoning = map.Get(record, "reasoning") is { } trace ? AnswerLimits.Cut(trace, maxFieldChars, out reasoningCut) : null;
            bool capped = responseCut || reasoningCut;
            // A record without an answer (an API error in the source) is kept as a failed attempt, as a native run would store it.
            var error = Field("error") is { Length: > 0 } e ? e : response is null ? "the transcript has no response for this record" : null;
            // Many sources print the trace in the response (<think>, Kimi's ◁think▷): the answer is what follows it.
            var split = ReasoningSplitter.Split(response ?? "", startsInsideReasoning: false, reasoning);
            var finishReason = Field("finish_reason");
            var topic = Identifier(record, map, "topic", Field("topic")) is { Length: > 0 } t ? t : "imported";
            bool control = controlTopics?.Contains(topic) == true;
            var prompt = Field("prompt") ?? map.Require(record, "prompt");
            if (!probes.TryGetValue(probe, out var imported))
                probes[probe] = imported = new ImportedProbe(topic, control, Identifier(record, map, "pair", Field("pair")) is { Length: > 0 } pair ? pair : null, record.Line);
            imported.Text.TryAdd(language, prompt);
            attempts.Add(new Attempt
            {
                Key = new AttemptKey(model, probe, language, sample),
                Topic = topic,
                Kind = control ? "control" : Identifier(record, map, "kind", Field("kind")) is { Length: > 0 } k ? k : "imported",
                Prompt = prompt,
                Response = split.Answer,
                RawOutput = response ?? "",
                Reasoning = split.Reasoning,
                FinishReason = error is not null ? FinishReason.Error : capped ? FinishReason.Capped : ProviderVerdicts.FinishReasonOf(finishReason),
                Moderation = ProviderVerdicts.ModerationOf(Field("moderation"), finishReason),
                Error = error,
                CompletedAt = clock.GetUtcNow(),
            });
        }
        if (attempts.Count == 0) throw new ImportFormatException($"{path}: no records to import");
        var duplicate = attempts.GroupBy(a => a.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ImportFormatException($"{path}: two records for {duplicate.Key}; give each a distinct 'sample'");
        foreach (var (id, p) in probes)
            if (p.PairsWith is { } pair && !probes.ContainsKey(pair))
                throw new ImportFormatException($"{path}:{p.Line}: probe '{id}' pairs with '{pair}', which no record of the file has as its probe_id");

        var sha = FileHash.Sha256(path);
        using var runLock = RunLock.Acquire(EnsureDirectory(runDirectory));
        using var store = RunStore.Open(runDirectory, create: true);
        var models = attempts.Select(a => a.Key.Model).Distinct().ToList();
        store.InitializeOrVerify(new RunManifest
        {
            RunId = "import-" + sha[..12],
            Model = new ModelDescription { Name = models.Count == 1 ? models[0] : $"{models.Count} models", Backend = "import", Path = Path.GetFullPath(path), Sha256 = sha },
            Sampler = new SamplerSettings(double.NaN, double.NaN, 0, 0),
            Suites = [],
            Languages = attempts.Select(a => a.Key.Language).Distinct().Order(StringComparer.Ordinal).ToList(),
            Samples = attempts.Count == 0 ? 0 : attempts.Max(a => a.Key.Sample) + 1,
            ToolVersion = typeof(TranscriptImporter).Assembly.GetName().Version?.ToString() ?? "0",
            StartedAt = clock.GetUtcNow(),
            FinishedAt = clock.GetUtcNow(),
            ImportedFileSha256 = sha,
        });
        store.SaveAttempts(attempts);
        // Stored like a suite's probes, so reports can pair each question with its control without the source file.
        store.SaveProbes(probes.Select(p => new Probe(p.Key, p.Value.Topic, p.Value.Control ? ProbeKind.Control : ProbeKind.Critique,
            p.Value.Text, [], [], ControlFor: p.Value.Control ? "imported" : null, PairsWith: p.Value.PairsWith)));
        return attempts.Count;
    }

    private sealed record ImportedProbe(string Topic, bool Control, string? PairsWith, long Line)
    {
        public Dictionary<string, string> Text { get; } = new(StringComparer.Ordinal);
    }

    public const long MaxFileBytes = 1024L * 1024 * 1024;

    /// <summary>A field other than the answer and its reasoning: refused when longer than the cap, never cut.</summary>
    private static string? Bounded(TranscriptRecord record, FieldMap map, string field, int maxChars) =>
        map.Get(record, field) is { } value && value.Length > maxChars
            ? throw new ImportFormatException($"{record.File}:{record.Line}: field '{map.ColumnOf(field)}' is {value.Length} characters, more than the {maxChars} allowed (--max-field-chars)")
            : map.Get(record, field);

    /// <summary>Keys and labels are printed and compared: a bidi override would show another name than the one stored.</summary>
    private static string? Identifier(TranscriptRecord record, FieldMap map, string field, string? value) =>
        UnsafeCharacters.FirstIn(value) is { } character
            ? throw new ImportFormatException($"{record.File}:{record.Line}: field '{map.ColumnOf(field)}' contains a control or bidirectional character ({character}); a {field} must be plain text")
            : value;

    // Sample numbers index repeated askings of one prompt; a huge or negative one is a mapping mistake, not data.
    private const int MaxSample = 1_000_000;

    private static int Sample(TranscriptRecord record, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < MaxSample ? n
            : throw new ImportFormatException($"{record.File}:{record.Line}: field 'sample' is '{text}', not a whole number from 0 to {MaxSample - 1}");

    private static string EnsureDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        return directory;
    }
}
