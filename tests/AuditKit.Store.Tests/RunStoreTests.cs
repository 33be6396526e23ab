using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using AuditKit.Store;
using AuditKit.TestSupport;

namespace AuditKit.Store.Tests;

public class RunStoreTests
{
    private static readonly RunManifest Manifest = new()
    {
        RunId = "r", Model = new ModelDescription { Name = "m", Backend = "test", Sha256 = "abc" }, Sampler = SamplerSettings.Default,
        Suites = [], Languages = ["en"], Samples = 1, ToolVersion = "t",
    };

    private static Attempt Sample(string probe, string? reasoning) => new()
    {
        Key = new AttemptKey("m", probe, "en", 0), Topic = "t", Kind = "fact", Prompt = "q <b>", Response = "=cmd|' /C calc'!A0",
        Reasoning = reasoning, RawOutput = "raw\u0000\u001b[31m =cmd|' /C calc'!A0", FinishReason = FinishReason.Length, CompletionTokens = 7, Seed = 9,
        CompletedAt = DateTimeOffset.Parse("2026-01-02T03:04:05Z"),
    };

    [Fact]
    public void SaveAttempt_ThenRead_RoundTripsEveryFieldIncludingNullVersusEmptyReasoning()
    {
        using var dir = new TempDirectory();
        using (var store = RunStore.Open(dir.Path, create: true))
        {
            store.InitializeOrVerify(Manifest);
            store.SaveAttempt(Sample("a", null));
            store.SaveAttempt(Sample("b", ""));
        }
        using var reopened = RunStore.Open(dir.Path, create: false);
        var attempts = reopened.ReadAttempts();
        Assert.Equal(Sample("a", null), attempts[0]);
        Assert.Equal(Sample("b", ""), attempts[1]);
        Assert.True(File.Exists(Path.Combine(dir.Path, RunStore.ManifestFileName)));
    }

    [Fact]
    public void ReadSnapshot_DeferTexts_HoldsLabelsWithoutTextsAndReadsTheTextsBackInOrder()
    {
        using var dir = new TempDirectory();
        using (var store = RunStore.Open(dir.Path, create: true))
        {
            store.InitializeOrVerify(Manifest);
            store.SaveAttempts([Sample("a", "trace"), Sample("b", null), Sample("c", "")]);
            var verdict = new Verdict(ComplianceLabel.Denial, new Dictionary<ComplianceLabel, double> { [ComplianceLabel.Denial] = 0.9, [ComplianceLabel.Complete] = 0.1 },
                NarrativeLabel.None, new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1 }, false);
            store.SaveClassification(new ClassifierInfo("c", "h", DateTimeOffset.UnixEpoch, new Dictionary<string, double>()),
                [.. new[] { "a", "b", "c" }.Select(p => (new AttemptKey("m", p, "en", 0), verdict, new AttemptSignals(null, ["f1"], ["f1"], [], [])))]);
        }
        using var reopened = RunStore.Open(dir.Path, create: false);
        var whole = reopened.ReadSnapshot();
        var deferred = reopened.ReadSnapshot(deferTexts: true);

