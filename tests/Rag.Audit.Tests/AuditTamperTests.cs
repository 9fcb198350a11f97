using System.Globalization;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Audit;
using Rag.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Rag.Audit.Tests;

/// <summary>
/// Damages copies of one real 10,300-record log the way an attacker with file access can (triggers dropped, raw SQL,
/// hashes recomputed without the key) and checks that verification names the kind and the exact first bad record,
/// or the checkpoint interval when only that can be known; and that intact logs raise no alarm.
/// </summary>
public sealed class AuditTamperTests(TamperFixture log) : IClassFixture<TamperFixture>, IDisposable
{
    private const int Seed = 20261123;
    private const long Count = TamperFixture.Count;

    private readonly TempDirectory _temp = new();
    private int _copies;

    [Fact]
    public async Task Verify_IntactLog_FindsNothingAndMatchesEveryCheckpoint()
    {
        var report = await VerifyAsync(NewCopy());

        Assert.Empty(report.Damage);
        Assert.True(report.Intact);
        Assert.Equal(Count, report.RecordsChecked);
        Assert.Equal(Count, report.LastSequence);
        Assert.Equal(0, report.StartedAfterSequence);
        Assert.Equal(log.Checkpoints.Count, report.CheckpointsChecked);
        Assert.Equal(log.Checkpoints.Count, report.CheckpointsMatched);
        Assert.Equal(0, report.UncoveredRecords);
        Assert.Equal([250L, 1250, 2250, 3250, 4250, 5250, 6250, 7250, 8250, 9250, 10250, 10300], log.Checkpoints.Select(c => c.Sequence));
    }

