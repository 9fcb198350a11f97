using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;

namespace Rag.Audit.Tests.Verification;

public sealed class AuditVerifierTests : IDisposable
{
    private readonly AuditKey _key = AuditKey.Generate();

    [Fact]
    public async Task VerifyAsync_EmptyLogWithoutCheckpoints_IsIntact()
    {
        var report = await AuditVerifier.VerifyAsync(new InMemoryChainSourceFake(), [], _key);

        Assert.True(report.Intact);
        Assert.Equal(0, report.RecordsChecked);
        Assert.Null(report.LastSequence);
        Assert.Equal(0, report.StartedAfterSequence);
        Assert.Equal(0, report.CheckpointsChecked);
        Assert.Equal(0, report.UncoveredRecords);
    }

    [Fact]
    public async Task VerifyAsync_EveryRecordGoneButCheckpointsRemain_ReportsTruncatedFromTheFirst()
    {
        var source = InMemoryChainSourceFake.WithRecords(10);
        var lines = source.CheckpointLines(_key, 5, 10);
        source.Records.Clear();

        var report = await AuditVerifier.VerifyAsync(source, lines, _key);

        var damage = Assert.Single(report.Damage);
        Assert.Equal(AuditDamageKind.Truncated, damage.Kind);
        Assert.Equal(1, damage.FirstBadSequence);
        Assert.Null(damage.Checkpoint);
        Assert.Contains("before the first checkpoint", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_IntactChain_CountsCheckedMatchedAndUncovered()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);

        var report = await AuditVerifier.VerifyAsync(source, source.CheckpointLines(_key, 5, 10, 15), _key);

        Assert.True(report.Intact);
        Assert.Equal(20, report.RecordsChecked);
        Assert.Equal(20, report.LastSequence);
        Assert.Equal(3, report.CheckpointsChecked);
        Assert.Equal(3, report.CheckpointsMatched);
        Assert.Equal(5, report.UncoveredRecords);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 5)]
    [InlineData(10, 5)]
    [InlineData(12, 10)]
    [InlineData(99, 15)]
    public async Task VerifyAsync_FromSequence_StartsAtTheLastCheckpointBeforeIt(long from, long start)
    {
        var source = InMemoryChainSourceFake.WithRecords(20);

        var report = await AuditVerifier.VerifyAsync(source, source.CheckpointLines(_key, 5, 10, 15), _key, from);

        Assert.True(report.Intact);
        Assert.Equal(start, report.StartedAfterSequence);
        Assert.Equal(20 - start, report.RecordsChecked);
        Assert.Equal(5, report.UncoveredRecords);
    }

    [Fact]
    public async Task VerifyAsync_FromSequence_LooksOnlyAfterTheStartingCheckpoint()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10, 15);
        source.Replace(3, source.At(3) with { Event = source.At(3).Event with { Detail = "forged" } });
        source.Replace(13, source.At(13) with { Event = source.At(13).Event with { Detail = "forged" } });

        var fromTwelve = await AuditVerifier.VerifyAsync(source, lines, _key, 12);
        var fromStart = await AuditVerifier.VerifyAsync(source, lines, _key);

        Assert.Equal((AuditDamageKind.Modified, 13L), (Assert.Single(fromTwelve.Damage).Kind, Assert.Single(fromTwelve.Damage).FirstBadSequence!.Value));
        Assert.Equal((AuditDamageKind.Modified, 3L), (Assert.Single(fromStart.Damage).Kind, Assert.Single(fromStart.Damage).FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_InsertedRightAfterTheStartingCheckpoint_NamesIt()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10, 15);
        source.InsertWellFormed(11, InMemoryChainSourceFake.Event(99));

        var report = await AuditVerifier.VerifyAsync(source, lines, _key, 12);

        Assert.Equal(10, report.StartedAfterSequence);
        var damage = Assert.Single(report.Damage);
        Assert.Equal((AuditDamageKind.Inserted, 11L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_SignedPurgeMarker_AnchorsTheChainAfterIt()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10, 15);
        source.PurgeMarker = AuditPurgeMarker.Create(8, source.At(8).Hash, InMemoryChainSourceFake.Start.AddDays(400), InMemoryChainSourceFake.Start, _key);
        source.Records.RemoveAll(r => r.Sequence <= 8);

        var report = await AuditVerifier.VerifyAsync(source, lines, _key);

        Assert.True(report.Intact);
        Assert.Equal(8, report.StartedAfterSequence);
        Assert.Equal(12, report.RecordsChecked);
        Assert.Equal(2, report.CheckpointsMatched);
    }

    [Fact]
    public async Task VerifyAsync_PurgeMarkerSignedByAnotherKey_ReportsBadPurgeMarker()
    {
        using var attacker = AuditKey.Generate();
        var source = InMemoryChainSourceFake.WithRecords(20);
        source.PurgeMarker = AuditPurgeMarker.Create(8, source.At(8).Hash, InMemoryChainSourceFake.Start.AddDays(400), InMemoryChainSourceFake.Start, attacker);
        source.Records.RemoveAll(r => r.Sequence <= 8);

        var report = await AuditVerifier.VerifyAsync(source, [], _key);

        var damage = Assert.Single(report.Damage);
        Assert.Equal((AuditDamageKind.BadPurgeMarker, 9L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_FirstRecordDoesNotLinkToThePurgeMarker_NamesIt()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        source.PurgeMarker = AuditPurgeMarker.Create(8, source.At(7).Hash, InMemoryChainSourceFake.Start.AddDays(400), InMemoryChainSourceFake.Start, _key);
        source.Records.RemoveAll(r => r.Sequence <= 8);

        var report = await AuditVerifier.VerifyAsync(source, [], _key);

        var damage = Assert.Single(report.Damage);
        Assert.Equal((AuditDamageKind.Modified, 9L), (damage.Kind, damage.FirstBadSequence!.Value));
        Assert.Contains("the purge marker", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_WellFormedRecordInsertedFirst_NamesItAsInserted()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10);
        source.InsertWellFormed(1, InMemoryChainSourceFake.Event(99));

        var damage = Assert.Single((await AuditVerifier.VerifyAsync(source, lines, _key)).Damage);

        Assert.Equal((AuditDamageKind.Inserted, 1L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_WellFormedRecordInsertedAtACheckpointsPosition_NamesItAsInsertedNotRewritten()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10);
        source.InsertWellFormed(10, InMemoryChainSourceFake.Event(99));

        var damage = Assert.Single((await AuditVerifier.VerifyAsync(source, lines, _key)).Damage);

        Assert.Equal((AuditDamageKind.Inserted, 10L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_RecordAtACheckpointModifiedWithItsHashRecomputed_NamesItAsModified()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10);
        var record = source.At(10);
        var forged = record.Event with { Detail = "forged" };
        source.Replace(10, record with { Event = forged, Hash = AuditChain.ComputeHash(record.PreviousHash, 10, record.Time, forged) });

        var damage = Assert.Single((await AuditVerifier.VerifyAsync(source, lines, _key)).Damage);

        Assert.Equal((AuditDamageKind.Modified, 10L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_CopyOfThePreviousRecordInserted_NamesTheCopy()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var copy = source.At(6) with { Sequence = 7 };
        source.Renumber(7, 1);
        source.Records.Add(copy);

        var damage = Assert.Single((await AuditVerifier.VerifyAsync(source, [], _key)).Damage);

        Assert.Equal((AuditDamageKind.Inserted, 7L), (damage.Kind, damage.FirstBadSequence!.Value));
    }

    [Fact]
    public async Task VerifyAsync_ChainRewrittenAfterACheckpoint_NamesTheIntervalUpToTheNextCheckpoint()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10, 15);
        var rewritten = InMemoryChainSourceFake.WithRecords(6);
        for (var i = 6; i < 20; i++)
        {
            rewritten.Append(InMemoryChainSourceFake.Event(i == 7 ? 99 : i));
        }

        var damage = Assert.Single((await AuditVerifier.VerifyAsync(rewritten, lines, _key)).Damage);

        Assert.Equal(AuditDamageKind.Rewritten, damage.Kind);
        Assert.Null(damage.FirstBadSequence);
        Assert.Equal((2L, 6L, 10L), (damage.Checkpoint!.Value, damage.IntervalFrom!.Value, damage.IntervalTo!.Value));
    }

    [Fact]
    public async Task VerifyAsync_RecordAndCheckpointFileBothDamaged_ReportsBoth()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        var lines = source.CheckpointLines(_key, 5, 10, 15);
        lines.RemoveAt(1);
        source.Records.RemoveAll(r => r.Sequence == 12);

        var report = await AuditVerifier.VerifyAsync(source, lines, _key);

        Assert.Equal(
            new (AuditDamageKind, long?)[] { (AuditDamageKind.CheckpointFileDamaged, null), (AuditDamageKind.Deleted, 12) },
            report.Damage.Select(d => (d.Kind, d.FirstBadSequence)));
        Assert.Equal(3, report.Damage[0].Checkpoint);
    }

    [Fact]
    public async Task VerifyAsync_Cancelled_Throws()
    {
        var source = InMemoryChainSourceFake.WithRecords(20);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AuditVerifier.VerifyAsync(source, [], _key, cancellationToken: cancellation.Token));
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
