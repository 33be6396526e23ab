using System.Globalization;
using System.Text.Json;
using AuditKit.Core.Attempts;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Suites;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using Microsoft.Data.Sqlite;

namespace AuditKit.Store;

/// <summary>
/// The SQLite store of one run folder: the versioned contract between <c>run</c>, <c>classify</c>, <c>export</c> and
/// <c>report</c>. One row per attempt key; every write is one transaction with synchronous=FULL, so an attempt is
/// durable once <see cref="SaveAttempt"/> or <see cref="SaveAttempts"/> returns and a SIGKILL at any moment loses
/// only attempts whose write had not returned.
/// </summary>
public sealed class RunStore : IDisposable
{
    public const string DatabaseFileName = "run.sqlite";
    public const string ManifestFileName = "manifest.json";
    /// <summary>Bumped whenever a table or column changes meaning; older tools refuse newer stores.</summary>
    /// <remarks>
    /// 2 added the <c>judgements</c> table (an LLM judge's second opinion). 3 keeps every label in one <c>labels</c>
    /// table keyed by attempt and scorer (<c>classifier:ID</c>, <c>judge:MODEL</c>, <c>human:REVIEWER</c>), stores the
    /// probes as asked (<c>probes</c>) so a run is self-contained, and adds the provider's <c>moderation</c> marker to
    /// attempts. Older stores are migrated in one transaction when this version opens them.
    /// </remarks>
    public const int SchemaVersion = 3;

    private readonly SqliteConnection _connection;

    // Probes are stored compact and with their own script readable in the database (the manifest's options indent).
    private static readonly JsonSerializerOptions ProbeJson = new(ManifestJson.Options)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private RunStore(string directory, SqliteConnection connection)
    {
        Directory = directory;
        _connection = connection;
    }

    public string Directory { get; }