    [Fact]
    public async Task Verify_FromSequence_StartsAtTheCheckpointBeforeItAndFindsNothing()
    {
        var directory = NewCopy();
        var found = new List<string>();
        var expected = new List<string>();
        foreach (var from in Positions(salt: 1, count: 5, edges: [1, 250, 251, 1250, 1251, Count]))
        {
            var start = log.LastCheckpointBefore(from)?.Sequence ?? 0;
            var report = await VerifyAsync(directory, from);
            expected.Add($"{from}: intact after {start}, {Count - start} checked");
            found.Add($"{from}: {(report.Intact ? "intact" : Describe(report))} after {report.StartedAfterSequence}, {report.RecordsChecked} checked");
        }

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Verify_FromSequenceBeforeADamagedRecord_NamesIt()
    {
        await AssertFindingsAsync(
            Positions(salt: 2, count: 4, edges: [251, 1250, Count]),
            (tamper, p) => tamper.SetColumn(p, "detail", "forged"),
            p => Show(AuditDamageKind.Modified, p),
            p => p - 1);
    }

    [Fact]
    public async Task Verify_AfterALegitimatePurge_FindsNothing()
    {
        var directory = NewCopy();

        // Batches are 10 minutes apart; with a 1-day retention this cutoff falls on batch 10 (records 2501..2750).
        var clock = new FakeTimeProvider(TamperFixture.Start + TimeSpan.FromDays(1) + (10 * TamperFixture.BatchSpacing));
        AuditPurgeResult result;
        await using (var purging = AuditTestLogs.Create(directory, TamperFixture.Options(), clock))
        {
            result = await purging.PurgeAsync(AuditActor.FromId("officer"));
        }

        var report = await VerifyAsync(directory);

        Assert.Equal(2500, result.ThroughSequence);
        Assert.True(report.Intact, Describe(report));
        Assert.Equal(2500, report.StartedAfterSequence);
        Assert.Equal(Count - 2500 + 1, report.RecordsChecked);
        Assert.Equal(Count + 1, report.LastSequence);
        Assert.Equal(0, report.UncoveredRecords);
    }

    [Fact]
    public async Task Verify_AfterReopeningAndAppendingMore_FindsNothing()
    {
        var directory = NewCopy();
        var clock = new FakeTimeProvider(TamperFixture.Start + TimeSpan.FromDays(3));
        await using (var reopened = AuditTestLogs.Create(directory, TamperFixture.Options(), clock))
        {
            foreach (var size in new[] { 700, 1, 333 })
            {
                await reopened.AppendAsync(Enumerable.Range(20_000, size).Select(TamperFixture.EventFor).ToList());
                clock.Advance(TimeSpan.FromMinutes(1));
            }
        }

        var report = await VerifyAsync(directory);

        Assert.True(report.Intact, Describe(report));
        Assert.Equal(Count + 1034, report.RecordsChecked);
        Assert.True(report.CheckpointsMatched > log.Checkpoints.Count);
        Assert.Equal(report.CheckpointsChecked, report.CheckpointsMatched);
        Assert.Equal(0, report.UncoveredRecords);
    }

    [Fact]
    public async Task Verify_RecordModifiedInPlace_NamesItAsModified()
    {
        (string Column, Func<AuditRecord, object?> Value)[] changes =
        [
            ("detail", _ => "{\"question\":\"forged\"}"),
            ("actor_name", _ => "Mallory"),
            ("actor_groups", _ => "[\"staff\",\"admins\"]"),
            ("targets", r => r.Event.Targets.Count == 0 ? "[\"doc-1\"]" : "[]"),
            ("time_utc", r => AuditChain.FormatTime(r.Time.AddTicks(1))),
            ("outcome", _ => "forged"),
            ("correlation_id", _ => "corr-forged"),
            ("prev_hash", _ => new string('a', 64)),
            ("hash", _ => new string('b', 64)),
            ("actor_roles", _ => "not json"),
        ];
        var i = 0;

        await AssertFindingsAsync(
            Positions(salt: 3, count: 6, edges: [1, 250, 1249, 1250, 1251, 10250, Count - 1, Count]),
            (tamper, p) =>
            {
                var (column, value) = changes[i++ % changes.Length];
                tamper.SetColumn(p, column, value(tamper.Read(p)));
            },
            p => Show(AuditDamageKind.Modified, p));
    }

    [Fact]
    public async Task Verify_RecordModifiedWithItsHashRecomputed_NamesItOrTheLastInterval()
    {
        await AssertFindingsAsync(
            Positions(salt: 4, count: 6, edges: [1, 250, 1249, 1250, 1251, 10250, Count - 1, Count]),
            (tamper, p) =>
            {
                var record = tamper.Read(p);
                var changed = record.Event with { Detail = "{\"question\":\"forged\"}" };
                tamper.Replace([record with { Event = changed, Hash = AuditChain.ComputeHash(record.PreviousHash, p, record.Time, changed) }]);
            },

            // Nothing comes after the last record to show the break: only the signed checkpoint on it does.
            p => p == Count
                ? Show(AuditDamageKind.Rewritten, null, checkpoint: 12, from: 10251, to: Count)
                : Show(AuditDamageKind.Modified, p));
    }

    [Fact]
    public async Task Verify_RecordDeleted_NamesTheGap()
    {
        await AssertFindingsAsync(
            Positions(salt: 5, count: 6, edges: [1, 250, 1249, 1250, 1251, 10250, Count - 1, Count]),
            (tamper, p) => tamper.Delete(p, p),
            p => p == Count ? Show(AuditDamageKind.Truncated, Count, checkpoint: 11) : Show(AuditDamageKind.Deleted, p));
    }

    [Fact]
    public async Task Verify_RunOfRecordsDeleted_NamesItsFirstRecord()
    {
        await AssertFindingsAsync(
            Positions(salt: 6, count: 6, maximum: Count - 64, edges: [1, 250, 1245, 10250, Count - 64]),
            (tamper, p) => tamper.Delete(p, p + 2 + (p % 62)),
            p => Show(AuditDamageKind.Deleted, p));
    }

    [Fact]
    public async Task Verify_RecordsDeletedAndTheRestRenumbered_NamesTheFirstMissing()
    {
        static long RunLength(long p) => p == 1251 ? AuditVerifier.Window : 1 + (p % 64);

        await AssertFindingsAsync(
            Positions(salt: 7, count: 6, maximum: Count - 64, edges: [1, 250, 1249, 1250, 1251, 10250, Count - 64]),
            (tamper, p) =>
            {
                var n = RunLength(p);
                tamper.Delete(p, p + n - 1);
                tamper.Renumber(p + n, -n);
            },
            p => Show(AuditDamageKind.Deleted, p));
    }

    [Fact]
    public async Task Verify_WellFormedRecordInserted_NamesIt()
    {
        await AssertFindingsAsync(
            Positions(salt: 8, count: 6, edges: [1, 2, 250, 251, 1250, 10250, Count]),
            (tamper, p) => InsertWellFormed(tamper, p, 1),
            p => Show(AuditDamageKind.Inserted, p));
    }

    [Fact]
    public async Task Verify_RunOfWellFormedRecordsInserted_NamesTheFirst()
    {
        await AssertFindingsAsync(
            Positions(salt: 9, count: 6, edges: [1, 248, 1249, 10250, Count - 1]),
            (tamper, p) => InsertWellFormed(tamper, p, 2 + (p % 4)),
            p => Show(AuditDamageKind.Inserted, p));
    }

    [Fact]
    public async Task Verify_GarbageRecordInserted_NamesIt()
    {
        await AssertFindingsAsync(
            Positions(salt: 10, count: 6, edges: [1, 250, 1250, 1251, Count]),
            (tamper, p) =>
            {
                tamper.Renumber(p, 1);
                tamper.Insert(new AuditRecord(p, TamperFixture.Start, TamperFixture.EventFor(60_000), new string('1', 64), new string('2', 64)));
            },
            p => Show(AuditDamageKind.Inserted, p));
    }

    [Fact]
    public async Task Verify_CopyOfAnotherRecordInserted_NamesTheCopy()
    {
        // Copies of an earlier record (replayed) and of a later one, up to 900 records away.
        static long Original(long p) => p % 2 == 0 && p > 1 ? Math.Max(1, p - 1 - (p % 900)) : p + 1 + (p % 900);

        await AssertFindingsAsync(
            Positions(salt: 11, count: 6, maximum: Count - 901, edges: [1, 2, 250, 1249, 1250, 1251, 9000]),
            (tamper, p) =>
            {
                var copy = tamper.Read(Original(p)) with { Sequence = p };
                tamper.Renumber(p, 1);
                tamper.Insert(copy);
            },
            p => Show(AuditDamageKind.Inserted, p));
    }

    [Fact]
    public async Task Verify_TwoRecordsSwapped_NamesTheFirstAsReordered()
    {
        // Adjacent at odd positions, up to a thousand records apart at even ones.
        static long Partner(long p) => p % 2 == 1 ? p + 1 : Math.Min(Count, p + 2 + (p % 999));

        await AssertFindingsAsync(
            Positions(salt: 12, count: 8, maximum: Count - 1, edges: [1, 2, 249, 250, 1249, 1250, 9301, 10250, Count - 1]),
            (tamper, p) => tamper.Swap(p, Partner(p)),
            p => Show(AuditDamageKind.Reordered, p));
    }

    [Fact]
    public async Task Verify_LogTruncated_NamesTheFirstMissingRecordAndTheCheckpoints()
    {
        var found = new List<string>();
        var expected = new List<string>();
        foreach (var p in Positions(salt: 13, count: 6, minimum: 0, maximum: Count - 1, edges: [0, 1, 249, 250, 1250, 1251, 10250, Count - 1]))
        {
            var directory = NewCopy();
            using (var tamper = AuditTamper.Open(directory))
            {
                tamper.Delete(p + 1, Count);
            }

            var report = await VerifyAsync(directory);
            var lastCovered = log.Checkpoints.LastOrDefault(c => c.Sequence <= p);
            var beyond = log.FirstCheckpointAtOrAfter(p + 1);
            expected.Add($"{p}: {Show(AuditDamageKind.Truncated, p + 1, lastCovered?.Number)} / checkpoint {beyond.Number} covers record {beyond.Sequence}");
            found.Add($"{p}: {Describe(report)} / {MessageMention(report, $"checkpoint {beyond.Number} covers record {beyond.Sequence}")}");
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Verify_LogTruncatedExactlyAtACheckpoint_SaysAfterWhichCheckpoint()
    {
        var directory = NewCopy();
        using (var tamper = AuditTamper.Open(directory))
        {
            tamper.Delete(3251, Count);
        }

        var damage = Assert.Single((await VerifyAsync(directory)).Damage);

        Assert.Equal(AuditDamageKind.Truncated, damage.Kind);
        Assert.Equal(3251, damage.FirstBadSequence);
        Assert.Equal(4, damage.Checkpoint);
        Assert.Contains("after checkpoint 4 (record 3250)", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChainRewrittenWithoutTheKey_NamesTheIntervalBetweenCheckpoints()
    {
        await AssertFindingsAsync(
            Positions(salt: 14, count: 5, edges: [1, 250, 251, 1250, 10251, Count]),
            (tamper, k) => tamper.RewriteFrom(k, e => e with { Detail = "rewritten", Outcome = AuditOutcomes.Ok }),
            k =>
            {
                var signed = log.FirstCheckpointAtOrAfter(k);
                return Show(AuditDamageKind.Rewritten, null, signed.Number, (log.LastCheckpointBefore(k)?.Sequence ?? 0) + 1, signed.Sequence);
            });
    }

    [Fact]
    public async Task Verify_CheckpointLineEditedWithoutTheKey_ReportsABadSignatureOnThatCheckpoint()
    {
        var found = new List<string>();
        var expected = new List<string>();
        foreach (var checkpoint in log.Checkpoints)
        {
            var directory = NewCopy();
            var edited = checkpoint.Number % 2 == 0
                ? checkpoint with { HeadHash = log[checkpoint.Sequence - 1].Hash }
                : checkpoint with { Sequence = checkpoint.Sequence + 1 };
            EditCheckpointFile(directory, lines => lines[(int)checkpoint.Number - 1] = AuditCheckpointLine.Format(edited));

            var report = await VerifyAsync(directory);
            expected.Add(Show(AuditDamageKind.BadCheckpointSignature, null, checkpoint.Number));
            found.Add(Describe(report));
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Verify_CheckpointLineRemoved_ReportsTheFileDamagedAtTheNextLine()
    {
        var found = new List<string>();
        var expected = new List<string>();
        foreach (var number in new long[] { 1, 2, 5, 10, 11 })
        {
            var directory = NewCopy();
            EditCheckpointFile(directory, lines => lines.RemoveAt((int)number - 1));

            var report = await VerifyAsync(directory);
            expected.Add(Show(AuditDamageKind.CheckpointFileDamaged, null, number + 1));
            found.Add(Describe(report));
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Verify_LastCheckpointLineRemoved_LeavesOnlyTheTailUncovered()
    {
        // Limit of the design: a dropped last line looks like a checkpoint not yet written (the WORM copy catches it).
        var directory = NewCopy();
        EditCheckpointFile(directory, lines => lines.RemoveAt(lines.Count - 1));

        var report = await VerifyAsync(directory);

        Assert.True(report.Intact, Describe(report));
        Assert.Equal(Count - 10250, report.UncoveredRecords);
    }

    [Fact]
    public async Task Verify_CheckpointFileGainsAGarbageLine_ReportsTheFileDamaged()
    {
        var directory = NewCopy();
        EditCheckpointFile(directory, lines => lines.Insert(3, "{\"n\":4,\"seq\":3250}"));

        var damage = Assert.Single((await VerifyAsync(directory)).Damage);

        Assert.Equal(AuditDamageKind.CheckpointFileDamaged, damage.Kind);
        Assert.Contains("Line 4", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithAnotherKey_ReportsABadSignatureOnTheFirstCheckpoint()
    {
        using var other = AuditKey.Generate();

        var report = await VerifyAsync(NewCopy(), key: other);

        var damage = Assert.Single(report.Damage);
        Assert.Equal(Show(AuditDamageKind.BadCheckpointSignature, null, 1), Show(damage));
        Assert.Contains(other.KeyId, damage.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.CheckpointsMatched);
    }

    [Fact]
    public async Task Verify_ForgedPurgeMarker_ReportsABadPurgeMarker()
    {
        using var attacker = AuditKey.Generate();
        var i = 0;

        await AssertFindingsAsync(
            Positions(salt: 15, count: 4, maximum: Count - 1, edges: [1, 250, 251, 1250, Count - 1]),
            (tamper, through) =>
            {
                var marker = AuditPurgeMarker.Create(through, log[through].Hash, TamperFixture.Start.AddDays(500), TamperFixture.Start.AddDays(100), attacker);
                var sameKeyId = marker with { KeyId = log.Checkpoints[0].KeyId, Signature = Convert.ToBase64String(new byte[64]) };
                tamper.ForgePurge(i++ % 2 == 0 ? marker : sameKeyId);
            },
            through => Show(AuditDamageKind.BadPurgeMarker, through + 1));
    }

    /// <inheritdoc />
    public void Dispose() => _temp.Dispose();

    private static async Task<AuditVerificationReport> VerifyAsync(string directory, long? fromSequence = null, AuditKey? key = null)
    {
        await using var audit = AuditTestLogs.Create(directory, TamperFixture.Options());
        using var publicKey = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(directory, AuditKeyProvider.DefaultPublicKeyFileName)));
        var lines = await File.ReadAllLinesAsync(audit.Checkpoints.Path);
        return await AuditVerifier.VerifyAsync(audit, lines, key ?? publicKey, fromSequence);
    }

    /// <summary>Inserts <paramref name="count"/> records at <paramref name="position"/>, each with a valid hash linked to the one before, and renumbers the rest.</summary>
    private static void InsertWellFormed(AuditTamper tamper, long position, long count)
    {
        var link = position == 1 ? AuditChain.GenesisHash : tamper.Read(position - 1).Hash;
        tamper.Renumber(position, count);
        for (var i = 0; i < count; i++)
        {
            var sequence = position + i;
            var forged = TamperFixture.EventFor(50_000 + i) with { Detail = "never happened" };
            var time = TamperFixture.Start.AddHours(1);
            var hash = AuditChain.ComputeHash(link, sequence, time, forged);
            tamper.Insert(new AuditRecord(sequence, time, forged, link, hash));
            link = hash;
        }
    }

    private static void EditCheckpointFile(string directory, Action<List<string>> edit)
    {
        var path = Path.Combine(directory, AuditCheckpointFile.DefaultFileName);
        var lines = File.ReadAllLines(path).ToList();
        edit(lines);
        File.WriteAllLines(path, lines);
    }

    private static List<long> Positions(int salt, int count, long[] edges, long minimum = 1, long maximum = Count)
    {
        var random = new Random(Seed + salt);
        var positions = edges.ToList();
        while (positions.Count < edges.Length + count)
        {
            var p = random.NextInt64(minimum, maximum + 1);
            if (!positions.Contains(p))
            {
                positions.Add(p);
            }
        }

        return positions;
    }

    private static string Show(AuditDamageKind kind, long? first, long? checkpoint = null, long? from = null, long? to = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind} first={first} checkpoint={checkpoint} interval={from}..{to}");

    private static string Show(AuditDamage damage) => Show(damage.Kind, damage.FirstBadSequence, damage.Checkpoint, damage.IntervalFrom, damage.IntervalTo);

    private static string Describe(AuditVerificationReport report) => report.Intact ? "intact" : string.Join(" + ", report.Damage.Select(Show));

    private static string MessageMention(AuditVerificationReport report, string text) =>
        report.Damage.Any(d => d.Message.Contains(text, StringComparison.Ordinal)) ? text : "message: " + string.Join(" + ", report.Damage.Select(d => d.Message));

    /// <summary>Damages a fresh copy per position, verifies it, and compares every finding at once (so a failure lists all positions that went wrong).</summary>
    private async Task AssertFindingsAsync(IEnumerable<long> positions, Action<AuditTamper, long> damage, Func<long, string> expected, Func<long, long>? fromSequence = null)
    {
        var found = new List<string>();
        var wanted = new List<string>();
        foreach (var p in positions)
        {
            var directory = NewCopy();
            using (var tamper = AuditTamper.Open(directory))
            {
                damage(tamper, p);
            }

            var report = await VerifyAsync(directory, fromSequence?.Invoke(p));
            wanted.Add($"{p}: {expected(p)}");
            found.Add($"{p}: {Describe(report)}");
            Directory.Delete(directory, recursive: true);
        }

        Assert.Equal(wanted, found);
    }

    private string NewCopy()
    {
        var directory = _temp.Combine((_copies++).ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        log.CopyTo(directory);
        return directory;
    }
}
