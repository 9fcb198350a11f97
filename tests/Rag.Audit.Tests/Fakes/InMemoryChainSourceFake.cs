using System.Runtime.CompilerServices;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;

namespace Rag.Audit.Tests;

/// <summary>Fake audit store: a list of records the test appends to and then damages at will, and an optional purge marker.</summary>
internal sealed class InMemoryChainSourceFake : IAuditChainSource
{
    /// <summary>When the first record was written; each next one a second later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The stored records, in any order (reads return them by sequence number, as the real store does).</summary>
    public List<AuditRecord> Records { get; } = [];

    /// <summary>The purge marker the store returns.</summary>
    public AuditPurgeMarker? PurgeMarker { get; set; }

    /// <summary>A store holding a correct chain of <paramref name="count"/> records.</summary>
    public static InMemoryChainSourceFake WithRecords(int count)
    {
        var fake = new InMemoryChainSourceFake();
        for (var i = 0; i < count; i++)
        {
            fake.Append(Event(i));
        }

        return fake;
    }

    /// <summary>A distinct event per <paramref name="index"/>.</summary>
    public static AuditEvent Event(int index) =>
        new(AuditActions.QuestionAsked, new AuditActor("u-" + (index % 3), "User " + (index % 3), ["staff"], []), ["doc-" + index], AuditOutcomes.Answered)
        {
            Detail = "q" + index,
        };

    /// <summary>Appends <paramref name="auditEvent"/> correctly chained after the last record (or the purge marker).</summary>
    public AuditRecord Append(AuditEvent auditEvent)
    {
        var last = Records.Count == 0 ? null : Records.MaxBy(r => r.Sequence);
        var sequence = (last?.Sequence ?? PurgeMarker?.ThroughSequence ?? 0) + 1;
        var link = last?.Hash ?? PurgeMarker?.HeadHash ?? AuditChain.GenesisHash;
        var time = Start.AddSeconds(sequence);
        var record = new AuditRecord(sequence, time, auditEvent, link, AuditChain.ComputeHash(link, sequence, time, auditEvent));
        Records.Add(record);
        return record;
    }

    /// <summary>The stored record at <paramref name="sequence"/>.</summary>
    public AuditRecord At(long sequence) => Records.Single(r => r.Sequence == sequence);

    /// <summary>Replaces the stored record at <paramref name="sequence"/>.</summary>
    public void Replace(long sequence, AuditRecord record) => Records[Records.FindIndex(r => r.Sequence == sequence)] = record;

    /// <summary>Adds <paramref name="delta"/> to the sequence number of every record from <paramref name="from"/> on, hashes untouched.</summary>
    public void Renumber(long from, long delta)
    {
        for (var i = 0; i < Records.Count; i++)
        {
            if (Records[i].Sequence >= from)
            {
                Records[i] = Records[i] with { Sequence = Records[i].Sequence + delta };
            }
        }
    }

    /// <summary>Inserts a well-formed record at <paramref name="sequence"/> (valid hash, linked to the one before) and renumbers the rest.</summary>
    public void InsertWellFormed(long sequence, AuditEvent auditEvent)
    {
        var link = sequence == 1 ? AuditChain.GenesisHash : At(sequence - 1).Hash;
        Renumber(sequence, 1);
        var time = Start.AddSeconds(sequence);
        Records.Add(new AuditRecord(sequence, time, auditEvent, link, AuditChain.ComputeHash(link, sequence, time, auditEvent)));
    }

    /// <summary>Signed checkpoint lines after each of <paramref name="sequences"/>, linked as the real checkpoint file links them.</summary>
    public List<string> CheckpointLines(AuditKey key, params long[] sequences)
    {
        var lines = new List<string>();
        AuditCheckpoint? previous = null;
        foreach (var sequence in sequences)
        {
            previous = AuditCheckpoint.Create(lines.Count + 1, sequence, At(sequence).Hash, Start.AddDays(1), previous?.PayloadHash ?? AuditChain.GenesisHash, key);
            lines.Add(AuditCheckpointLine.Format(previous));
        }

        return lines;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadChainAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in Records.Where(r => r.Sequence >= fromSequence).OrderBy(r => r.Sequence).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return record;
        }
    }

    /// <inheritdoc />
    public Task<AuditPurgeMarker?> GetPurgeMarkerAsync(CancellationToken cancellationToken = default) => Task.FromResult(PurgeMarker);
}
