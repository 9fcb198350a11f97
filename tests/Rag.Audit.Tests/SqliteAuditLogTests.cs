using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;
using Rag.Testing;
using static Rag.Audit.Tests.AuditTestLogs;
using Microsoft.Extensions.Time.Testing;
using Rag.Storage;

namespace Rag.Audit.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AppendAsync_Sequential_NumbersFromOneWithoutGaps()
    {
        await using var log = Create(_temp.Path);

        var records = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            records.Add(await log.AppendAsync(Event("q" + i)));
        }

        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(records.Select(r => r.Sequence), (await ReadAllAsync(log)).Select(r => r.Sequence));
        Assert.EndsWith(SqliteAuditLog.FileName, log.DatabasePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_Concurrent_GapFreeUniqueAndChained()
    {
        await using var log = Create(_temp.Path);

        var records = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => log.AppendAsync(Event("q" + i)))));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), records.Select(r => r.Sequence).Order());
        AssertChained(await ReadAllAsync(log));
    }

    [Fact]
    public async Task AppendAsync_TwoLogsOnOneFile_GapFreeUniqueAndChained()
    {
        await using var first = Create(_temp.Path);
        await using var second = Create(_temp.Path);

        var records = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync(Event("q" + i)))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), records.Select(r => r.Sequence).Order());
        AssertChained(await ReadAllAsync(first));
    }

    [Fact]
    public async Task AppendAsync_FirstAppendWhileAnotherLogWritesACheckpoint_WaitsForTheFile()
    {
        // Another log (here: the lock an append of another process holds) is writing the checkpoint file while this
        // log opens and reads the file's last checkpoint: the read waits for the lock instead of failing the append.
        await using var log = Create(_temp.Path);
        Task<AuditRecord> append;
        await using (new FileStream(log.Checkpoints.Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            append = Task.Run(() => log.AppendAsync(Event("while locked")));
            await Task.Delay(300);
            Assert.False(append.IsCompleted, append.Exception?.ToString());
        }

        Assert.Equal(1, (await append).Sequence);
        Assert.Equal(1, log.Checkpoints.ReadLast()?.Sequence);
    }

    [Fact]
    public async Task Checkpoints_ReadWhileAnAppendHoldsTheFile_WaitForIt()
    {
        await using var log = Create(_temp.Path);
        await log.AppendAsync(Event("first")); // the first record is signed at once
        Task<IReadOnlyList<string>> lines;
        Task<AuditCheckpoint?> last;
        await using (new FileStream(log.Checkpoints.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            lines = log.Checkpoints.ReadLinesAsync();
            last = Task.Run(log.Checkpoints.ReadLast);
            await Task.Delay(300);
            Assert.False(lines.IsCompleted, lines.Exception?.ToString());
            Assert.False(last.IsCompleted, last.Exception?.ToString());
        }

        Assert.Single(await lines);
        Assert.Equal(1, (await last)?.Sequence);
    }

    [Fact]
    public async Task AppendAsync_AfterReopen_ContinuesSequenceAndChain()
    {
        await using (var log = Create(_temp.Path))
        {
            await log.AppendAsync(Event("first"));
            await log.AppendAsync(Event("second"));
        }

        await using var reopened = Create(_temp.Path);
        var third = await reopened.AppendAsync(Event("third"));

        Assert.Equal(3, third.Sequence);
        var all = await ReadAllAsync(reopened);
        Assert.Equal(["first", "second", "third"], all.Select(r => r.Event.Detail));
        AssertChained(all);
    }

    [Fact]
    public async Task AppendAsync_Event_IsStoredWithEveryFieldAndItsHash()
    {
        var time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero).AddTicks(1234);
        await using var log = Create(_temp.Path, time: new FakeTimeProvider(time));
        var auditEvent = new AuditEvent(AuditActions.DocumentIndexed, new AuditActor("u-1", "Ärztin Ö", ["ops", "Ärzte"], ["admin"]), ["doc-1", "chunk-2"], AuditOutcomes.Ok)
        {
            Detail = "{\"x\":1}",
            CorrelationId = "corr",
            ClientAddress = "192.0.2.1",
            ModelId = "use-lite",
            ModelVersion = "v4",
        };

        var appended = await log.AppendAsync(auditEvent);

        var stored = Assert.Single(await ReadAllAsync(log));
        Assert.Equal(1, stored.Sequence);
        Assert.Equal(time, stored.Time);
        Assert.Equal(TimeSpan.Zero, stored.Time.Offset);
        Assert.Equal(AuditChain.GenesisHash, stored.PreviousHash);
        Assert.Equal(appended.Hash, stored.Hash);
        Assert.Equal(AuditChain.ComputeHash(AuditChain.GenesisHash, 1, time, auditEvent), stored.Hash);
        Assert.Equal(auditEvent.Action, stored.Event.Action);
        Assert.Equal(auditEvent.Actor.Id, stored.Event.Actor.Id);
        Assert.Equal(auditEvent.Actor.DisplayName, stored.Event.Actor.DisplayName);
        Assert.Equal(auditEvent.Actor.Groups, stored.Event.Actor.Groups);
        Assert.Equal(auditEvent.Actor.Roles, stored.Event.Actor.Roles);
        Assert.Equal(auditEvent.Targets, stored.Event.Targets);
        Assert.Equal(auditEvent.Outcome, stored.Event.Outcome);
        Assert.Equal(auditEvent.Detail, stored.Event.Detail);
        Assert.Equal(auditEvent.CorrelationId, stored.Event.CorrelationId);
        Assert.Equal(auditEvent.ClientAddress, stored.Event.ClientAddress);
        Assert.Equal(auditEvent.ModelId, stored.Event.ModelId);
        Assert.Equal(auditEvent.ModelVersion, stored.Event.ModelVersion);
    }

    [Fact]
    public async Task AppendAsync_Batch_IsAtomic()
    {
        await using var log = Create(_temp.Path);
        await log.AppendAsync(Event("before"));
        var invalid = Event("bad") with { Outcome = null! };

        await Assert.ThrowsAsync<ArgumentNullException>(() => log.AppendAsync([Event("ok"), invalid]));
        var batch = await log.AppendAsync([Event("a"), Event("b")]);

        Assert.Equal([2L, 3], batch.Select(r => r.Sequence));
        Assert.Equal(["before", "a", "b"], (await ReadAllAsync(log)).Select(r => r.Event.Detail));
    }

    [Fact]
    public async Task ReadAsync_FromSequence_ReturnsTheTailOldestFirst()
    {
        await using var log = Create(_temp.Path);
        for (var i = 1; i <= 6; i++)
        {
            await log.AppendAsync(Event("q" + i));
        }

        var tail = new List<long>();
        await foreach (var record in log.ReadAsync(4))
        {
            tail.Add(record.Sequence);
        }

        Assert.Equal([4L, 5, 6], tail);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET detail = 'forged' WHERE seq = 1;")]
    [InlineData("DELETE FROM audit_events WHERE seq = 1;")]
    [InlineData("UPDATE audit_targets SET target = 'x' WHERE seq = 1;")]
    [InlineData("DELETE FROM audit_targets WHERE seq = 1;")]
    public async Task Store_UpdateOrDeleteInSql_IsRefusedByTheAppendOnlyGuard(string sql)
    {
        await using (var log = Create(_temp.Path))
        {
            await log.AppendAsync(Event("kept"));
        }

        await using var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_ReadOnlyDatabase_ThrowsAndWritesNothing()
    {
        await using (var log = Create(_temp.Path))
        {
            await log.AppendAsync(Event("before"));
        }

        // Tests may run as root, for whom file permissions do not stop writes; SQLite's read-only open mode is what
        // it falls back to on a write-protected file, so open the file that way.
        var readOnly = new SqliteConnectionStringBuilder { DataSource = AuditPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var options = Options.Create(new AuditOptions());
        var keys = new AuditKeyProvider(options, Options.Create(new StorageOptions { DataDirectory = _temp.Path }), NullLogger<AuditKeyProvider>.Instance);
        await using (var log = new SqliteAuditLog(readOnly, _temp.Combine("checkpoints.jsonl"), options, keys, NullLogger.Instance, TimeProvider.System))
        {
            await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(Event("refused")));
        }

        await using var check = Create(_temp.Path);
        Assert.Equal([1L], (await ReadAllAsync(check)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task AppendAsync_DataDirectoryIsAFile_Throws()
    {
        var blocked = _temp.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocked, "x");
        await using var log = Create(blocked);

        await Assert.ThrowsAnyAsync<IOException>(() => log.AppendAsync(Event("refused")));
    }

    [Fact]
    public async Task AppendAsync_ConfiguredKeyFileMissing_RefusesWithTheKeyName()
    {
        var missing = _temp.Combine("keys", "nope.pem");
        await using var log = Create(_temp.Path, new AuditOptions { SigningKeyFile = missing });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Event("refused")));

        Assert.Contains("Rag:Audit:SigningKeyFile", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(AuditPath) && (await ReadAllAsync(log)).Count > 0);
    }

    [Fact]
    public async Task Checkpoints_EveryNRecordsAndAtClose_AreSignedAndLinked()
    {
        string checkpointPath;
        await using (var log = Create(_temp.Path, new AuditOptions { CheckpointEveryRecords = 3, CheckpointInterval = TimeSpan.FromDays(1) }))
        {
            checkpointPath = log.Checkpoints.Path;
            for (var i = 0; i < 7; i++)
            {
                await log.AppendAsync(Event("q" + i));
            }
        }

        var lines = await File.ReadAllLinesAsync(checkpointPath);
        var checkpoints = lines.Select(l => AuditCheckpointLine.TryParse(l, out _)!).ToList();
        using var key = AuditKey.FromPem(await File.ReadAllTextAsync(_temp.Combine(AuditKeyProvider.DefaultPublicKeyFileName)));

        // The first append of a process checkpoints (no checkpoint yet), then every 3 records, then at close.
        Assert.Equal([1L, 4, 7], checkpoints.Select(c => c.Sequence));
        Assert.Equal([1L, 2, 3], checkpoints.Select(c => c.Number));
        Assert.All(checkpoints, c => Assert.True(key.Verify(c.Payload, c.Signature)));
        Assert.Equal(AuditChain.GenesisHash, checkpoints[0].PreviousCheckpointHash);
        Assert.Equal(checkpoints[0].PayloadHash, checkpoints[1].PreviousCheckpointHash);
        Assert.Equal(checkpoints[1].PayloadHash, checkpoints[2].PreviousCheckpointHash);
    }

    [Fact]
    public async Task Checkpoints_IntervalElapsed_WritesACheckpoint()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var log = Create(_temp.Path, new AuditOptions { CheckpointEveryRecords = 1000, CheckpointInterval = TimeSpan.FromMinutes(5) }, clock);
        await log.AppendAsync(Event("first"));
        await log.AppendAsync(Event("second"));

        // The fake clock fires the interval timer, which signs the idle record 2 at 00:05 ...
        clock.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (log.Checkpoints.ReadLast()?.Sequence != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // ... and 6 minutes later (the timer's 00:10 tick found nothing to sign) the next append is due itself.
        clock.Advance(TimeSpan.FromMinutes(6));
        await log.AppendAsync(Event("third"));

        var lines = await File.ReadAllLinesAsync(log.Checkpoints.Path);
        Assert.Equal([1L, 2, 3], lines.Select(l => AuditCheckpointLine.TryParse(l, out _)!.Sequence));
    }

    [Fact]
    public async Task Checkpoints_RecordsLeftIdle_AreSignedByTheIntervalTimer()
    {
        await using var log = Create(_temp.Path, new AuditOptions { CheckpointEveryRecords = 1000, CheckpointInterval = TimeSpan.FromSeconds(1) });
        await log.AppendAsync(Event("first")); // the first record of a log without checkpoints is signed at once
        await log.AppendAsync(Event("second")); // not due: well within the interval and far from 1000 records

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (log.Checkpoints.ReadLast()?.Sequence != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, log.Checkpoints.ReadLast()?.Sequence);
    }

    [Fact]
    public async Task Query_Filters_MatchOnlyTheirRecordsNewestFirstAndPage()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var log = Create(_temp.Path, time: clock);
        for (var i = 1; i <= 12; i++)
        {
            clock.SetUtcNow(clock.GetUtcNow().AddHours(1));
            await log.AppendAsync(Event("q" + i, i % 3 == 0 ? AuditActions.DocumentIndexed : AuditActions.QuestionAsked, i % 2 == 0 ? "bob" : "alice", "doc-" + (i % 4)));
        }

        var bob = await log.QueryAsync(new AuditQuery { UserId = "bob" });
        var indexed = await log.QueryAsync(new AuditQuery { Action = AuditActions.DocumentIndexed });
        var doc1 = await log.QueryAsync(new AuditQuery { Target = "doc-1" });
        var window = await log.QueryAsync(new AuditQuery { From = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero) });
        var none = await log.QueryAsync(new AuditQuery { Outcome = AuditOutcomes.Denied });
        var page1 = await log.QueryAsync(new AuditQuery { PageSize = 5 });
        var page2 = await log.QueryAsync(new AuditQuery { PageSize = 5, Before = page1.NextBefore });
        var page3 = await log.QueryAsync(new AuditQuery { PageSize = 5, Before = page2.NextBefore });

        Assert.Equal([12L, 10, 8, 6, 4, 2], bob.Records.Select(r => r.Sequence));
        Assert.Equal([12L, 9, 6, 3], indexed.Records.Select(r => r.Sequence));
        Assert.Equal([9L, 5, 1], doc1.Records.Select(r => r.Sequence));
        Assert.Equal([5L, 4, 3], window.Records.Select(r => r.Sequence));
        Assert.Empty(none.Records);
        Assert.Equal([12L, 11, 10, 9, 8], page1.Records.Select(r => r.Sequence));
        Assert.Equal([7L, 6, 5, 4, 3], page2.Records.Select(r => r.Sequence));
        Assert.Equal([2L, 1], page3.Records.Select(r => r.Sequence));
        Assert.Null(page3.NextBefore);
        await Assert.ThrowsAsync<ArgumentException>(() => log.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize + 1 }));
    }

    [Fact]
    public async Task Purge_OldPrefix_LeavesASignedMarkerAndTheChainContinues()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new AuditOptions { RetentionPeriod = TimeSpan.FromDays(400) };
        await using var log = Create(_temp.Path, options, clock);
        for (var i = 1; i <= 5; i++)
        {
            clock.SetUtcNow(clock.GetUtcNow().AddDays(30));
            await log.AppendAsync(Event("q" + i));
        }

        clock.SetUtcNow(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero)); // cutoff 2024-02-04: records 1 (Jan 31) is older
        var result = await log.PurgeAsync(AuditActor.FromId("officer"));
        var after = await log.AppendAsync(Event("after"));

        Assert.Equal(1, result.Purged);
        Assert.Equal(1, result.ThroughSequence);
        var marker = await log.GetPurgeMarkerAsync();
        Assert.NotNull(marker);
        using var key = AuditKey.FromPem(await File.ReadAllTextAsync(_temp.Combine(AuditKeyProvider.DefaultPublicKeyFileName)));
        Assert.True(key.Verify(marker.Payload, marker.Signature));
        var remaining = await ReadAllAsync(log);
        Assert.Equal([2L, 3, 4, 5, 6, 7], remaining.Select(r => r.Sequence));
        Assert.Equal(marker.HeadHash, remaining[0].PreviousHash);
        Assert.Equal(AuditActions.AuditPurged, remaining[^2].Event.Action);
        Assert.Equal(7, after.Sequence);
        AssertChained(remaining);
    }

    [Fact]
    public async Task Purge_LegalHold_RemovesNothingAndRecordsTheRefusal()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var log = Create(_temp.Path, new AuditOptions { LegalHold = true }, clock);
        await log.AppendAsync(Event("old"));
        clock.SetUtcNow(clock.GetUtcNow().AddYears(5));

        var result = await log.PurgeAsync(AuditActor.FromId("officer"));

        Assert.True(result.LegalHold);
        Assert.Equal(0, result.Purged);
        var all = await ReadAllAsync(log);
        Assert.Equal([1L, 2], all.Select(r => r.Sequence));
        Assert.Equal(AuditOutcomes.Denied, all[1].Event.Outcome);
        Assert.Null(await log.GetPurgeMarkerAsync());
    }

    [Fact]
    public async Task Open_SchemaVersion1_ChainsTheOldRecordsInOrder()
    {
        await using (var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                """
                CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, action TEXT NOT NULL, actor_id TEXT NOT NULL,
                    actor_groups TEXT NOT NULL, targets TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT);
                INSERT INTO audit_events VALUES (1, '2025-01-02T03:04:05.0000000+00:00', 'question.asked', 'alice', '["staff"]', '["c1"]', 'answered', 'old one');
                INSERT INTO audit_events VALUES (2, '2025-01-02T03:04:06.0000000+00:00', 'document.indexed', 'system', '[]', '["d1"]', 'ok', NULL);
                PRAGMA user_version = 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var log = Create(_temp.Path);
        await log.AppendAsync(Event("new"));

        var all = await ReadAllAsync(log);
        Assert.Equal(["old one", null, "new"], all.Select(r => r.Event.Detail));
        Assert.Equal("alice", all[0].Event.Actor.DisplayName);
        AssertChained(all);
    }

    [Theory]
    [InlineData("DROP TRIGGER audit_targets_no_delete; DELETE FROM audit_targets WHERE seq = 3 AND target = 'doc-3';")]
    [InlineData("INSERT INTO audit_targets (target, seq) VALUES ('doc-9', 3);")]
    public async Task CheckTargetIndex_RowsHiddenOrAdded_NamesTheRecord(string sql)
    {
        await using var log = Create(_temp.Path);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(Event("q" + i, targets: ["doc-" + i, "chunk-" + i]));
        }

        Assert.Null(await log.CheckTargetIndexAsync());
        Assert.Single((await log.QueryAsync(new AuditQuery { Target = "doc-3" })).Records);
        await using (var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        var damage = await log.CheckTargetIndexAsync();

        Assert.NotNull(damage);
        Assert.Equal(Rag.Audit.Verification.AuditDamageKind.IndexDamaged, damage.Kind);
        Assert.Equal(3, damage.FirstBadSequence);
    }

    public void Dispose() => _temp.Dispose();

    private string AuditPath => _temp.Combine(SqliteAuditLog.FileName);

    private static void AssertChained(List<AuditRecord> records)
    {
        var ordered = records.OrderBy(r => r.Sequence).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            Assert.True(AuditChain.IsSelfConsistent(ordered[i]), $"record {ordered[i].Sequence} does not match its hash");
            if (i > 0)
            {
                Assert.Equal(ordered[i - 1].Hash, ordered[i].PreviousHash);
            }
        }
    }
}
