using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Testing;

namespace Rag.Storage.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AppendAsync_Sequential_NumbersFromOneWithoutGaps()
    {
        await using var log = CreateLog();

        var records = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            records.Add(await log.AppendAsync(Event("q" + i)));
        }

        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(records.Select(r => r.Sequence), await ReadAllSequencesAsync(log));
        Assert.EndsWith(SqliteAuditLog.FileName, log.DatabasePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_Concurrent_GapFreeAndUnique()
    {
        await using var log = CreateLog();

        var records = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => log.AppendAsync(Event("q" + i)))));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), records.Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task AppendAsync_TwoLogsOnOneFile_GapFreeAndUnique()
    {
        await using var first = CreateLog();
        await using var second = CreateLog();

        var records = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).AppendAsync(Event("q" + i)))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), records.Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task AppendAsync_AfterReopen_ContinuesSequenceAndKeepsRecords()
    {
        await using (var log = CreateLog())
        {
            await log.AppendAsync(Event("first"));
            await log.AppendAsync(Event("second"));
        }

        await using var reopened = CreateLog();
        var third = await reopened.AppendAsync(Event("third"));

        Assert.Equal(3, third.Sequence);
        var all = await ReadAllAsync(reopened);
        Assert.Equal(["first", "second", "third"], all.Select(r => r.Event.Detail));
    }

    [Fact]
    public async Task AppendAsync_Event_IsStoredWithEveryField()
    {
        var time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero).AddTicks(1234);
        await using var log = CreateLog(new FixedTimeProvider(time));
        var auditEvent = new AuditEvent(AuditActions.DocumentIndexed, "system", ["ops", "Ärzte"], ["doc-1", "chunk-2"], "ok", null);

        var appended = await log.AppendAsync(auditEvent);

        var stored = Assert.Single(await ReadAllAsync(log));
        Assert.Equal(new AuditRecord(1, time, auditEvent), appended);
        Assert.Equal(1, stored.Sequence);
        Assert.Equal(time, stored.Time);
        Assert.Equal(TimeSpan.Zero, stored.Time.Offset);
        Assert.Equal(auditEvent.Action, stored.Event.Action);
        Assert.Equal(auditEvent.ActorId, stored.Event.ActorId);
        Assert.Equal(auditEvent.ActorGroups, stored.Event.ActorGroups);
        Assert.Equal(auditEvent.Targets, stored.Event.Targets);
        Assert.Equal(auditEvent.Outcome, stored.Event.Outcome);
        Assert.Null(stored.Event.Detail);
    }

    [Fact]
    public async Task ReadAsync_FromSequence_ReturnsTheTailOldestFirst()
    {
        await using var log = CreateLog();
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

    [Fact]
    public async Task AppendAsync_ReadOnlyDatabase_ThrowsAndWritesNothing()
    {
        await using (var log = CreateLog())
        {
            await log.AppendAsync(Event("before"));
        }

        // Tests may run as root, for whom file permissions do not stop writes; SQLite's read-only open mode is what
        // it falls back to on a write-protected file, so open the file that way.
        var readOnly = new SqliteConnectionStringBuilder { DataSource = AuditPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using (var log = new SqliteAuditLog(readOnly, NullLogger.Instance, TimeProvider.System))
        {
            await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(Event("refused")));
        }

        await using var check = CreateLog();
        Assert.Equal([1L], await ReadAllSequencesAsync(check));
    }

    [Fact]
    public async Task AppendAsync_DataDirectoryIsAFile_Throws()
    {
        var blocked = _temp.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocked, "x");
        await using var log = new SqliteAuditLog(Options.Create(new StorageOptions { DataDirectory = blocked }), NullLogger<SqliteAuditLog>.Instance, TimeProvider.System);

        await Assert.ThrowsAnyAsync<IOException>(() => log.AppendAsync(Event("refused")));
    }

    public void Dispose() => _temp.Dispose();

    private string AuditPath => _temp.Combine(SqliteAuditLog.FileName);

    private static AuditEvent Event(string detail) =>
        new(AuditActions.QuestionAsked, "alice", ["staff"], ["chunk-1"], "answered", detail);

    private static async Task<List<AuditRecord>> ReadAllAsync(SqliteAuditLog log)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in log.ReadAsync())
        {
            records.Add(record);
        }

        return records;
    }

    private static async Task<List<long>> ReadAllSequencesAsync(SqliteAuditLog log) =>
        (await ReadAllAsync(log)).Select(r => r.Sequence).ToList();

    private SqliteAuditLog CreateLog(TimeProvider? time = null) =>
        new(Options.Create(new StorageOptions { DataDirectory = _temp.Path }), NullLogger<SqliteAuditLog>.Instance, time ?? TimeProvider.System);
}
