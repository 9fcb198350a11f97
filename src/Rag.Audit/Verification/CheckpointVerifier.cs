using Rag.Audit.Signing;
using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>Checks the checkpoint file on its own: every line parses, is numbered in turn, links to the one before, and is signed by the key.</summary>
internal static class CheckpointVerifier
{
    /// <summary>The checkpoints whose signature holds (the ones the chain is compared with), and the first problem found, if any.</summary>
    public static (List<AuditCheckpoint> Valid, AuditDamage? Problem, int Checked) Verify(IReadOnlyList<string> lines, AuditKey key)
    {
        var valid = new List<AuditCheckpoint>();
        AuditDamage? problem = null;
        AuditCheckpoint? previous = null;
        var checkedCount = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var lineNumber = i + 1;
            var checkpoint = AuditCheckpointLine.TryParse(lines[i], out var error);
            if (checkpoint is null)
            {
                problem ??= new AuditDamage(AuditDamageKind.CheckpointFileDamaged, null, $"Line {lineNumber} of the checkpoint file is not a checkpoint ({error}).");
                continue;
            }

            checkedCount++;
            if (!string.Equals(checkpoint.KeyId, key.KeyId, StringComparison.Ordinal) || !key.Verify(checkpoint.Payload, checkpoint.Signature))
            {
                var why = string.Equals(checkpoint.KeyId, key.KeyId, StringComparison.Ordinal)
                    ? "its signature does not match its content"
                    : $"it names key {checkpoint.KeyId}, not the verifying key {key.KeyId}";
                problem ??= new AuditDamage(AuditDamageKind.BadCheckpointSignature, null, $"Checkpoint {checkpoint.Number} (line {lineNumber}, record {checkpoint.Sequence}) has a bad signature: {why}.")
                {
                    Checkpoint = checkpoint.Number,
                };
                previous = checkpoint;
                continue;
            }

            var expectedNumber = (previous?.Number ?? 0) + 1;
            var expectedLink = previous?.PayloadHash ?? AuditChain.GenesisHash;
            if (checkpoint.Number != expectedNumber || !string.Equals(checkpoint.PreviousCheckpointHash, expectedLink, StringComparison.Ordinal))
            {
                problem ??= new AuditDamage(
                    AuditDamageKind.CheckpointFileDamaged,
                    null,
                    checkpoint.Number != expectedNumber
                        ? $"The checkpoint file skips from checkpoint {expectedNumber - 1} to {checkpoint.Number} (line {lineNumber}): lines were removed or reordered."
                        : $"Checkpoint {checkpoint.Number} (line {lineNumber}) does not link to the checkpoint before it: a line was removed or replaced.")
                {
                    Checkpoint = checkpoint.Number,
                };
            }
            else if (previous is not null && checkpoint.Sequence < previous.Sequence)
            {
                problem ??= new AuditDamage(AuditDamageKind.CheckpointFileDamaged, null, $"Checkpoint {checkpoint.Number} covers record {checkpoint.Sequence}, before checkpoint {previous.Number}'s {previous.Sequence}.")
                {
                    Checkpoint = checkpoint.Number,
                };
            }

            valid.Add(checkpoint);
            previous = checkpoint;
        }

        return (valid, problem, checkedCount);
    }
}