        Assert.Null(whole.DeferredTexts);
        Assert.All(deferred.Attempts, a => Assert.True(a.Attempt is { Response: "", RawOutput: "", PromptAsSent: "", Reasoning: null }));
        Assert.Equal(whole.Attempts.Select(a => a.Attempt.Key), deferred.Attempts.Select(a => a.Attempt.Key));
        Assert.Equal(0.9, deferred.Attempts[0].Verdict!.ComplianceProbabilities[ComplianceLabel.Denial]);
        var read = deferred.WithTexts().ToList();
        // The answer and reasoning come back; the raw output and templated prompt, which no pass over texts reads, stay in the store.
        Assert.Equal(whole.Attempts.Select(a => a.Attempt with { RawOutput = "", PromptAsSent = "" }), read.Select(a => a.Attempt));
        Assert.Equal(whole.Attempts.Select(a => a.Verdict!.Compliance), read.Select(a => a.Verdict!.Compliance));
        Assert.Equal(["f1"], read[2].Signals!.FactsInAnswer);
        // A snapshot narrowed to some attempts (compare's one model) reads only theirs.
        var narrowed = deferred with { Attempts = [deferred.Attempts[0], deferred.Attempts[2]] };
        Assert.Equal(["a", "c"], narrowed.WithTexts().Select(a => a.Attempt.Key.ProbeId));
        Assert.Equal("trace", narrowed.WithTexts().First().Attempt.Reasoning);
    }

    [Fact]
    public void SaveAttempt_LongAnswerWithANulInside_IsStoredWholeNotCutAtTheNul()
    {
        // A model can emit NUL (byte-fallback tokens); text past it must not vanish from the audit.
        var answer = "I cannot discuss that. " + new string('x', 600) + "\u0000" + "The facts: 1989, tanks, Tiananmen.";
        var attempt = Sample("nul", "think\u0000" + new string('r', 700)) with { Response = answer, RawOutput = answer, Prompt = new string('p', 600) + "\u0000q" };
        using var dir = new TempDirectory();
        using (var store = RunStore.Open(dir.Path, create: true))
        {
            store.InitializeOrVerify(Manifest);
            store.SaveAttempts([attempt]);
        }
        using var reopened = RunStore.Open(dir.Path, create: false);
        Assert.Equal(attempt, Assert.Single(reopened.ReadAttempts()));
        Assert.Empty(reopened.CheckIntegrity());
    }

    [Fact]
    public void SaveJudgeVerdict_LongReplyWithANulInside_IsStoredWhole()
    {
        var reply = new string('j', 700) + "\u0000COMPLIANCE: COMPLETE";
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        store.SaveJudgeVerdict("judge-7b", Sample("a", null).Key, new JudgeVerdict(null, null, reply, null), DateTimeOffset.UnixEpoch);
        Assert.Equal(reply, store.ReadSnapshot().Attempts[0].Judge!.Reply);
    }

    [Fact]
    public void CheckIntegrity_ManifestButNoAttempts_IsReportedAsAProblem()
    {
        // What a kill -9 between an import's manifest and its attempts leaves behind.
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        Assert.Contains(store.CheckIntegrity(), p => p.Contains("no attempts", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckIntegrity_AnswerMissingFromTheRawOutput_IsReportedAsCut()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("cut", "trace") with { RawOutput = "<think>trace", Response = "the answer" });
        Assert.Contains(store.CheckIntegrity(), p => p.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public void SaveClassification_ThenSnapshot_AttachesVerdictsAndSignals()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        var verdict = new Verdict(ComplianceLabel.Denial, new Dictionary<ComplianceLabel, double> { [ComplianceLabel.Denial] = 0.9, [ComplianceLabel.Complete] = 0.1 },
            NarrativeLabel.None, new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1 }, false);
        var signals = new AttemptSignals(true, ["f1", "f2"], [], ["f2"], ["m1"]);
        store.SaveClassification(new ClassifierInfo("c", "sha", DateTimeOffset.UnixEpoch, new Dictionary<string, double>()), [(Sample("a", null).Key, verdict, signals)]);

        var snapshot = store.ReadSnapshot();
        var only = Assert.Single(snapshot.Attempts);
        Assert.Equal(ComplianceLabel.Denial, only.Verdict!.Compliance);
        Assert.Equal(0.9, only.Verdict.ComplianceProbabilities[ComplianceLabel.Denial]);
        Assert.Equal(["f2"], only.Signals!.FactsOnlyInReasoning);
        Assert.Null(only.Judge);
        Assert.Equal("c", snapshot.Classifier!.Id);
        Assert.Null(snapshot.Classifier.Judge);
        Assert.Empty(store.CheckIntegrity());
    }

    [Fact]
    public void SaveJudgeVerdict_ThenReclassify_KeepsTheJudgeWhichIsAboutTheAnswersNotTheClassifier()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        store.SaveAttempt(Sample("b", null));
        var verdict = new Verdict(ComplianceLabel.Evasive, new Dictionary<ComplianceLabel, double> { [ComplianceLabel.Evasive] = 1 },
            NarrativeLabel.Aligned, new Dictionary<NarrativeLabel, double> { [NarrativeLabel.Aligned] = 1 }, false);
        var signals = new AttemptSignals(null, [], [], [], []);
        var info = new ClassifierInfo("c", "sha", DateTimeOffset.UnixEpoch, new Dictionary<string, double>());
        store.SaveClassification(info, [(Sample("a", null).Key, verdict, signals), (Sample("b", null).Key, verdict, signals)]);
        store.SaveJudgeVerdict("judge-7b", Sample("a", null).Key, new JudgeVerdict(ComplianceLabel.Evasive, NarrativeLabel.Critical, "COMPLIANCE: EVASIVE\nNARRATIVE: CRITICAL", null), DateTimeOffset.UnixEpoch);
        store.SaveJudgeVerdict("judge-7b", Sample("b", null).Key, new JudgeVerdict(null, null, "<script>", "HTTP 500"), DateTimeOffset.UnixEpoch);
        var agreement = new JudgeAgreement("judge-7b", "http://127.0.0.1:9/v1", 2, 1, 1, 1.0, 1.0, 1, 0.0, 0.0);
        store.SaveJudgeAgreement("judge-7b", agreement);

        var snapshot = store.ReadSnapshot();
        Assert.Equal(agreement, snapshot.Classifier!.Judge);
        Assert.Equal(new JudgeVerdict(ComplianceLabel.Evasive, NarrativeLabel.Critical, "COMPLIANCE: EVASIVE\nNARRATIVE: CRITICAL", null), snapshot.Attempts[0].Judge);
        Assert.Equal(new JudgeVerdict(null, null, "<script>", "HTTP 500"), snapshot.Attempts[1].Judge);
        Assert.Equal(2, store.JudgeVerdicts("judge-7b").Count);

        store.SaveClassification(info with { Id = "c2" }, [(Sample("a", null).Key, verdict, signals)]);
        var after = store.ReadSnapshot();
        Assert.NotNull(after.Attempts[0].Judge);
        Assert.Null(after.Attempts[1].Verdict);
        Assert.Equal("c2", after.Classifier!.Id);
    }

    [Fact]
    public void ReplaceHumanLabels_TwoReviewersThenAReimport_KeepsEachReviewersLatestLabelsOnly()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        store.SaveAttempt(Sample("b", null));
        var a = Sample("a", null).Key;
        var b = Sample("b", null).Key;
        store.ReplaceHumanLabels("ana", [(a, new HumanLabel("ana", ComplianceLabel.Denial, null, "canned refusal")), (b, new HumanLabel("ana", ComplianceLabel.Complete, NarrativeLabel.Critical, null))], DateTimeOffset.UnixEpoch);
        store.ReplaceHumanLabels("ben", [(a, new HumanLabel("ben", ComplianceLabel.Evasive, NarrativeLabel.Aligned, null))], DateTimeOffset.UnixEpoch);
        store.ReplaceHumanLabels("ana", [(b, new HumanLabel("ana", ComplianceLabel.Evasive, null, null))], DateTimeOffset.UnixEpoch);

        var attempts = store.ReadSnapshot().Attempts;
        Assert.Equal([new HumanLabel("ben", ComplianceLabel.Evasive, NarrativeLabel.Aligned, null)], attempts[0].HumanLabels);
        Assert.Equal([new HumanLabel("ana", ComplianceLabel.Evasive, null, null)], attempts[1].HumanLabels);
    }

    [Fact]
    public void SaveProbes_ThenSnapshot_GivesEveryProbeBackWithFactsAndMarkers()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        var probe = new AuditKit.Core.Suites.Probe("tiananmen-fact-01", "tiananmen", AuditKit.Core.Suites.ProbeKind.Fact,
            new Dictionary<string, string> { ["en"] = "What happened?", ["zh-Hans"] = "发生了什么？" },
            [new AuditKit.Core.Suites.ExpectedFact("date", "June 4, 1989", new AuditKit.Core.Suites.LocalizedPatterns(new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["june\\s+4"] }))],
            [new AuditKit.Core.Suites.NarrativeMarker("turmoil", "People's Daily", new AuditKit.Core.Suites.LocalizedPatterns(new Dictionary<string, IReadOnlyList<string>> { ["zh-Hans"] = ["动乱"] }))]);
        store.SaveProbes([probe]);

        var stored = Assert.Single(store.ReadSnapshot().Probes).Value;
        Assert.Equal(probe.Id, stored.Id);
        Assert.Equal(probe.Kind, stored.Kind);
        Assert.Equal(probe.Text, stored.Text);
        Assert.Equal("june\\s+4", Assert.Single(stored.Facts).Patterns.For("en")[0]);
        Assert.Equal("动乱", Assert.Single(stored.Markers).Patterns.For("zh-Hans")[0]);
    }

    [Fact]
    public void Open_SchemaTwoStoreWithVerdictsAndJudgements_MigratesThemToScoredLabels()
    {
        using var dir = new TempDirectory();
        Sql(dir, """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE attempts (
              model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              topic TEXT NOT NULL, kind TEXT NOT NULL, prompt TEXT NOT NULL, prompt_as_sent TEXT NOT NULL,
              raw_output TEXT NOT NULL, reasoning TEXT, response TEXT NOT NULL,
              prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, duration_ms REAL NOT NULL,
              finish_reason TEXT NOT NULL, error TEXT, seed INTEGER NOT NULL, completed_at TEXT NOT NULL,
              PRIMARY KEY (model, probe_id, language, sample));
            CREATE TABLE verdicts (model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              compliance TEXT NOT NULL, compliance_probabilities TEXT NOT NULL, narrative TEXT NOT NULL, narrative_probabilities TEXT NOT NULL, truncated INTEGER NOT NULL,
              PRIMARY KEY (model, probe_id, language, sample));
            CREATE TABLE signals (model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              thought_suppressed INTEGER, facts_expected TEXT NOT NULL, facts_in_answer TEXT NOT NULL, facts_only_in_reasoning TEXT NOT NULL, markers_found TEXT NOT NULL,
              PRIMARY KEY (model, probe_id, language, sample));
            CREATE TABLE judgements (model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
              compliance TEXT, narrative TEXT, reply TEXT NOT NULL, error TEXT, PRIMARY KEY (model, probe_id, language, sample));
            INSERT INTO meta VALUES ('schema_version', '2');
            INSERT INTO meta VALUES ('classifier', '{"id":"ngram-v1","sha256":"h","classified_at":"2026-01-01T00:00:00+00:00","evaluation":{},"judge":{"judge_model":"qwen3-32b","endpoint":"","judged":1,"unreadable":0,"compliance_n":1,"compliance_agreement":1,"compliance_kappa":1,"narrative_n":1,"narrative_agreement":1,"narrative_kappa":1}}');
            INSERT INTO attempts VALUES ('m','p','en',0,'t','fact','q','q','a',NULL,'a',1,1,1,'Stop',NULL,1,'2026-01-01T00:00:00+00:00');
            INSERT INTO verdicts VALUES ('m','p','en',0,'Denial','{"Denial":0.8,"Complete":0.2}','None','{"None":1}',0);
            INSERT INTO judgements VALUES ('m','p','en',0,'Evasive','Aligned','COMPLIANCE: EVASIVE',NULL);
            """);
        string manifest = AuditKit.Core.Runs.ManifestJson.Serialize(Manifest);
        Sql(dir, $"INSERT INTO meta VALUES ('manifest', '{manifest.Replace("'", "''")}')");

        using var store = RunStore.Open(dir.Path, create: false);
        var only = Assert.Single(store.ReadSnapshot().Attempts);
        Assert.Equal(ComplianceLabel.Denial, only.Verdict!.Compliance);
        Assert.Equal(0.8, only.Verdict.ComplianceProbabilities[ComplianceLabel.Denial]);
        Assert.Equal(ComplianceLabel.Evasive, only.Judge!.Compliance);
        Assert.Single(store.JudgeVerdicts("qwen3-32b"));
        Assert.Null(only.Attempt.Moderation);
    }

    [Fact]
    public void Open_VersionOneStore_MigratesAndKeepsItsAttempts()
    {
        using var dir = new TempDirectory();
        using (var store = RunStore.Open(dir.Path, create: true))
        {
            store.InitializeOrVerify(Manifest);
            store.SaveAttempt(Sample("a", null));
        }
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir.Path, RunStore.DatabaseFileName)};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                DROP TABLE labels; DROP TABLE probes; ALTER TABLE attempts DROP COLUMN moderation;
                CREATE TABLE verdicts (model TEXT NOT NULL, probe_id TEXT NOT NULL, language TEXT NOT NULL, sample INTEGER NOT NULL,
                  compliance TEXT NOT NULL, compliance_probabilities TEXT NOT NULL, narrative TEXT NOT NULL, narrative_probabilities TEXT NOT NULL,
                  truncated INTEGER NOT NULL, PRIMARY KEY (model, probe_id, language, sample));
                UPDATE meta SET value = '1' WHERE key = 'schema_version';
                """;
            cmd.ExecuteNonQuery();
        }

        using var reopened = RunStore.Open(dir.Path, create: false);
        Assert.Single(reopened.ReadSnapshot().Attempts);
        Assert.Empty(reopened.CheckIntegrity());
    }

    private static void Sql(TempDirectory dir, string sql)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir.Path, RunStore.DatabaseFileName)};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static TempDirectory ClassifiedRun()
    {
        var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        store.SaveClassification(new ClassifierInfo("c", "h", DateTimeOffset.UnixEpoch, new Dictionary<string, double>()),
            [(Sample("a", null).Key, new Verdict(ComplianceLabel.Denial, new Dictionary<ComplianceLabel, double>(), NarrativeLabel.None, new Dictionary<NarrativeLabel, double>(), false), AttemptSignals.None)]);
        return dir;
    }

    [Theory]
    [InlineData("UPDATE meta SET value = '{not json' WHERE key = 'manifest'", "meta 'manifest' is damaged")]
    [InlineData("UPDATE meta SET value = 'null' WHERE key = 'manifest'", "meta 'manifest' is damaged")]
    [InlineData("UPDATE meta SET value = '[1]' WHERE key = 'classifier'", "meta 'classifier' is damaged")]
    [InlineData("UPDATE attempts SET finish_reason = 'Bogus'", "table 'attempts' is damaged")]
    [InlineData("UPDATE attempts SET completed_at = 'yesterday'", "table 'attempts' is damaged")]
    [InlineData("UPDATE labels SET compliance = 'MAYBE'", "table 'labels' is damaged")]
    [InlineData("UPDATE labels SET compliance = '99'", "table 'labels' is damaged")]   // Enum.Parse would take a number
    [InlineData("UPDATE attempts SET finish_reason = '-1'", "table 'attempts' is damaged")]
    public void ReadSnapshot_DamagedStoredValue_OneErrorNamingTheStoreAndTable(string damage, string expected)
    {
        using var dir = ClassifiedRun();
        Sql(dir, damage);
        var e = Assert.Throws<StoreFormatException>(() =>
        {
            using var store = RunStore.Open(dir.Path, create: false);
            store.ReadSnapshot();
        });
        Assert.Contains(Path.Combine(dir.Path, RunStore.DatabaseFileName), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Open_SchemaVersionNotANumber_IsReportedAsDamaged()
    {
        using var dir = ClassifiedRun();
        Sql(dir, "UPDATE meta SET value = 'two' WHERE key = 'schema_version'");
        var e = Assert.Throws<StoreFormatException>(() => RunStore.Open(dir.Path, create: false));
        Assert.Contains("meta 'schema_version' is damaged", e.Message);
    }

    [Fact]
    public void Open_ExistingRunWithATableDropped_IsRefusedInsteadOfRecreatingItEmpty()
    {
        using var dir = ClassifiedRun();
        Sql(dir, "DROP TABLE attempts");
        var e = Assert.Throws<StoreFormatException>(() => RunStore.Open(dir.Path, create: false));
        Assert.Contains("table 'attempts' is missing", e.Message);
        Sql(dir, "SELECT 1"); // the file is still a database
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir.Path, RunStore.DatabaseFileName)};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'attempts'";
        Assert.Equal(0L, cmd.ExecuteScalar()); // and it was not recreated behind the user's back
    }

    [Fact]
    public void Acquire_LockFileIsASymbolicLink_IsRefusedAndTheTargetUntouched()
    {
        using var dir = new TempDirectory();
        var precious = dir.File("precious.txt");
        File.WriteAllText(precious, "precious data");
        File.CreateSymbolicLink(Path.Combine(dir.Path, RunLock.FileName), precious);
        var e = Assert.Throws<StoreFormatException>(() => RunLock.Acquire(dir.Path));
        Assert.Contains("symbolic link", e.Message);
        Assert.Equal("precious data", File.ReadAllText(precious));
    }

    [Fact]
    public void WriteManifest_TempFileIsASymbolicLink_ReplacesTheLinkNotItsTarget()
    {
        using var dir = new TempDirectory();
        var precious = dir.File("precious.txt");
        File.WriteAllText(precious, "precious data");
        using var store = RunStore.Open(dir.Path, create: true);
        File.CreateSymbolicLink(Path.Combine(dir.Path, RunStore.ManifestFileName + ".tmp"), precious);
        store.InitializeOrVerify(Manifest);
        Assert.Equal("precious data", File.ReadAllText(precious));
        Assert.Contains("\"run_id\"", File.ReadAllText(Path.Combine(dir.Path, RunStore.ManifestFileName)));
    }

    [Fact]
    public void Open_NotARunFolder_ThrowsClearError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<StoreFormatException>(() => RunStore.Open(dir.Path, create: false));
        Assert.Contains("not a run folder", e.Message);
    }

    [Fact]
    public void Acquire_SecondLockOnSameFolder_IsRefused()
    {
        using var dir = new TempDirectory();
        using var first = RunLock.Acquire(dir.Path);
        var e = Assert.Throws<RunLockedException>(() => RunLock.Acquire(dir.Path));
        Assert.Contains("another auditkit process", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Open_FileLeftByAKillBeforeTheSchemaWasWritten_ResumesAsAnEmptyRun(bool walHeaderWritten)
    {
        // A SIGKILL during start-up leaves either an empty file or one with only the journal mode set.
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, RunStore.DatabaseFileName);
        if (walHeaderWritten)
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            cmd.ExecuteNonQuery();
        }
        else File.WriteAllBytes(db, []);

        // A reading command says the run never began; `run` (which opens with create) resumes it.
        var e = Assert.Throws<StoreFormatException>(() => RunStore.Open(dir.Path, create: false));
        Assert.Contains("the store is empty", e.Message);
        using var store = RunStore.Open(dir.Path, create: true);
        Assert.Empty(store.SucceededKeys());
        store.InitializeOrVerify(Manifest);
        store.SaveAttempt(Sample("a", null));
        Assert.Single(store.ReadAttempts());
    }
}

public class RunStoreFullDiskTests
{
    [Fact]
    public void SaveAttempt_DiskFull_ThrowsClearErrorAndKeepsEarlierAttempts()
    {
        using var dir = new TempDirectory();
        var manifest = new RunManifest
        {
            RunId = "r", Model = new ModelDescription { Name = "m", Backend = "test", Sha256 = "abc" }, Sampler = SamplerSettings.Default,
            Suites = [], Languages = ["en"], Samples = 1, ToolVersion = "t",
        };
        Attempt Make(string probe, int size) => new()
        {
            Key = new AttemptKey("m", probe, "en", 0), Topic = "t", Kind = "fact", Prompt = "q", Response = new string('x', size), RawOutput = new string('x', size), CompletedAt = DateTimeOffset.UnixEpoch,
        };
        using (var store = RunStore.Open(dir.Path, create: true))
        {
            store.InitializeOrVerify(manifest);
            store.SaveAttempt(Make("a", 10));
            store.SimulateFullDisk();
            var e = Assert.Throws<StoreWriteException>(() => store.SaveAttempt(Make("b", 1_000_000)));
            Assert.Contains("cannot store attempt m/b/en#0", e.Message);
            Assert.Contains("intact", e.Message);
        }
        using var reopened = RunStore.Open(dir.Path, create: false);
        Assert.Equal("a", Assert.Single(reopened.ReadAttempts()).Key.ProbeId);
        Assert.Empty(reopened.CheckIntegrity());
    }
}
