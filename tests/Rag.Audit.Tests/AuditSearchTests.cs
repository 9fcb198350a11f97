using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Rag.Core.Audit;
using Rag.Testing;
using static Rag.Audit.Tests.AuditTestLogs;

namespace Rag.Audit.Tests;

/// <summary>
/// <see cref="IAuditSearch"/> over a real audit.db: 120 records one minute apart, alternating users alice/bob, every
/// third a <c>question.asked</c> (the rest <c>answer.given</c>), every fifth denied, every seventh targeting <c>doc-7</c>,
/// and a correlation id per group of three.
/// </summary>
public sealed class AuditSearchTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<AuditRecord> _records = [];
    private SqliteAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        _log = Create(_temp.Path, time: _clock);
        for (var i = 0; i < 120; i++)
        {
            var user = i % 2 == 0 ? "alice" : "bob";
            var action = i % 3 == 0 ? AuditActions.QuestionAsked : AuditActions.AnswerGiven;
            var auditEvent = new AuditEvent(action, new AuditActor(user, user, ["staff"], []), i % 7 == 0 ? ["doc-7", "chunk-" + i] : ["chunk-" + i], i % 5 == 0 ? AuditOutcomes.Denied : AuditOutcomes.Ok)
            {
                CorrelationId = "corr-" + (i / 3),
                Detail = "{\"i\":" + i + "}",
            };
            _records.Add(await _log.AppendAsync(auditEvent));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public async Task DisposeAsync() => await _log.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CountAsync_Filters_CountsExactlyTheMatchingRecords()
    {
        var from = Start.AddMinutes(10);
        var to = Start.AddMinutes(70);

        Assert.Equal(120, await _log.CountAsync(new AuditQuery()));
        Assert.Equal(60, await _log.CountAsync(new AuditQuery { From = from, To = to })); // minutes 10..69: from inclusive, to exclusive
        Assert.Equal(_records.Count(r => r.Event.Actor.Id == "bob" && r.Event.Outcome == AuditOutcomes.Denied), await _log.CountAsync(new AuditQuery { UserId = "bob", Outcome = AuditOutcomes.Denied }));
        Assert.Equal(18, await _log.CountAsync(new AuditQuery { Target = "doc-7" }));
        Assert.Equal(
            _records.Count(r => r.Event.Action == AuditActions.QuestionAsked && r.Time >= from && r.Time < to && r.Event.Targets.Contains("doc-7")),
            await _log.CountAsync(new AuditQuery { Action = AuditActions.QuestionAsked, From = from, To = to, Target = "doc-7" }));
        Assert.Equal(99, await _log.CountAsync(new AuditQuery { Before = 100 }));
    }

    [Fact]
    public async Task SliceAsync_Offsets_ReturnThePagesInOrderWithoutGapsOrRepeats()
    {
        var query = new AuditQuery { UserId = "alice", PageSize = 25 };
        var expected = _records.Where(r => r.Event.Actor.Id == "alice").Select(r => r.Sequence).Reverse().ToList();

        var pages = new List<long>();
        for (var skip = 0; skip < 60; skip += 25)
        {
            pages.AddRange((await _log.SliceAsync(query, skip, oldestFirst: false)).Select(r => r.Sequence));
        }

        Assert.Equal(expected, pages);
        Assert.Equal(expected.AsEnumerable().Reverse().Take(25), (await _log.SliceAsync(query, 0, oldestFirst: true)).Select(r => r.Sequence));
        Assert.Equal([expected[^1]], (await _log.SliceAsync(query, 59, oldestFirst: false)).Select(r => r.Sequence)); // the last row alone
        Assert.Empty(await _log.SliceAsync(query, 60, oldestFirst: false));
    }

    [Fact]
    public async Task SliceAsync_BoundedByBefore_StableWhileRecordsAreAppended()
    {
        var query = new AuditQuery { Before = 121, PageSize = 10 };
        var first = await _log.SliceAsync(query, 10, oldestFirst: false);

        await _log.AppendAsync(Event("late"));
        var again = await _log.SliceAsync(query, 10, oldestFirst: false);

        Assert.Equal(first.Select(r => r.Sequence), again.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(101, 10).Select(i => (long)i).Reverse(), again.Select(r => r.Sequence));
        Assert.Equal(120, await _log.CountAsync(query));
    }

    [Fact]
    public async Task SliceAsync_BadRange_Refused()
    {

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _log.SliceAsync(new AuditQuery(), -1, oldestFirst: false));
        await Assert.ThrowsAsync<ArgumentException>(() => _log.SliceAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize + 1 }, 0, oldestFirst: false));
    }

    [Fact]
    public async Task CorrelatedAsync_OneQuestion_ItsRecordsOldestFirst()
    {

        var records = await _log.CorrelatedAsync("corr-7");

        Assert.Equal([22L, 23, 24], records.Select(r => r.Sequence));
        Assert.Equal(AuditActions.QuestionAsked, records[0].Event.Action);
        Assert.Empty(await _log.CorrelatedAsync("corr-none"));
    }

    [Fact]
    public async Task CorrelatedAsync_WriterOpened_UsesTheCorrelationIndex()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _log.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT seq FROM audit_events WHERE correlation_id = 'corr-7' ORDER BY seq;";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("audit_events_correlation", StringComparison.Ordinal));
    }
}
