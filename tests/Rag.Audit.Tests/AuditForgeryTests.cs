using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Audit;
using Rag.Testing;
using static Rag.Audit.Tests.AuditTestLogs;
using Microsoft.Extensions.Time.Testing;
using Rag.Storage;

namespace Rag.Audit.Tests;

/// <summary>
/// Forgeries an attacker who can write the data directory but does not hold the signing key can build: a record appended
/// with plain SQL and a correctly computed hash, a rewritten chain behind a deleted checkpoint file, a replaced key.
/// </summary>
public sealed class AuditForgeryTests : IDisposable
{
    private static readonly AuditOptions Settings = new() { CheckpointEveryRecords = 1000, CheckpointInterval = TimeSpan.FromDays(1) };

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AppendAsync_RecordAppendedInSqlWithACorrectHash_IsRefusedAndTheRefusalRecorded()
    {
        await WriteAsync(3);
        var forged = Forge(4);

        await using var log = Create(_temp.Path, Settings);
        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => log.AppendAsync(Event("legitimate")));

        Assert.Contains("Record 4 is not vouched for", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2, 3, 4], (await ReadAllAsync(log)).Select(r => r.Sequence)); // nothing appended after the forgery
        Assert.Equal(forged.Hash, (await ReadAllAsync(log))[^1].Hash);
        var refusal = Assert.Single(await log.GetRefusalsAsync());
        Assert.Equal(4, refusal.FirstSequence);
        await log.DisposeAsync(); // closing signs nothing either
        Assert.Equal(3, log.Checkpoints.ReadLast()?.Sequence);
    }

    [Fact]
    public async Task CheckpointAsync_RecordAppendedInSqlWithACorrectHash_IsNeverSigned()
    {
        await WriteAsync(3);
        Forge(4);

        await using var log = Create(_temp.Path, Settings);

        await Assert.ThrowsAsync<AuditUnavailableException>(() => log.CheckpointAsync());
        Assert.Equal(3, log.Checkpoints.ReadLast()?.Sequence);
    }

    [Fact]
    public async Task AppendAsync_RecordAppendedInSqlWithAForgedMac_IsRefused()
    {
        await WriteAsync(3);
        using var attacker = AuditKey.Generate();
        using var attackerMac = AuditRecordMac.FromKey(attacker);
        Forge(4, attackerMac);

        await using var log = Create(_temp.Path, Settings);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => log.AppendAsync(Event("legitimate")));
        Assert.Contains("MAC that does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_UnsignedTailOfAnotherWriterWithTheKey_IsVouchedAndExtended()
    {
        await using var first = Create(_temp.Path, Settings);
        await using var second = Create(_temp.Path, Settings);
        await first.AppendAsync(Event("a1")); // signed at once (the first record of a log)
        await second.AppendAsync(Event("b1"));
        for (var i = 0; i < 5; i++)
        {
            await first.AppendAsync(Event("a" + i)); // after second's unsigned records
            await second.AppendAsync(Event("b" + i)); // after first's
        }

        var checkpoint = await first.CheckpointAsync();

        Assert.Equal(12, checkpoint?.Sequence);
        Assert.Empty(await first.GetRefusalsAsync());
        Assert.All(await ReadAllAsync(first), r => Assert.NotNull(r.Mac));
    }

    [Fact]
    public async Task Verify_RecordAppendedInSqlWithACorrectHash_NamesItAsUnvouched()
    {
        await WriteAsync(3);
        Forge(4);

        var withPrivateKey = await VerifyAsync(withMac: true);
        var withPublicKey = await VerifyAsync(withMac: false);

        Assert.Equal("Unvouched 4", Show(Assert.Single(withPrivateKey.Damage)));
        Assert.Equal("Unvouched 4", Show(Assert.Single(withPublicKey.Damage)));
    }

    [Fact]
    public async Task Verify_RecordRewrittenWithItsHashAndTheCheckpointFileDeleted_NamesTheMissingCheckpointsAndTheRecord()
    {
        await WriteAsync(5);
        using (var tamper = AuditTamper.Open(_temp.Path))
        {
            tamper.RewriteFrom(2, e => e with { Detail = "harmless" });
        }

        File.Delete(_temp.Combine(AuditCheckpointFile.DefaultFileName));

        var report = await VerifyAsync(withMac: true);

        Assert.Equal(["CheckpointsMissing ", "Unvouched 2"], report.Damage.Select(Show));
        Assert.Equal(0, report.CheckpointsChecked);
    }

    [Fact]
    public async Task Verify_CheckpointsDeletedFromFileAndDatabaseAfterARewrite_ReportsTheOverdueRecords()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await WriteAsync(5, clock);
        using (var tamper = AuditTamper.Open(_temp.Path))
        {
            // Rewritten with the hashes recomputed and the old MACs kept (only the private key shows they no longer match).
            var link = tamper.Read(1).Hash;
            var rewritten = new List<AuditRecord>();
            foreach (var record in tamper.ReadRange(2, 5))
            {
                var changed = record.Sequence == 2 ? record.Event with { Detail = "harmless" } : record.Event;
                var hash = AuditChain.ComputeHash(link, record.Sequence, record.Time, changed);
                rewritten.Add(new AuditRecord(record.Sequence, record.Time, changed, link, hash) { Mac = record.Mac });
                link = hash;
            }

            tamper.Replace(rewritten);
            tamper.Execute("DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;");
        }

        await File.WriteAllTextAsync(_temp.Combine(AuditCheckpointFile.DefaultFileName), string.Empty);

        var fresh = await VerifyAsync(withMac: false, now: clock.GetUtcNow().AddMinutes(1));
        var old = await VerifyAsync(withMac: false, now: clock.GetUtcNow().AddDays(3));

        var withPrivateKey = await VerifyAsync(withMac: true, now: clock.GetUtcNow().AddMinutes(1));

        Assert.True(fresh.Intact, string.Join(" + ", fresh.Damage.Select(d => d.Message))); // within twice the interval a checkpoint may still be on its way
        Assert.Equal("SignatureOverdue 1", Show(Assert.Single(old.Damage)));
        Assert.Equal("Unvouched 2", Show(Assert.Single(withPrivateKey.Damage)));
    }

    [Fact]
    public async Task Verify_MoreRecordsUnsignedThanTheRecordInterval_ReportsTheFirstOverdue()
    {
        await WriteAsync(5);
        using (var tamper = AuditTamper.Open(_temp.Path))
        {
            tamper.Execute("DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;");
        }

        File.Delete(_temp.Combine(AuditCheckpointFile.DefaultFileName));

        var report = await VerifyAsync(withMac: false, everyRecords: 3);

        Assert.Equal("SignatureOverdue 1", Show(Assert.Single(report.Damage)));
    }

    [Fact]
    public async Task Checkpoint_FileDeletedAfterCheckpointsWereSigned_IsNotStartedAfresh()
    {
        await WriteAsync(3);
        File.Delete(_temp.Combine(AuditCheckpointFile.DefaultFileName));

        await using var log = Create(_temp.Path, Settings);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.CheckpointAsync());

        Assert.Contains("recorded signing checkpoint 2", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(log.Checkpoints.Path) && new FileInfo(log.Checkpoints.Path).Length > 0);
    }

    [Fact]
    public async Task GetSigningKey_KeyReplacedWhileAFingerprintIsPinned_RefusesNamingTheSetting()
    {
        string pinned;
        await using (var log = Create(_temp.Path, Settings))
        {
            await log.AppendAsync(Event("first"));
            using var key = AuditKey.FromPem(await File.ReadAllTextAsync(_temp.Combine(AuditKeyProvider.DefaultPublicKeyFileName)));
            pinned = key.Fingerprint;
        }

        File.Delete(_temp.Combine(AuditKeyProvider.DefaultKeyFileName));
        using (var replacement = AuditKey.Generate())
        {
            AuditKeyProvider.WriteKeyPair(replacement, _temp.Combine(AuditKeyProvider.DefaultKeyFileName + ".new"));
            File.Move(_temp.Combine(AuditKeyProvider.DefaultKeyFileName + ".new"), _temp.Combine(AuditKeyProvider.DefaultKeyFileName));
        }

        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { TrustedKeyFingerprint = pinned.ToUpperInvariant() });
        using var provider = new AuditKeyProvider(options, Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _temp.Path }), NullLogger<AuditKeyProvider>.Instance);

        var error = Assert.Throws<InvalidOperationException>(provider.GetSigningKey);
        Assert.Contains("Rag:Audit:TrustedKeyFingerprint", error.Message, StringComparison.Ordinal);
        using var verifying = provider.GetVerificationKey();
        Assert.Equal(AuditKeyPinning.Mismatch, provider.DescribeTrust(verifying, null).Pinning);
    }

    public void Dispose() => _temp.Dispose();

    private static string Show(AuditDamage damage) => $"{damage.Kind} {damage.FirstBadSequence}";

    private async Task WriteAsync(int count, TimeProvider? time = null)
    {
        await using var log = Create(_temp.Path, Settings, time);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Event("q" + i));
        }
    }

    /// <summary>Appends record <paramref name="sequence"/> the way an attacker would: plain SQL, the hash computed as the docs describe, no key.</summary>
    private AuditRecord Forge(long sequence, AuditRecordMac? mac = null)
    {
        using var tamper = AuditTamper.Open(_temp.Path);
        var previous = tamper.Read(sequence - 1);
        var forgedEvent = Event("never happened", AuditActions.PermissionChanged, "mallory");
        var time = previous.Time.AddSeconds(1);
        var hash = AuditChain.ComputeHash(previous.Hash, sequence, time, forgedEvent);
        var forged = new AuditRecord(sequence, time, forgedEvent, previous.Hash, hash) { Mac = mac?.Compute(sequence, hash) };
        tamper.Insert(forged);
        return forged;
    }

    private async Task<AuditVerificationReport> VerifyAsync(bool withMac, DateTimeOffset? now = null, long everyRecords = 1000)
    {
        await using var log = Create(_temp.Path, Settings);
        var keys = new AuditKeyProvider(Microsoft.Extensions.Options.Options.Create(Settings), Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _temp.Path }), NullLogger<AuditKeyProvider>.Instance);
        using var key = keys.GetVerificationKey();
        using var mac = withMac ? AuditRecordMac.FromKey(keys.GetPrivateKeyForVerification()) : null;
        var policy = new AuditVerificationPolicy
        {
            RecordMac = mac,
            Now = now ?? DateTimeOffset.UtcNow,
            CheckpointInterval = Settings.CheckpointInterval,
            CheckpointEveryRecords = everyRecords,
            Recorded = await log.GetRecordedCheckpointAsync(),
        };
        var report = await AuditVerifier.VerifyAsync(log, await log.Checkpoints.ReadLinesAsync(), key, policy);
        keys.Dispose();
        return report;
    }
}
