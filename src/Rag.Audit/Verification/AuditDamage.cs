using Rag.Core.Audit;

namespace Rag.Audit.Verification;

/// <summary>One finding of a verification.</summary>
/// <param name="Kind">What kind of damage.</param>
/// <param name="FirstBadSequence">The first record that is not as written (null when only an interval or a checkpoint can be named).</param>
/// <param name="Message">One sentence for a person.</param>
public sealed record AuditDamage(AuditDamageKind Kind, long? FirstBadSequence, string Message)
{
    /// <summary>The checkpoint involved (1-based number in the checkpoint file), if any.</summary>
    public long? Checkpoint { get; init; }

    /// <summary>For <see cref="AuditDamageKind.Rewritten"/>: the first sequence number of the interval that holds the damage.</summary>
    public long? IntervalFrom { get; init; }

    /// <summary>For <see cref="AuditDamageKind.Rewritten"/>: the last sequence number of that interval.</summary>
    public long? IntervalTo { get; init; }
}