    /// <summary>Opens (creating when <paramref name="create"/>) the store in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="StoreFormatException">Not a run folder, or a store from a newer schema.</exception>
    public static RunStore Open(string runDirectory, bool create)
    {
        var dbPath = Path.Combine(runDirectory, DatabaseFileName);
        if (!create && !File.Exists(dbPath))
            throw new StoreFormatException($"{runDirectory}: not a run folder (no {DatabaseFileName})");
        System.IO.Directory.CreateDirectory(runDirectory);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dbPath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        // A linked database would be written without its own folder's lock, or outside the run folder altogether.
        foreach (var name in new[] { DatabaseFileName, DatabaseFileName + "-wal", DatabaseFileName + "-shm" })
            if (new FileInfo(Path.Combine(runDirectory, name)).LinkTarget is not null)
                throw new StoreFormatException($"{Path.Combine(runDirectory, name)}: is a symbolic link; a run's store must be a file in its own folder");
        if (System.IO.Directory.Exists(Path.Combine(runDirectory, ManifestFileName)))
            throw new StoreFormatException($"{Path.Combine(runDirectory, ManifestFileName)}: is a folder; the run writes its manifest there");
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
            if (!create) RequireTables(connection, dbPath);
            var store = new RunStore(runDirectory, connection);
            store.EnsureSchema();
            return store;
        }
        catch (StoreFormatException)
        {
            connection.Dispose();
            throw;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreFormatException($"{dbPath}: {e.Message}");
        }
    }

    /// <summary>
    /// A command that reads an existing run must not recreate a table that has gone: classify would then store zero
    /// verdicts over the old ones, and a report would show an empty run as if it were real.
    /// </summary>
    private static void RequireTables(SqliteConnection connection, string dbPath)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var r = cmd.ExecuteReader())
            while (r.Read()) tables.Add(r.GetString(0));
        if (tables.Count == 0)
            throw new StoreFormatException($"{dbPath}: the store is empty (the run was stopped before it began); rerun `auditkit run` to start it");
        // Tables that every schema had; the rest are created or migrated on open. A store from before schema 3 must
        // still have its verdicts to migrate, one from schema 3 on its labels.
        string labelTable = tables.Contains("labels") || !tables.Contains("verdicts") ? "labels" : "verdicts";
        foreach (var table in new[] { "meta", "attempts", labelTable, "signals" })
            if (!tables.Contains(table))
                throw new StoreFormatException($"{dbPath}: table '{table}' is missing; the store is damaged");
    }

    private void EnsureSchema()
    {
        var stored = TableExists("meta") ? GetMeta("schema_version") : null;
        if (stored is not null && !int.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new StoreFormatException($"{DatabasePath}: meta 'schema_version' is damaged ('{stored}' is not a number)");
        if (stored is not null && int.Parse(stored, CultureInfo.InvariantCulture) > SchemaVersion)
            throw new StoreFormatException($"{Directory}: store schema {stored} is newer than this auditkit understands ({SchemaVersion}); upgrade auditkit");

        // Deferred: opening a current store writes nothing, so it must not take the write lock (a report reading while
        // classify stores a million labels would wait and fail); a migration takes it when it first writes.
        using var tx = _connection.BeginTransaction(deferred: true);
        Execute(_connection, """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS attempts (
              model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              topic TEXT NOT NULL, kind TEXT NOT NULL, prompt TEXT NOT NULL, prompt_as_sent TEXT NOT NULL,
              raw_output TEXT NOT NULL, reasoning TEXT, response TEXT NOT NULL,
              prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, duration_ms REAL NOT NULL,
              finish_reason TEXT NOT NULL, error TEXT, seed INTEGER NOT NULL, completed_at TEXT NOT NULL,
              moderation TEXT,
              PRIMARY KEY (model, probe_id, language, sample));
            CREATE TABLE IF NOT EXISTS labels (
              model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              scorer TEXT NOT NULL, compliance TEXT, narrative TEXT,
              compliance_probabilities TEXT, narrative_probabilities TEXT, truncated INTEGER NOT NULL DEFAULT 0,
              reply TEXT, error TEXT, note TEXT, labelled_at TEXT NOT NULL,
              PRIMARY KEY (model, probe_id, language, sample, scorer));
            CREATE TABLE IF NOT EXISTS signals (
              model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              thought_suppressed INTEGER, facts_expected TEXT NOT NULL, facts_in_answer TEXT NOT NULL,
              facts_only_in_reasoning TEXT NOT NULL, markers_found TEXT NOT NULL,
              PRIMARY KEY (model, probe_id, language, sample));
            CREATE TABLE IF NOT EXISTS probes (probe_id TEXT PRIMARY KEY, definition TEXT NOT NULL);
            """, tx);
        if (!ColumnExists("attempts", "moderation", tx))
            Execute(_connection, "ALTER TABLE attempts ADD COLUMN moderation TEXT", tx);
        MigrateVerdictTables(tx);
        if (stored != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture), tx);
        tx.Commit();
    }

    /// <summary>
    /// Schemas 1 and 2 kept the classifier's verdicts and the judge's in tables of their own. They become labels of
    /// scorers <c>classifier:ID</c> and <c>judge:MODEL</c>, named from the classifier record the store kept.
    /// </summary>
    private void MigrateVerdictTables(SqliteTransaction tx)
    {
        if (!TableExists("verdicts", tx)) return;
        var info = GetMeta("classifier", tx) is { } json
            ? Reading("meta 'classifier'", () => JsonSerializer.Deserialize<ClassifierInfo>(json, ManifestJson.Options) ?? throw new JsonException("null"))
            : null;
        var at = (info?.ClassifiedAt ?? DateTimeOffset.UnixEpoch).ToString("O", CultureInfo.InvariantCulture);
        using (var copy = Command("""
            INSERT OR REPLACE INTO labels (model, probe_id, language, sample, scorer, compliance, narrative,
              compliance_probabilities, narrative_probabilities, truncated, labelled_at)
            SELECT model, probe_id, language, sample, $scorer, compliance, narrative,
              compliance_probabilities, narrative_probabilities, truncated, $at FROM verdicts
            """, tx))
        {
            copy.Parameters.AddWithValue("$scorer", Scorers.Classifier(info?.Id ?? "unknown"));
            copy.Parameters.AddWithValue("$at", at);
            copy.ExecuteNonQuery();
        }
        if (TableExists("judgements", tx))
        {
            var judge = Scorers.Judge(info?.Judge?.JudgeModel ?? "unknown");
            using var copy = Command("""
                INSERT OR REPLACE INTO labels (model, probe_id, language, sample, scorer, compliance, narrative, reply, error, labelled_at)
                SELECT model, probe_id, language, sample, $scorer, compliance, narrative, reply, error, $at FROM judgements
                """, tx);
            copy.Parameters.AddWithValue("$scorer", judge);
            copy.Parameters.AddWithValue("$at", at);
            copy.ExecuteNonQuery();
            SetMeta("judge_scorer", judge, tx);
        }
        Execute(_connection, "DROP TABLE verdicts; DROP TABLE IF EXISTS judgements;", tx);
    }

    private bool TableExists(string table, SqliteTransaction? tx = null)
    {
        using var cmd = Command("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t", tx);
        cmd.Parameters.AddWithValue("$t", table);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private bool ColumnExists(string table, string column, SqliteTransaction tx)
    {
        using var cmd = Command($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c", tx);
        cmd.Parameters.AddWithValue("$c", column);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The manifest the run was started with (FinishedAt updated as runs complete); null for a new store.</summary>
    public RunManifest? ReadManifest() =>
        GetMeta("manifest") is { } json ? Reading("meta 'manifest'", () => ManifestJson.Deserialize(json)) : null;

    /// <summary>
    /// Records the manifest of a new run, or checks that a resumed run matches the stored one.
    /// Returns the manifest in force (the stored one, on resume, keeping its run id and start time).
    /// </summary>
    /// <exception cref="RunMismatchException">The folder holds a run of another model or other settings.</exception>
    public RunManifest InitializeOrVerify(RunManifest requested)
    {
        var stored = ReadManifest();
        if (stored is null)
        {
            WriteManifest(requested);
            return requested;
        }
        var differences = RunFingerprint.Differences(stored, requested);
        if (differences.Count > 0)
            throw new RunMismatchException($"{Directory}: holds a run with different settings ({string.Join("; ", differences)}); use a new --out folder");
        return stored;
    }

    /// <summary>Replaces the stored manifest (e.g. to set FinishedAt) and rewrites manifest.json atomically.</summary>
    public void WriteManifest(RunManifest manifest)
    {
        var json = ManifestJson.Serialize(manifest);
        SetMeta("manifest", json);
        var path = Path.Combine(Directory, ManifestFileName);
        var temp = path + ".tmp";
        File.Delete(temp); // a leftover, or a link planted there: never write through it
        File.WriteAllText(temp, json);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Keys of attempts stored without error: these are skipped on resume; failed ones are retried.</summary>
    public IReadOnlySet<AttemptKey> SucceededKeys() => Reading("table 'attempts'", () =>
    {
        var keys = new HashSet<AttemptKey>();
        using var cmd = Command("SELECT model, probe_id, language, sample FROM attempts WHERE error IS NULL");
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) keys.Add(ReadKey(reader, 0));
        return (IReadOnlySet<AttemptKey>)keys;
    });

    /// <summary>Stores (or replaces, when retrying a failed attempt) one attempt, durably.</summary>
    /// <exception cref="StoreWriteException">The disk is full or the folder became read-only; earlier attempts are intact.</exception>
    public void SaveAttempt(Attempt a)
    {
        try { InsertAttempt(a); }
        catch (SqliteException e) { throw new StoreWriteException($"{Directory}: cannot store attempt {a.Key}: {e.Message}; every attempt stored before it is intact, rerun to resume"); }
    }

    /// <summary>Stores many attempts in one transaction (imports): all or none.</summary>
    public void SaveAttempts(IReadOnlyList<Attempt> attempts)
    {
        try
        {
            using var tx = _connection.BeginTransaction();
            foreach (var a in attempts) InsertAttempt(a, tx);
            tx.Commit();
        }
        catch (SqliteException e) { throw new StoreWriteException($"{Directory}: cannot store {attempts.Count} attempts: {e.Message}; nothing of them was stored"); }
    }

    private void InsertAttempt(Attempt a, SqliteTransaction? tx = null)
    {
        using var cmd = Command("""
            INSERT INTO attempts (model, probe_id, language, sample, topic, kind, prompt, prompt_as_sent, raw_output,
              reasoning, response, prompt_tokens, completion_tokens, duration_ms, finish_reason, error, seed, completed_at, moderation)
            VALUES ($model, $probe, $language, $sample, CAST($topic AS TEXT), CAST($kind AS TEXT), CAST($prompt AS TEXT),
              CAST($sent AS TEXT), CAST($raw AS TEXT), CAST($reasoning AS TEXT), CAST($response AS TEXT),
              $ptok, $ctok, $ms, $finish, CAST($error AS TEXT), $seed, $at, CAST($moderation AS TEXT))
            ON CONFLICT (model, probe_id, language, sample) DO UPDATE SET
              topic=excluded.topic, kind=excluded.kind, prompt=excluded.prompt, prompt_as_sent=excluded.prompt_as_sent,
              raw_output=excluded.raw_output, reasoning=excluded.reasoning, response=excluded.response,
              prompt_tokens=excluded.prompt_tokens, completion_tokens=excluded.completion_tokens,
              duration_ms=excluded.duration_ms, finish_reason=excluded.finish_reason, error=excluded.error,
              seed=excluded.seed, completed_at=excluded.completed_at, moderation=excluded.moderation
            """, tx);
        AddKey(cmd, a.Key);
        AddExactText(cmd, "$topic", a.Topic);
        AddExactText(cmd, "$kind", a.Kind);
        AddExactText(cmd, "$prompt", a.Prompt);
        AddExactText(cmd, "$sent", a.PromptAsSent);
        AddExactText(cmd, "$raw", a.RawOutput);
        AddExactText(cmd, "$reasoning", a.Reasoning);
        AddExactText(cmd, "$response", a.Response);
        cmd.Parameters.AddWithValue("$ptok", a.PromptTokens);
        cmd.Parameters.AddWithValue("$ctok", a.CompletionTokens);
        cmd.Parameters.AddWithValue("$ms", a.DurationMs);
        cmd.Parameters.AddWithValue("$finish", a.FinishReason.ToString());
        AddExactText(cmd, "$error", a.Error);
        cmd.Parameters.AddWithValue("$seed", a.Seed);
        cmd.Parameters.AddWithValue("$at", a.CompletedAt.ToString("O", CultureInfo.InvariantCulture));
        AddExactText(cmd, "$moderation", a.Moderation);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Binds text so that SQLite stores every character of it. A plain string parameter is handed to SQLite as a
    /// NUL-terminated C string once it is longer than a few hundred characters (SQLitePCLRaw's path for long strings),
    /// and SQLite then keeps only what comes before the first NUL: a model could hide the rest of its answer from the
    /// audit. UTF-8 bytes bound as a BLOB carry their length, and <c>CAST(... AS TEXT)</c> in the statement stores them
    /// as TEXT, byte for byte. A lone UTF-16 surrogate has no UTF-8 form and becomes U+FFFD, as before.
    /// </summary>
    private static void AddExactText(SqliteCommand cmd, string name, string? text) =>
        cmd.Parameters.AddWithValue(name, text switch
        {
            null => DBNull.Value,
            // An empty BLOB binds as NULL, which a NOT NULL column refuses; empty text has nothing to cut anyway.
            "" => "",
            _ => System.Text.Encoding.UTF8.GetBytes(text),
        });

    /// <summary>All stored attempts in insertion order, texts included.</summary>
    public IReadOnlyList<Attempt> ReadAttempts() => [.. StreamAttempts(StoredText.All)];

    /// <summary>
    /// All stored attempts in insertion order without their texts (answer, reasoning, raw output and templated prompt
    /// empty): keys, outcomes, tokens and timings, for counting a run of any size.
    /// </summary>
    public IReadOnlyList<Attempt> ReadAttemptOutcomes() => [.. StreamAttempts(StoredText.None)];

    /// <summary>Which texts a read of attempts brings back; the others are left empty and SQLite never decodes them.</summary>
    internal enum StoredText
    {
        /// <summary>Keys, prompt and outcome only: what a report or classify holds for every attempt at once.</summary>
        None,
        /// <summary>Also the answer and its reasoning trace: what classifying, quoting and attempts.csv read.</summary>
        Answer,
        /// <summary>Also the raw output and the templated prompt: a whole attempt.</summary>
        All,
    }

    /// <summary>Stored attempts in insertion order, one row at a time, the repeated columns sharing one string per value.</summary>
    internal IEnumerable<Attempt> StreamAttempts(StoredText texts)
    {
        var pool = new StringPool();
        using var cmd = Command($"SELECT {AttemptColumns(texts)} FROM attempts a ORDER BY a.rowid");
        using var r = Reading("table 'attempts'", () => cmd.ExecuteReader());
        while (Reading("table 'attempts'", () => r.Read()))
            yield return Reading("table 'attempts'", () => ReadAttempt(r, texts, pool));
    }

    /// <summary>The attempt columns of table alias <c>a</c>, in the order <see cref="ReadAttempt"/> reads them (19 columns).</summary>
    private static string AttemptColumns(StoredText texts) => $"""
        a.model, a.probe_id, a.language, a.sample, a.topic, a.kind, a.prompt,
        {(texts == StoredText.All ? "a.prompt_as_sent, a.raw_output" : "'', ''")},
        {(texts == StoredText.None ? "NULL, ''" : "a.reasoning, a.response")},
        a.prompt_tokens, a.completion_tokens, a.duration_ms, a.finish_reason, a.error, a.seed, a.completed_at, a.moderation
        """;

    private static Attempt ReadAttempt(SqliteDataReader r, StoredText texts, StringPool pool) => new()
    {
        Key = ReadKey(r, 0, pool),
        Topic = pool.Of(r.GetString(4)),
        Kind = pool.Of(r.GetString(5)),
        Prompt = pool.Of(r.GetString(6)),
        PromptAsSent = texts == StoredText.All ? r.GetString(7) : "",
        RawOutput = texts == StoredText.All ? r.GetString(8) : "",
        Reasoning = r.IsDBNull(9) ? null : r.GetString(9),
        Response = texts == StoredText.None ? "" : r.GetString(10),
        PromptTokens = r.GetInt32(11),
        CompletionTokens = r.GetInt32(12),
        DurationMs = r.GetDouble(13),
        FinishReason = Label<FinishReason>(r.GetString(14)),
        Error = r.IsDBNull(15) ? null : pool.Of(r.GetString(15)),
        Seed = r.GetInt64(16),
        CompletedAt = DateTimeOffset.Parse(r.GetString(17), CultureInfo.InvariantCulture),
        Moderation = r.IsDBNull(18) ? null : pool.Of(r.GetString(18)),
    };

    /// <summary>
    /// Replaces the classifier's labels and the signals in one transaction, recording which classifier produced them.
    /// Judge and reviewer labels are kept: they are about the answers, not about any classifier.
    /// </summary>
    public void SaveClassification(ClassifierInfo classifier, IReadOnlyList<(AttemptKey Key, Verdict Verdict, AttemptSignals Signals)> results)
    {
        Writing($"cannot store the classification", () =>
        {
            using var tx = _connection.BeginTransaction();
            using (var clear = Command("DELETE FROM labels WHERE scorer LIKE 'classifier:%'; DELETE FROM signals;", tx))
                clear.ExecuteNonQuery();
            var at = classifier.ClassifiedAt.ToString("O", CultureInfo.InvariantCulture);
            using var verdictCmd = Command("""
                INSERT INTO labels (model, probe_id, language, sample, scorer, compliance, narrative,
                  compliance_probabilities, narrative_probabilities, truncated, labelled_at)
                VALUES ($model, $probe, $language, $sample, $scorer, $c, $n, $cp, $np, $t, $at)
                """, tx);
            using var signalCmd = Command("INSERT INTO signals VALUES ($model, $probe, $language, $sample, $ts, $fe, $fa, $fr, $mf)", tx);
            var scorer = Scorers.Classifier(classifier.Id);
            foreach (var (key, verdict, signals) in results)
            {
                verdictCmd.Parameters.Clear();
                AddKey(verdictCmd, key);
                verdictCmd.Parameters.AddWithValue("$scorer", scorer);
                verdictCmd.Parameters.AddWithValue("$c", verdict.Compliance.ToString());
                verdictCmd.Parameters.AddWithValue("$cp", JsonSerializer.Serialize(verdict.ComplianceProbabilities.ToDictionary(p => p.Key.ToString(), p => p.Value)));
                verdictCmd.Parameters.AddWithValue("$n", verdict.Narrative.ToString());
                verdictCmd.Parameters.AddWithValue("$np", JsonSerializer.Serialize(verdict.NarrativeProbabilities.ToDictionary(p => p.Key.ToString(), p => p.Value)));
                verdictCmd.Parameters.AddWithValue("$t", verdict.Truncated ? 1 : 0);
                verdictCmd.Parameters.AddWithValue("$at", at);
                verdictCmd.ExecuteNonQuery();

                signalCmd.Parameters.Clear();
                AddKey(signalCmd, key);
                signalCmd.Parameters.AddWithValue("$ts", signals.ThoughtSuppressed is { } s ? (s ? 1 : 0) : DBNull.Value);
                signalCmd.Parameters.AddWithValue("$fe", JsonSerializer.Serialize(signals.FactsExpected));
                signalCmd.Parameters.AddWithValue("$fa", JsonSerializer.Serialize(signals.FactsInAnswer));
                signalCmd.Parameters.AddWithValue("$fr", JsonSerializer.Serialize(signals.FactsOnlyInReasoning));
                signalCmd.Parameters.AddWithValue("$mf", JsonSerializer.Serialize(signals.MarkersFound));
                signalCmd.ExecuteNonQuery();
            }
            SetMeta("classifier", JsonSerializer.Serialize(classifier, ManifestJson.Options), tx);
            tx.Commit();
        });
    }

    /// <summary>
    /// Stores one judge verdict durably as soon as it arrives, so a crash or a kill loses at most the requests in
    /// flight and a rerun asks only about answers not yet judged (<see cref="JudgeVerdicts"/>).
    /// </summary>
    public void SaveJudgeVerdict(string judgeModel, AttemptKey key, JudgeVerdict verdict, DateTimeOffset at)
    {
        Writing($"cannot store the judge's verdict on {key}", () =>
        {
            using var cmd = Command("""
                INSERT OR REPLACE INTO labels (model, probe_id, language, sample, scorer, compliance, narrative, reply, error, labelled_at)
                VALUES ($model, $probe, $language, $sample, $scorer, $c, $n, CAST($reply AS TEXT), CAST($error AS TEXT), $at)
                """);
            AddKey(cmd, key);
            cmd.Parameters.AddWithValue("$scorer", Scorers.Judge(judgeModel));
            cmd.Parameters.AddWithValue("$c", verdict.Compliance is { } c ? c.ToString() : DBNull.Value);
            cmd.Parameters.AddWithValue("$n", verdict.Narrative is { } n ? n.ToString() : DBNull.Value);
            // The judge's reply is a model's output like any answer: every character of it is kept (see AddExactText).
            AddExactText(cmd, "$reply", verdict.Reply);
            AddExactText(cmd, "$error", verdict.Error);
            cmd.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        });
    }

    /// <summary>Every stored verdict of one judge model, failed requests included (their <see cref="JudgeVerdict.Error"/> is set).</summary>
    public IReadOnlyDictionary<AttemptKey, JudgeVerdict> JudgeVerdicts(string judgeModel) => ReadJudgeLabels(Scorers.Judge(judgeModel));

    /// <summary>Records the judge's agreement with the current classifier and makes that judge the run's second opinion.</summary>
    public void SaveJudgeAgreement(string judgeModel, JudgeAgreement? agreement)
    {
        var info = ReadClassifierInfo() ?? throw new InvalidOperationException("classify the run before recording a judge's agreement");
        Writing("cannot store the judge's agreement", () =>
        {
            using var tx = _connection.BeginTransaction();
            SetMeta("classifier", JsonSerializer.Serialize(info with { Judge = agreement }, ManifestJson.Options), tx);
            SetMeta("judge_scorer", Scorers.Judge(judgeModel), tx);
            tx.Commit();
        });
    }

    /// <summary>
    /// Replaces every label of one reviewer with <paramref name="labels"/> in one transaction: importing a sheet
    /// again gives that reviewer's latest word, and other reviewers' labels are untouched.
    /// </summary>
    public void ReplaceHumanLabels(string reviewer, IReadOnlyList<(AttemptKey Key, HumanLabel Label)> labels, DateTimeOffset at)
    {
        Writing($"cannot store the labels of reviewer '{reviewer}'", () =>
        {
            using var tx = _connection.BeginTransaction();
            var scorer = Scorers.Human(reviewer);
            using (var clear = Command("DELETE FROM labels WHERE scorer = $scorer", tx))
            {
                clear.Parameters.AddWithValue("$scorer", scorer);
                clear.ExecuteNonQuery();
            }
            using var cmd = Command("""
                INSERT INTO labels (model, probe_id, language, sample, scorer, compliance, narrative, note, labelled_at)
                VALUES ($model, $probe, $language, $sample, $scorer, $c, $n, CAST($note AS TEXT), $at)
                """, tx);
            foreach (var (key, label) in labels)
            {
                cmd.Parameters.Clear();
                AddKey(cmd, key);
                cmd.Parameters.AddWithValue("$scorer", scorer);
                cmd.Parameters.AddWithValue("$c", label.Compliance is { } c ? c.ToString() : DBNull.Value);
                cmd.Parameters.AddWithValue("$n", label.Narrative is { } n ? n.ToString() : DBNull.Value);
                AddExactText(cmd, "$note", string.IsNullOrEmpty(label.Note) ? null : label.Note);
                cmd.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        });
    }

    /// <summary>
    /// Stores the probes a run asks, as asked: their facts, markers and pairings travel with the run, so classify and
    /// report never reread suite files that may since have changed, moved or be missing on another machine.
    /// </summary>
    public void SaveProbes(IEnumerable<Probe> probes)
    {
        Writing("cannot store the run's probes", () =>
        {
            using var tx = _connection.BeginTransaction();
            using var cmd = Command("INSERT OR REPLACE INTO probes VALUES ($id, $definition)", tx);
            foreach (var probe in probes)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$id", probe.Id);
                cmd.Parameters.AddWithValue("$definition", JsonSerializer.Serialize(probe, ProbeJson));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        });
    }

    /// <summary>The probes stored with the run, by id; empty for runs stored before schema 3 and imports without probes.</summary>
    public IReadOnlyDictionary<string, Probe> ReadProbes() => Reading("table 'probes'", () =>
    {
        var probes = new Dictionary<string, Probe>(StringComparer.Ordinal);
        using var cmd = Command("SELECT probe_id, definition FROM probes");
        using var r = cmd.ExecuteReader();
        while (r.Read())
            probes[r.GetString(0)] = JsonSerializer.Deserialize<Probe>(r.GetString(1), ProbeJson) ?? throw new JsonException($"probe '{r.GetString(0)}' is null");
        return (IReadOnlyDictionary<string, Probe>)probes;
    });

    /// <summary>Everything the run holds, for export and reports.</summary>
    /// <param name="deferTexts">
    /// Leave the answer texts in the store (<see cref="RunSnapshot.DeferredTexts"/>): the snapshot then holds keys,
    /// labels and signals only, which is what lets a report or classify pass over a million attempts stay within memory.
    /// </param>
    public RunSnapshot ReadSnapshot(bool deferTexts = false)
    {
        var manifest = ReadManifest() ?? throw new StoreFormatException($"{Directory}: the store has no manifest (the run never started)");
        var classifier = ReadClassifierInfo();
        var judgements = JudgeScorer() is { } judge ? ReadJudgeLabels(judge) : new Dictionary<AttemptKey, JudgeVerdict>();
        var human = ReadHumanLabels();
        var attempts = ReadClassifiedAttempts(classifier, deferTexts ? StoredText.None : StoredText.All);
        for (int i = 0; i < attempts.Count; i++)
            if (judgements.TryGetValue(attempts[i].Attempt.Key, out var judged) | human.TryGetValue(attempts[i].Attempt.Key, out var labels))
                attempts[i] = attempts[i] with { Judge = judged, HumanLabels = labels ?? [] };
        return new RunSnapshot(Directory, manifest, attempts, classifier)
        {
            Probes = ReadProbes(),
            DeferredTexts = deferTexts ? new StoredAttemptTexts(Directory) : null,
        };
    }

    /// <summary>
    /// Every attempt with the classifier's verdict and the signals, in one query that lets SQLite join them by key: a
    /// million-attempt run then costs one row object per attempt instead of two dictionaries of a million entries.
    /// Equal signals (most answers to one probe find the same facts) share one object.
    /// </summary>
    private List<ClassifiedAttempt> ReadClassifiedAttempts(ClassifierInfo? classifier, StoredText texts)
    {
        const string SameKey = "{0}.model = a.model AND {0}.probe_id = a.probe_id AND {0}.language = a.language AND {0}.sample = a.sample";
        using var cmd = Command($"""
            SELECT {AttemptColumns(texts)},
              l.scorer, l.compliance, l.narrative, l.compliance_probabilities, l.narrative_probabilities, l.truncated,
              s.model, s.thought_suppressed, s.facts_expected, s.facts_in_answer, s.facts_only_in_reasoning, s.markers_found
            FROM attempts a
            LEFT JOIN labels l ON {string.Format(CultureInfo.InvariantCulture, SameKey, "l")} AND l.scorer = $scorer
            LEFT JOIN signals s ON {string.Format(CultureInfo.InvariantCulture, SameKey, "s")}
            ORDER BY a.rowid
            """);
        // Without a classifier no label row matches, as no verdict belongs to the run.
        cmd.Parameters.AddWithValue("$scorer", classifier is null ? "" : Scorers.Classifier(classifier.Id));
        var pool = new StringPool();
        var shared = new Dictionary<(bool?, string, string, string, string), AttemptSignals>();
        var attempts = new List<ClassifiedAttempt>();
        // A damaged value names the table it is in: the one whose columns were being read when it failed.
        string table = "attempts";
        try
        {
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                table = "labels";
                var verdict = r.IsDBNull(19) ? null : new Verdict(
                    Label<ComplianceLabel>(r.GetString(20)),
                    Probabilities<ComplianceLabel>(r.IsDBNull(22) ? "{}" : r.GetString(22)),
                    Label<NarrativeLabel>(r.GetString(21)),
                    Probabilities<NarrativeLabel>(r.IsDBNull(23) ? "{}" : r.GetString(23)),
                    r.GetInt32(24) != 0);
                table = "signals";
                AttemptSignals? signals = null;
                if (!r.IsDBNull(25))
                {
                    var id = (r.IsDBNull(26) ? (bool?)null : r.GetInt32(26) != 0, r.GetString(27), r.GetString(28), r.GetString(29), r.GetString(30));
                    if (!shared.TryGetValue(id, out signals))
                    {
                        signals = new AttemptSignals(id.Item1, Strings(id.Item2, pool), Strings(id.Item3, pool), Strings(id.Item4, pool), Strings(id.Item5, pool));
                        // A run whose signals all differ would make this table as large as the run; past this size it stops growing.
                        if (shared.Count < 100_000) shared.Add(id, signals);
                    }
                }
                table = "attempts";
                attempts.Add(new ClassifiedAttempt(ReadAttempt(r, texts, pool), verdict, signals));
            }
        }
        catch (Exception e) when (IsDamage(e)) { throw Damaged($"table '{table}'", e); }
        return attempts;
    }

    private ClassifierInfo? ReadClassifierInfo() => GetMeta("classifier") is { } json
        ? Reading("meta 'classifier'", () => JsonSerializer.Deserialize<ClassifierInfo>(json, ManifestJson.Options) ?? throw new JsonException("null"))
        : null;

    /// <summary>The judge whose verdicts are the run's second opinion: the one last asked, else the only one stored.</summary>
    private string? JudgeScorer()
    {
        if (GetMeta("judge_scorer") is { } named) return named;
        using var cmd = Command("SELECT DISTINCT scorer FROM labels WHERE scorer LIKE 'judge:%' LIMIT 2");
        using var r = cmd.ExecuteReader();
        var found = new List<string>();
        while (r.Read()) found.Add(r.GetString(0));
        return found.Count == 1 ? found[0] : null;
    }

    private const string LabelColumns = "model, probe_id, language, sample, compliance, narrative, compliance_probabilities, narrative_probabilities, truncated, reply, error, note, scorer";

    private Dictionary<AttemptKey, JudgeVerdict> ReadJudgeLabels(string scorer) => ReadLabels("scorer = $scorer", scorer, r => new JudgeVerdict(
        r.IsDBNull(4) ? null : Label<ComplianceLabel>(r.GetString(4)),
        r.IsDBNull(5) ? null : Label<NarrativeLabel>(r.GetString(5)),
        r.IsDBNull(9) ? "" : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10)));

    private Dictionary<AttemptKey, IReadOnlyList<HumanLabel>> ReadHumanLabels() => Reading("table 'labels'", () =>
    {
        var rows = new Dictionary<AttemptKey, List<HumanLabel>>();
        using var cmd = Command($"SELECT {LabelColumns} FROM labels WHERE scorer LIKE 'human:%' ORDER BY scorer");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = ReadKey(r, 0);
            if (!rows.TryGetValue(key, out var list)) rows[key] = list = [];
            list.Add(new HumanLabel(Scorers.NameOf(r.GetString(12)),
                r.IsDBNull(4) ? null : Label<ComplianceLabel>(r.GetString(4)),
                r.IsDBNull(5) ? null : Label<NarrativeLabel>(r.GetString(5)),
                r.IsDBNull(11) ? null : r.GetString(11)));
        }
        return rows.ToDictionary(p => p.Key, p => (IReadOnlyList<HumanLabel>)p.Value);
    });

    private Dictionary<AttemptKey, T> ReadLabels<T>(string where, string scorer, Func<SqliteDataReader, T> row) => Reading("table 'labels'", () =>
    {
        var rows = new Dictionary<AttemptKey, T>();
        using var cmd = Command($"SELECT {LabelColumns} FROM labels WHERE {where}");
        cmd.Parameters.AddWithValue("$scorer", scorer);
        using var r = cmd.ExecuteReader();
        var pool = new StringPool();
        while (r.Read()) rows[ReadKey(r, 0, pool)] = row(r);
        return rows;
    });

    /// <summary>A write that fails on a full disk or a read-only folder ends in one error; the transaction leaves the store as it was.</summary>
    private void Writing(string what, Action write)
    {
        try { write(); }
        catch (SqliteException e) { throw new StoreWriteException($"{Directory}: {what}: {e.Message}; everything stored before is intact"); }
    }

    private string DatabasePath => Path.Combine(Directory, DatabaseFileName);

    /// <summary>
    /// Stored text is parsed back into numbers, dates, labels and JSON. A store damaged or edited by hand ends in one
    /// error naming the file and the table, not in an exception from the parser underneath; nothing is written.
    /// </summary>
    private T Reading<T>(string what, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (IsDamage(e)) { throw Damaged(what, e); }
    }

    /// <summary>What a parser or SQLite throws on a value it cannot read.</summary>
    private static bool IsDamage(Exception e) => e is JsonException or FormatException or ArgumentException or InvalidCastException
        or OverflowException or NotSupportedException or SqliteException;

    private StoreFormatException Damaged(string what, Exception e) => new($"{DatabasePath}: {what} is damaged: {e.Message}");

    /// <summary>SQLite's own consistency check plus the store's invariants; empty when the store is sound.</summary>
    public IReadOnlyList<string> CheckIntegrity()
    {
        var problems = new List<string>();
        using (var cmd = Command("PRAGMA integrity_check"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                if (r.GetString(0) != "ok") problems.Add($"sqlite: {r.GetString(0)}");
        var manifest = ReadManifest();
        if (manifest is null) problems.Add("no manifest");
        else problems.AddRange(ManifestFileProblems(manifest));
        using (var cmd = Command("SELECT COUNT(*) FROM labels v LEFT JOIN attempts a USING (model, probe_id, language, sample) WHERE a.model IS NULL"))
            if (Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) is var orphans and > 0)
                problems.Add($"{orphans} labels without an attempt");
        // A run or import killed after its manifest but before its first attempt looks finished to every other command.
        using (var cmd = Command("SELECT COUNT(*) FROM attempts"))
            if (manifest is not null && Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                problems.Add("the store holds no attempts (the run or import stopped before storing any; rerun it)");
        problems.AddRange(CutAnswers());
        return problems;
    }

    /// <summary>
    /// The answer is always taken from the raw output (a trimmed slice of it), so an answer that is not inside its raw
    /// output was cut on the way in: stores written before text was bound exactly lost everything after a NUL.
    /// </summary>
    private IEnumerable<string> CutAnswers()
    {
        var cut = new List<AttemptKey>();
        using (var cmd = Command("SELECT model, probe_id, language, sample, raw_output, response FROM attempts"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                if (!r.GetString(4).Contains(r.GetString(5), StringComparison.Ordinal))
                    cut.Add(ReadKey(r, 0));
        if (cut.Count > 0)
            yield return $"{cut.Count} answers are not inside their raw output (cut when stored?), first {cut[0]}; rerun them into a new run folder";
    }

    // manifest.json is the copy people and other tools read; the store's meta row is the one in force.
    private IEnumerable<string> ManifestFileProblems(RunManifest stored)
    {
        var path = Path.Combine(Directory, ManifestFileName);
        if (!File.Exists(path)) { yield return $"{ManifestFileName} is missing (rerun the run command to rewrite it)"; yield break; }
        RunManifest? file;
        try { file = ManifestJson.Deserialize(File.ReadAllText(path)); }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            file = null;
        }
        if (file is null) yield return $"{ManifestFileName} is not a readable manifest";
        else if (file.RunId != stored.RunId) yield return $"{ManifestFileName} belongs to run '{file.RunId}', the store to '{stored.RunId}'";
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Caps the database at its current size, so tests can reproduce a full disk with SQLite's own SQLITE_FULL.</summary>
    internal void SimulateFullDisk() => Execute(_connection, $"PRAGMA max_page_count = {PageCount().ToString(CultureInfo.InvariantCulture)};");

    private long PageCount()
    {
        using var cmd = Command("PRAGMA page_count");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A stored probability object such as <c>{"Complete":0.9,"Denial":0.1}</c>, read with a JSON reader straight into
    /// <see cref="LabelProbabilities{TLabel}"/>: a million-attempt report reads two million of these, and a dictionary
    /// deserialised for each took half of the time it spent reading the store.
    /// </summary>
    private static LabelProbabilities<T> Probabilities<T>(string json) where T : struct, Enum
    {
        var probabilities = new List<KeyValuePair<T, double>>(4);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object of probabilities");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var label = Label<T>(reader.GetString()!);
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number) throw new JsonException($"the probability of {label} is not a number");
            probabilities.Add(KeyValuePair.Create(label, reader.GetDouble()));
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("the object of probabilities does not end where it should");
        return LabelProbabilities<T>.From(probabilities);
    }

    // Enum.Parse would also take "99" or "-1" and return a value no label has; the store only ever writes names.
    private static T Label<T>(string text) where T : struct, Enum =>
        LabelNames<T>.ByName.TryGetValue(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}");

    /// <summary>Each label of an enum by its exact name, the only form the store writes.</summary>
    private static class LabelNames<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> Strings(string json, StringPool pool) =>
        json == "[]" ? [] : [.. (JsonSerializer.Deserialize<List<string>>(json) ?? []).Select(pool.Of)];

    private static AttemptKey ReadKey(SqliteDataReader r, int first, StringPool? pool = null) => pool is null
        ? new(r.GetString(first), r.GetString(first + 1), r.GetString(first + 2), r.GetInt32(first + 3))
        : new(pool.Of(r.GetString(first)), pool.Of(r.GetString(first + 1)), pool.Of(r.GetString(first + 2)), r.GetInt32(first + 3));

    private static void AddKey(SqliteCommand cmd, AttemptKey key)
    {
        cmd.Parameters.AddWithValue("$model", key.Model);
        cmd.Parameters.AddWithValue("$probe", key.ProbeId);
        cmd.Parameters.AddWithValue("$language", key.Language);
        cmd.Parameters.AddWithValue("$sample", key.Sample);
    }

    private string? GetMeta(string key, SqliteTransaction? tx = null)
    {
        using var cmd = Command("SELECT value FROM meta WHERE key = $k", tx);
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value, SqliteTransaction? tx = null)
    {
        using var cmd = Command("INSERT INTO meta VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }
}
