using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>
/// Recomputes the hash chain and checks it against the signed checkpoints. Streams the records (constant memory)
/// and stops at the first bad record, which it names together with the kind of damage (docs/audit.md lists the rules).
/// </summary>
public static class AuditVerifier
{
    /// <summary>How far around a broken link verification looks to tell insertions, deletions and moves apart.</summary>
    public const int Window = 1024;

    /// <summary>Verifies <paramref name="source"/>'s chain against <paramref name="checkpointLines"/> with <paramref name="key"/> (the public half is enough), without a <see cref="AuditVerificationPolicy"/>.</summary>
    /// <param name="source">The stored records and purge marker.</param>
    /// <param name="checkpointLines">The checkpoint file's lines.</param>
    /// <param name="key">The audit key.</param>
    /// <param name="fromSequence">Start at the last good checkpoint before this record instead of the start of the log.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static Task<AuditVerificationReport> VerifyAsync(
        IAuditChainSource source,
        IReadOnlyList<string> checkpointLines,
        AuditKey key,
        long? fromSequence = null,
        CancellationToken cancellationToken = default) =>
        VerifyCoreAsync(source, checkpointLines, key, null, fromSequence, cancellationToken);

    /// <summary>
    /// Verifies <paramref name="source"/> as <c>rag audit verify</c> does: the chain and signatures, and also
    /// <paramref name="policy"/>'s rules (records no checkpoint covers must carry a valid MAC, records past due must be
    /// signed, checkpoints the store recorded must still be in the file, the key must be the pinned one).
    /// </summary>
    /// <param name="source">The stored records and purge marker.</param>
    /// <param name="checkpointLines">The checkpoint file's lines.</param>
    /// <param name="key">The audit key.</param>
    /// <param name="policy">The further rules.</param>
    /// <param name="fromSequence">Start at the last good checkpoint before this record instead of the start of the log.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static Task<AuditVerificationReport> VerifyAsync(
        IAuditChainSource source,
        IReadOnlyList<string> checkpointLines,
        AuditKey key,
        AuditVerificationPolicy policy,
        long? fromSequence = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return VerifyCoreAsync(source, checkpointLines, key, policy, fromSequence, cancellationToken);
    }

    private static async Task<AuditVerificationReport> VerifyCoreAsync(
        IAuditChainSource source,
        IReadOnlyList<string> checkpointLines,
        AuditKey key,
        AuditVerificationPolicy? policy,
        long? fromSequence,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(checkpointLines);
        ArgumentNullException.ThrowIfNull(key);
        var damage = new List<AuditDamage>();
        if (policy?.PinnedFingerprint is { } pin && !string.Equals(pin, key.Fingerprint, StringComparison.Ordinal))
        {
            damage.Add(new AuditDamage(AuditDamageKind.UntrustedKey, null, $"The verifying key (fingerprint {key.Fingerprint}) is not the one pinned by Rag:Audit:TrustedKeyFingerprint ({pin}): the signing key was replaced, so its signatures prove nothing."));
        }

        var (checkpoints, checkpointProblem, checkpointsChecked) = CheckpointVerifier.Verify(checkpointLines, key);
        checkpointProblem ??= policy is null ? null : MissingCheckpoints(policy, checkpoints);
        if (checkpointProblem is not null)
        {
            damage.Add(checkpointProblem);
        }

        var anchor = AuditAnchor.Genesis;
        var purge = await source.GetPurgeMarkerAsync(cancellationToken);
        if (purge is not null)
        {
            if (!string.Equals(purge.KeyId, key.KeyId, StringComparison.Ordinal) || !key.Verify(purge.Payload, purge.Signature))
            {
                damage.Add(new AuditDamage(AuditDamageKind.BadPurgeMarker, purge.ThroughSequence + 1, $"The purge marker (records 1..{purge.ThroughSequence} purged) has a bad signature: the purge may be fake."));
            }

            anchor = new AuditAnchor(purge.ThroughSequence, purge.HeadHash, "the purge marker");
        }

        if (fromSequence is { } from)
        {
            var start = checkpoints.LastOrDefault(c => c.Sequence < from && c.Sequence > anchor.AfterSequence);
            if (start is not null)
            {
                anchor = new AuditAnchor(start.Sequence, start.HeadHash, $"checkpoint {start.Number}");
            }
        }

        var walk = await WalkAsync(source, anchor, checkpoints, policy, cancellationToken);
        if (walk.Damage is not null)
        {
            damage.Add(walk.Damage);
        }

        return new AuditVerificationReport(
            damage,
            anchor.AfterSequence,
            walk.Checked,
            walk.Last,
            checkpointsChecked,
            walk.Matched,
            walk.Damage is null ? (walk.Last ?? anchor.AfterSequence) - Math.Max(walk.LastMatched, anchor.AfterSequence) : 0)
        {
            KeyFingerprint = key.Fingerprint,
            RecordMacsChecked = policy?.RecordMac is not null,
        };
    }

    /// <summary>The store recorded signing a checkpoint the file no longer holds (a WORM copy may end earlier, but never be empty).</summary>
    private static AuditDamage? MissingCheckpoints(AuditVerificationPolicy policy, List<AuditCheckpoint> checkpoints)
    {
        if (policy.Recorded is not { } recorded || checkpoints.Count > 0 && (policy.CheckpointFileIsCopy || checkpoints[^1].Number >= recorded.Number))
        {
            return null;
        }

        var holds = checkpoints.Count == 0 ? "holds no checkpoint" : $"ends at checkpoint {checkpoints[^1].Number}";
        return new AuditDamage(AuditDamageKind.CheckpointsMissing, null, $"The log recorded signing checkpoint {recorded.Number} (record {recorded.Sequence}), but the checkpoint file {holds}: it was deleted, emptied or cut short. Restore it from its WORM copy and verify against that copy.")
        {
            Checkpoint = recorded.Number,
        };
    }

    private static async Task<WalkResult> WalkAsync(IAuditChainSource source, AuditAnchor anchor, List<AuditCheckpoint> checkpoints, AuditVerificationPolicy? policy, CancellationToken cancellationToken)
    {
        var vouching = policy is null ? null : new TailVouching(policy);
        var bySequence = checkpoints.Where(c => c.Sequence > anchor.AfterSequence).ToLookup(c => c.Sequence);
        var expected = anchor.AfterSequence + 1;
        var link = anchor.Hash;

        // The anchor is in the window too, so a record slipped in right after it is recognised as inserted.
        var back = new Queue<(long Sequence, string Hash)>(Window + 1);
        back.Enqueue((anchor.AfterSequence, anchor.Hash));
        long checkedCount = 0;
        var matched = 0;
        var lastMatched = anchor.AfterSequence;
        long? last = null;

        // A checkpoint that disagrees with a consistent chain means a rewrite, unless the records just after it show a
        // local break that explains it (a record inserted at, or modified with its hash recomputed at, the checkpoint's
        // position): the walk goes on up to a window further to look for one before reporting the rewrite.
        WalkResult? rewritten = null;
        await using var records = new Lookahead<AuditRecord>(source.ReadChainAsync(anchor.AfterSequence + 1, cancellationToken), cancellationToken);
        while (await records.NextAsync() is (true, var record))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rewritten is not null && record.Sequence > rewritten.Last + Window)
            {
                return rewritten;
            }

            if (record.Sequence != expected)
            {
                var missing = record.Sequence > expected
                    ? new AuditDamage(AuditDamageKind.Deleted, expected, $"Records {Range(expected, record.Sequence - 1)} are missing: the log jumps from {expected - 1} to {record.Sequence}.")
                    : new AuditDamage(AuditDamageKind.Inserted, record.Sequence, $"Record {record.Sequence} appears again after {expected - 1}.");
                return Explains(rewritten, missing) ?? new WalkResult(missing, checkedCount, last, matched, lastMatched);
            }

            var selfConsistent = AuditChain.IsSelfConsistent(record);
            var linked = string.Equals(record.PreviousHash, link, StringComparison.Ordinal);
            if (!selfConsistent || !linked)
            {
                var found = await ClassifyAsync(record, selfConsistent, linked, link, anchor, back, records);
                return Explains(rewritten, found) ?? new WalkResult(found, checkedCount, last, matched, lastMatched);
            }

            if (vouching?.BadMac(record) is { } badMac)
            {
                return Explains(rewritten, badMac) ?? new WalkResult(badMac, checkedCount, last, matched, lastMatched);
            }

            checkedCount++;
            vouching?.Add(record);
            foreach (var checkpoint in bySequence[record.Sequence])
            {
                if (rewritten is not null)
                {
                    break;
                }

                if (!string.Equals(checkpoint.HeadHash, record.Hash, StringComparison.Ordinal))
                {
                    var damage = new AuditDamage(
                        AuditDamageKind.Rewritten,
                        null,
                        $"The chain is consistent but does not match signed checkpoint {checkpoint.Number} at record {record.Sequence}: records {Range(lastMatched + 1, record.Sequence)} were rewritten without the signing key.")
                    {
                        Checkpoint = checkpoint.Number,
                        IntervalFrom = lastMatched + 1,
                        IntervalTo = record.Sequence,
                    };
                    rewritten = new WalkResult(damage, checkedCount, record.Sequence, matched, lastMatched);
                    break;
                }

                matched++;
                lastMatched = record.Sequence;
                vouching?.Covered();
            }

            back.Enqueue((record.Sequence, record.Hash));
            if (back.Count > Window)
            {
                back.Dequeue();
            }

            link = record.Hash;
            last = record.Sequence;
            expected++;
        }

        if (rewritten is not null)
        {
            return rewritten;
        }

        var end = last ?? anchor.AfterSequence;
        var beyond = checkpoints.FirstOrDefault(c => c.Sequence > end);
        if (beyond is not null)
        {
            var lastCovered = checkpoints.LastOrDefault(c => c.Sequence <= end);
            var after = lastCovered is null ? "before the first checkpoint" : $"after checkpoint {lastCovered.Number} (record {lastCovered.Sequence})";
            var truncated = new AuditDamage(AuditDamageKind.Truncated, end + 1, $"The log was truncated {after}: it ends at record {end}, but checkpoint {beyond.Number} covers record {beyond.Sequence}.")
            {
                Checkpoint = lastCovered?.Number,
            };
            return new WalkResult(truncated, checkedCount, last, matched, lastMatched);
        }

        return new WalkResult(vouching?.Uncovered(Math.Max(lastMatched, anchor.AfterSequence), end), checkedCount, last, matched, lastMatched);
    }

    /// <summary>While a checkpoint mismatch is pending: that mismatch, unless <paramref name="found"/> names a record at or before it (then the caller reports <paramref name="found"/>).</summary>
    private static WalkResult? Explains(WalkResult? rewritten, AuditDamage found) =>
        rewritten is null || found.FirstBadSequence <= rewritten.Last ? null : rewritten;

    /// <summary>Names the first bad record and the kind of damage, from the broken record and its neighbours.</summary>
    private static async Task<AuditDamage> ClassifyAsync(
        AuditRecord record, bool selfConsistent, bool linked, string link, AuditAnchor anchor, Queue<(long Sequence, string Hash)> back, Lookahead<AuditRecord> records)
    {
        var sequence = record.Sequence;
        var ahead = await records.PeekAsync(Window);
        var nextLinksPast = ahead.Count > 0 && string.Equals(ahead[0].PreviousHash, link, StringComparison.Ordinal);
        if (linked)
        {
            // The content changed in place, unless the next record links past this one: then it was slipped in.
            return nextLinksPast
                ? Inserted(sequence, sequence)
                : new AuditDamage(AuditDamageKind.Modified, sequence, $"Record {sequence} was modified: its content no longer matches its hash.");
        }

        if (back.Any(b => b.Sequence > anchor.AfterSequence && string.Equals(b.Hash, record.Hash, StringComparison.Ordinal))
            || ahead.Any(a => string.Equals(a.Hash, record.Hash, StringComparison.Ordinal)))
        {
            // Another record carries the very same hash: this one is a copy, replayed into the chain.
            return new AuditDamage(AuditDamageKind.Inserted, sequence, $"Record {sequence} was inserted: it is a copy of another record.");
        }

        if (ahead.Any(a => string.Equals(a.Hash, record.PreviousHash, StringComparison.Ordinal)))
        {
            return new AuditDamage(AuditDamageKind.Reordered, sequence, $"Record {sequence} was moved: it follows a record that now comes after it.");
        }

        foreach (var (earlier, hash) in back)
        {
            if (earlier < sequence - 1 && string.Equals(hash, record.PreviousHash, StringComparison.Ordinal))
            {
                return Inserted(earlier + 1, sequence - 1);
            }
        }

        if (nextLinksPast)
        {
            return Inserted(sequence, sequence);
        }

        if (selfConsistent)
        {
            // The record is intact but links to a hash nothing has: the record before it was rewritten, hash and all.
            return sequence - 1 > anchor.AfterSequence
                ? new AuditDamage(AuditDamageKind.Modified, sequence - 1, $"Record {sequence - 1} was modified and its hash recomputed: record {sequence} still links to the original.")
                : new AuditDamage(AuditDamageKind.Modified, sequence, $"Record {sequence} does not link to {anchor.Description}.");
        }

        for (var shift = 1; shift <= Window; shift++)
        {
            if (string.Equals(AuditChain.ComputeHash(record.PreviousHash, sequence + shift, record.Time, record.Event), record.Hash, StringComparison.Ordinal))
            {
                return new AuditDamage(AuditDamageKind.Deleted, sequence, $"{shift} record(s) before record {sequence} were deleted and the rest renumbered: record {sequence} was written as {sequence + shift}.");
            }
        }

        return new AuditDamage(AuditDamageKind.Modified, sequence, $"Record {sequence} was modified: neither its content nor its link match.");
    }

    private static AuditDamage Inserted(long first, long last) =>
        new(AuditDamageKind.Inserted, first, $"Record(s) {Range(first, last)} were inserted: the record after them links to the one before.");

    private static string Range(long first, long last) => first == last ? first.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{first}..{last}";

    private sealed record WalkResult(AuditDamage? Damage, long Checked, long? Last, int Matched, long LastMatched);
}
